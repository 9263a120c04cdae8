import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Health } from '@concerto/shared';
import { fetchHealth } from '../services/healthService.ts';

/** The server's health as last seen by this browser. */
export const useHealthStore = defineStore('health', () => {
  const health = ref<Health | null>(null);
  const loading = ref(false);
  const unreachable = ref(false);

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      health.value = await fetchHealth();
      unreachable.value = false;
    } catch {
      health.value = null;
      unreachable.value = true;
    } finally {
      loading.value = false;
    }
  }

  return { health, loading, unreachable, refresh };
});
