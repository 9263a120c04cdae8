import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConcertationView, DecisionView, SpaceView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as concertationsService from '../services/concertationsService.ts';
import * as decisionsService from '../services/decisionsService.ts';
import * as functionsService from '../services/functionsService.ts';
import { fetchSpaces } from '../services/spacesService.ts';
import { useFamilyStore } from './family.ts';

/**
 * The concertation that is open (lobby, room) with what its panels show: decisions, functions and the
 * shared plan's space. Each part is read only when the family file's `policies` allow it, and read again
 * after a change or when the room says it changed; the server filters everything for the caller.
 */
export const useConcertationStore = defineStore('concertation', () => {
  const familyStore = useFamilyStore();
  const concertation = ref<ConcertationView | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const decisions = ref<DecisionView[]>([]);
  const functions = ref<functionsService.FunctionsView | null>(null);
  /** The family's shared plan, when the caller may open it (otherwise no plan is shown at all). */
  const planSpace = ref<SpaceView | null>(null);

  const concertationId = computed(() => concertation.value?.id ?? '');
  const familyId = computed(() => concertation.value?.familyId ?? '');

  async function quietly(read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    }
  }

  async function reloadConcertation(): Promise<void> {
    await quietly(async () => {
      concertation.value = await concertationsService.fetchConcertation(concertationId.value);
    });
  }

  async function reloadDecisions(): Promise<void> {
    if (!familyStore.may('family.decisions.read')) return;
    await quietly(async () => {
      decisions.value = await decisionsService.listDecisions(familyId.value);
    });
  }

  async function reloadFunctions(): Promise<void> {
    if (!familyStore.may('family.functions.read')) return;
    await quietly(async () => {
      functions.value = await functionsService.fetchFunctions(familyId.value);
    });
  }

  async function reloadPlanSpace(): Promise<void> {
    await quietly(async () => {
      const spaces = await fetchSpaces(familyId.value);
      planSpace.value =
        spaces.find((space) => space.kind === 'sharedPlan' && space.myAccess !== 'none') ?? null;
    });
  }

  /** Reads the concertation, then the family file (team, members, policies) and the panels it allows. */
  async function load(id: string): Promise<void> {
    if (concertation.value?.id !== id) {
      concertation.value = null;
      decisions.value = [];
      functions.value = null;
      planSpace.value = null;
    }
    loading.value = true;
    error.value = null;
    try {
      concertation.value = await concertationsService.fetchConcertation(id);
      await familyStore.load(concertation.value.familyId);
      if (familyStore.error) throw familyStore.error;
      await Promise.all([reloadDecisions(), reloadFunctions(), reloadPlanSpace()]);
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** Reads again what the room says changed. */
  async function refresh(
    what: 'decisions' | 'functions' | 'concertation' | 'stratum' | 'all',
  ): Promise<void> {
    if (what === 'decisions') return reloadDecisions();
    if (what === 'functions') return reloadFunctions();
    if (what === 'stratum') return familyStore.load(familyId.value);
    if (what === 'concertation') return reloadConcertation();
    await Promise.all([reloadConcertation(), familyStore.load(familyId.value)]);
    await Promise.all([reloadDecisions(), reloadFunctions()]);
  }

  /** Runs a change; its own errors reach the form that asked, then the part it touched is read again. */
  async function changeThen<T>(change: () => Promise<T>, reread: () => Promise<void>): Promise<T> {
    const result = await change();
    await reread();
    return result;
  }

  return {
    concertation,
    loading,
    error,
    decisions,
    functions,
    planSpace,
    concertationId,
    familyId,
    load,
    refresh,
    openRoom: () =>
      changeThen(
        () =>
          concertationsService.updateConcertation(
            concertationId.value,
            { status: 'open' },
            concertation.value?.version,
          ),
        reloadConcertation,
      ),
    markAttendance: (mark: concertationsService.AttendanceMark) =>
      changeThen(() => concertationsService.markAttendance(concertationId.value, mark), reloadConcertation),
    close: (keepOpen?: concertationsService.KeepOpenForPositions) =>
      changeThen(
        () => concertationsService.closeConcertation(concertationId.value, keepOpen),
        reloadConcertation,
      ),
    propose: (request: decisionsService.ProposeDecisionRequest) =>
      changeThen(() => decisionsService.proposeDecision(familyId.value, request), reloadDecisions),
    givePosition: (decisionId: string, request: decisionsService.GivePositionRequest) =>
      changeThen(() => decisionsService.givePosition(decisionId, request), reloadDecisions),
    record: (decisionId: string) =>
      changeThen(() => decisionsService.recordDecision(decisionId), reloadDecisions),
    amend: (decisionId: string, request: decisionsService.AmendDecisionRequest) =>
      changeThen(() => decisionsService.amendDecision(decisionId, request), reloadDecisions),
    assignFunction: (request: functionsService.AssignFunctionRequest) =>
      changeThen(
        () => functionsService.assignFunction(familyId.value, request),
        async () => {
          await Promise.all([reloadFunctions(), familyStore.load(familyId.value)]);
        },
      ),
    acknowledgeHandover: (assignmentId: string) =>
      changeThen(() => functionsService.acknowledgeHandover(familyId.value, assignmentId), reloadFunctions),
  };
});
