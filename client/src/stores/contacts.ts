import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ContactLog } from '@concerto/shared';
import * as contactsService from '../services/contactsService.ts';
import type { RecordContactRequest } from '../services/contactsService.ts';
import { useFamilyScopedLoad } from './familyScopedLoad.ts';

/** The contact log of the open family file, as the server filtered it for the caller. */
export const useContactsStore = defineStore('contacts', () => {
  const log = ref<ContactLog | null>(null);
  const { familyId, loading, error, load } = useFamilyScopedLoad(
    log,
    () => null,
    contactsService.fetchContactLog,
  );

  async function record(request: RecordContactRequest): Promise<void> {
    log.value = await contactsService.recordContact(familyId.value, request);
  }

  return { familyId, log, loading, error, load, record };
});
