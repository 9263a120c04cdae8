import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MyWork } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as closingService from '../services/closingService.ts';
import * as workService from '../services/workService.ts';

/** "Mon travail" of the signed-in professional, across the families they follow. */
export const useWorkStore = defineStore('work', () => {
  const work = ref<MyWork | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      work.value = await workService.fetchMyWork();
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** The coordinator answered a member's request about her data: it leaves the list. */
  async function markRequestHandled(familyId: string, requestId: string): Promise<void> {
    await closingService.markRequestHandled(familyId, requestId);
    await load();
  }

  return { work, loading, error, load, markRequestHandled };
});
