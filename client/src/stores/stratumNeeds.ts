import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StratumNeeds } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as strataService from '../services/strataService.ts';

/** What the open family's stratum needs, as the server computed it for the team. */
export const useStratumNeedsStore = defineStore('stratumNeeds', () => {
  const needs = ref<StratumNeeds | null>(null);
  const familyId = ref('');
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) needs.value = null;
    familyId.value = id;
    try {
      needs.value = await strataService.fetchStratumNeeds(id);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    }
  }

  /** Runs a change whose answer is the new state (its errors reach the form that asked). */
  async function apply(change: (id: string) => Promise<StratumNeeds>): Promise<void> {
    needs.value = await change(familyId.value);
  }

  return {
    needs,
    error,
    load,
    recordRefusal: (refusal: Parameters<typeof strataService.recordRefusal>[1]) =>
      apply((id) => strataService.recordRefusal(id, refusal)),
    recordSelfCoordination: (on: boolean) => apply((id) => strataService.recordSelfCoordination(id, on)),
    confirm: (note?: string) => apply((id) => strataService.confirmStratum(id, note)),
  };
});
