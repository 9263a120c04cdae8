import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FamilySummary, FamilyView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as familiesService from '../services/familiesService.ts';
import type { CreateFamilyRequest } from '../types/contract.ts';

/** "Mes familles": the families the signed-in professional follows. */
export const useFamiliesStore = defineStore('families', () => {
  const summaries = ref<FamilySummary[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      summaries.value = await familiesService.listFamilies();
      error.value = null;
      loaded.value = true;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** Opens a new family file and refreshes the list so it shows its phase and next step. */
  async function create(request: CreateFamilyRequest): Promise<FamilyView> {
    const created = await familiesService.createFamily(request);
    void load();
    return created;
  }

  return { summaries, loading, loaded, error, load, create };
});
