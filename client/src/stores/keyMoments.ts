import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KeyMomentView, RecordKeyMomentRequest } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as keyMomentsService from '../services/keyMomentsService.ts';

/** The timeline of the open family file, as the server computed it for the caller. */
export const useKeyMomentsStore = defineStore('keyMoments', () => {
  const familyId = ref('');
  const moments = ref<KeyMomentView[]>([]);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) moments.value = [];
    familyId.value = id;
    loading.value = true;
    try {
      const loaded = await keyMomentsService.loadTimeline(id);
      if (familyId.value === id) moments.value = loaded.moments;
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** Records a moment; the server answers the whole timeline (statuses may change together). */
  async function record(request: RecordKeyMomentRequest): Promise<void> {
    const id = familyId.value;
    const timeline = await keyMomentsService.recordKeyMoment(id, request);
    if (familyId.value === id) moments.value = timeline.moments;
  }

  return { familyId, moments, loading, error, load, record };
});
