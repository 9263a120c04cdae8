import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { RoomState } from '@concerto/shared';

/**
 * The meeting timer as everyone sees it tick: the server keeps its running state and start time, each
 * participant computes the elapsed time locally, once a second, only while it runs.
 */
export function useRoomClock(timer: Ref<RoomState['timer'] | undefined>) {
  const now = ref(Date.now());
  let ticking: ReturnType<typeof setInterval> | null = null;

  function stop(): void {
    if (ticking) clearInterval(ticking);
    ticking = null;
  }

  watch(
    () => timer.value?.running === true,
    (running) => {
      stop();
      now.value = Date.now();
      if (running) ticking = setInterval(() => (now.value = Date.now()), 1000);
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);

  const elapsedMs = computed(() => {
    const current = timer.value;
    if (!current) return 0;
    const running = current.running && current.startedAt ? Math.max(0, now.value - current.startedAt) : 0;
    return current.elapsedMs + running;
  });

  return { elapsedMs };
}

/** Elapsed time as `m:ss` (or `h:mm:ss` past an hour). */
export function formatElapsed(milliseconds: number): string {
  const total = Math.floor(milliseconds / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
