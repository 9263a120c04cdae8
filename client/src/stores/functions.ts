import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../services/apiClient.ts';
import * as functionsService from '../services/functionsService.ts';
import { useFamilyStore } from './family.ts';

/**
 * The functions of the open family file, outside any concertation: who holds them, their history, and the
 * changes (each followed by a fresh reading of the functions and of the file, whose team shows them).
 */
export const useFunctionsStore = defineStore('functions', () => {
  const familyStore = useFamilyStore();
  const familyId = ref<string | null>(null);
  const functions = ref<functionsService.FunctionsView | null>(null);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) functions.value = null;
    familyId.value = id;
    try {
      functions.value = await functionsService.fetchFunctions(id);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    }
  }

  async function changeThenReload<T>(change: (id: string) => Promise<T>): Promise<T> {
    const id = familyId.value;
    if (!id) throw new Error('Load the functions of a family before changing them.');
    const result = await change(id);
    await Promise.all([load(id), familyStore.load(id)]);
    return result;
  }

  return {
    functions,
    error,
    load,
    assign: (request: functionsService.AssignFunctionRequest) =>
      changeThenReload((id) => functionsService.assignFunction(id, request)),
    acknowledge: (assignmentId: string) =>
      changeThenReload((id) => functionsService.acknowledgeHandover(id, assignmentId)),
  };
});
