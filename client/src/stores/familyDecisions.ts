import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DecisionView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as decisionsService from '../services/decisionsService.ts';

/** Decisions of one family file outside the meeting room: proposals open for positions between meetings. */
export const useFamilyDecisionsStore = defineStore('familyDecisions', () => {
  const familyId = ref<string | null>(null);
  const decisions = ref<DecisionView[]>([]);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) decisions.value = [];
    familyId.value = id;
    try {
      decisions.value = await decisionsService.listDecisions(id);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    }
  }

  /** Runs a change, then reads the decisions again; the change's own errors reach the form that asked. */
  async function changeThenReload<T>(change: () => Promise<T>): Promise<T> {
    const result = await change();
    if (familyId.value) await load(familyId.value);
    return result;
  }

  return {
    decisions,
    error,
    load,
    propose: (request: decisionsService.ProposeDecisionRequest) =>
      changeThenReload(() => decisionsService.proposeDecision(familyId.value!, request)),
    givePosition: (decisionId: string, request: decisionsService.GivePositionRequest) =>
      changeThenReload(() => decisionsService.givePosition(decisionId, request)),
    record: (decisionId: string) => changeThenReload(() => decisionsService.recordDecision(decisionId)),
  };
});
