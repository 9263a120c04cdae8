import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { DirectoryEntry } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as directoryService from '../services/directoryService.ts';
import type { DirectorySearch } from '../services/directoryService.ts';

/**
 * "Cadastre vivant": the current search and its results. The search stays when one leaves the page and
 * comes back; an answer that arrives after a newer search started is dropped.
 */
export const useDirectoryStore = defineStore('directory', () => {
  const search = reactive<DirectorySearch>({ q: '', bassin: '', kind: '', language: '' });
  const entries = ref<DirectoryEntry[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const found = await directoryService.searchDirectory({ ...search });
      if (ticket !== latest) return;
      entries.value = found;
      error.value = null;
      loaded.value = true;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      if (ticket === latest) error.value = caught;
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  /** Shows the server's new version of a service in place. */
  function replace(entry: DirectoryEntry): void {
    entries.value = entries.value.map((shown) => (shown.id === entry.id ? entry : shown));
  }

  /** Adds a service and shows it on top of the results. */
  async function create(input: directoryService.DirectoryEntryInput): Promise<DirectoryEntry> {
    const created = await directoryService.createDirectoryEntry(input);
    entries.value = [created, ...entries.value.filter((shown) => shown.id !== created.id)];
    return created;
  }

  /** Sends a change (an edit, or the availability) to the entry as shown, and shows the result. */
  async function update(
    entry: DirectoryEntry,
    change: directoryService.DirectoryEntryChange,
  ): Promise<DirectoryEntry> {
    const updated = await directoryService.updateDirectoryEntry(entry.id, change, entry.version);
    replace(updated);
    return updated;
  }

  return { search, entries, loading, loaded, error, load, replace, create, update };
});
