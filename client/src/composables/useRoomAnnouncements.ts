import { nextTick, ref, watch, type Ref } from 'vue';
import type { RoomState } from '@concerto/shared';

/**
 * What a screen reader hears of the room: arrivals and departures, raised hands, the agenda moving on.
 * Each change is one short sentence in a polite live region.
 */
export function useRoomAnnouncements(
  state: Ref<RoomState | null>,
  agendaTitle: (index: number) => string,
  t: (key: string, values?: Record<string, unknown>) => string,
) {
  const announcement = ref('');

  async function announce(text: string): Promise<void> {
    // Emptying first makes a repeated sentence heard again.
    announcement.value = '';
    await nextTick();
    announcement.value = text;
  }

  watch(state, (next, previous) => {
    if (!next || !previous) return;
    const before = new Map(previous.participants.map((participant) => [participant.key, participant]));
    const after = new Map(next.participants.map((participant) => [participant.key, participant]));
    const sentences: string[] = [];
    for (const [key, participant] of after) {
      const earlier = before.get(key);
      if (!earlier) sentences.push(t('concertation.announce.joined', { name: participant.name }));
      else if (participant.handRaised && !earlier.handRaised)
        sentences.push(t('concertation.announce.hand', { name: participant.name }));
    }
    for (const [key, participant] of before)
      if (!after.has(key)) sentences.push(t('concertation.announce.left', { name: participant.name }));
    if (next.currentAgendaIndex !== previous.currentAgendaIndex)
      sentences.push(t('concertation.announce.agenda', { title: agendaTitle(next.currentAgendaIndex) }));
    if (next.timer.running !== previous.timer.running)
      sentences.push(
        t(next.timer.running ? 'concertation.announce.timerStarted' : 'concertation.announce.timerPaused'),
      );
    if (sentences.length) void announce(sentences.join(' '));
  });

  return { announcement, announce };
}
