import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ContactLog } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as contactsService from '../services/contactsService.ts';
import type { RecordContactRequest } from '../services/contactsService.ts';

/** The contact log of the open family file, as the server filtered it for the caller. */
export const useContactsStore = defineStore('contacts', () => {
  const familyId = ref('');
  const log = ref<ContactLog | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) log.value = null;
    familyId.value = id;
    loading.value = true;
    try {
      const loaded = await contactsService.fetchContactLog(id);
      if (familyId.value === id) log.value = loaded;
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  async function record(request: RecordContactRequest): Promise<void> {
    log.value = await contactsService.recordContact(familyId.value, request);
  }

  return { familyId, log, loading, error, load, record };
});
