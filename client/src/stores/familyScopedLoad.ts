import { ref, type Ref } from 'vue';
import { ApiError } from '../services/apiClient.ts';

/**
 * Loading one family's list into a store: what another family showed is cleared at once, an answer that
 * arrives after the user moved to another family is dropped, and an API error is kept for the section.
 */
export function useFamilyScopedLoad<T>(
  target: Ref<T>,
  empty: () => T,
  fetch: (familyId: string) => Promise<T>,
) {
  const familyId = ref('');
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) target.value = empty();
    familyId.value = id;
    loading.value = true;
    try {
      const loaded = await fetch(id);
      if (familyId.value === id) target.value = loaded;
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  return { familyId, loading, error, load };
}
