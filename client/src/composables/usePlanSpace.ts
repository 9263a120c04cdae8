import { computed, ref, watch } from 'vue';
import type { SpaceView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import { fetchSpaces } from '../services/spacesService.ts';
import { useFamilyStore } from '../stores/family.ts';

/**
 * What a plan needs around its document: the space (kind, title, audience, the caller's access) and the
 * family file (members and team, to choose who carries an action). The family file comes from the family
 * store, loaded only if another family (or none) is open.
 */
export function usePlanSpace(familyId: () => string, spaceId: () => string) {
  const familyStore = useFamilyStore();
  const space = ref<SpaceView | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  const family = computed(() => (familyStore.view?.id === familyId() ? familyStore.view : null));

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [spaces] = await Promise.all([
        fetchSpaces(familyId()),
        family.value ? Promise.resolve() : familyStore.load(familyId()),
      ]);
      space.value = spaces.find((candidate) => candidate.id === spaceId()) ?? null;
      // A space one may not open is not listed at all: say so as the API would.
      if (!space.value) error.value = new ApiError(404, 'not_found', 'No such space.');
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  watch([familyId, spaceId], () => void load(), { immediate: true });

  return { space, family, error, loading, reload: load };
}
