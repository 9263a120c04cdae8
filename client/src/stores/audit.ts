import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../services/apiClient.ts';
import { fetchAudit } from '../services/auditService.ts';
import type { AuditEntry } from '../types/contract.ts';

/** The audit trail of one family file: who opened or changed it, and when. */
export const useAuditStore = defineStore('audit', () => {
  const familyId = ref<string | null>(null);
  const entries = ref<AuditEntry[]>([]);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) entries.value = [];
    familyId.value = id;
    loading.value = true;
    try {
      entries.value = await fetchAudit(id);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  return { familyId, entries, loading, error, load };
});
