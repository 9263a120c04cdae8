import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type {
  ConsentScope,
  FamilyAction,
  FamilyView,
  FileEndKind,
  IndicatorStatus,
  Stratum,
} from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as assessmentsService from '../services/assessmentsService.ts';
import * as closingService from '../services/closingService.ts';
import * as consentsService from '../services/consentsService.ts';
import * as familiesService from '../services/familiesService.ts';
import * as flagsService from '../services/flagsService.ts';
import * as followUpService from '../services/followUpService.ts';
import * as indicatorsService from '../services/indicatorsService.ts';
import * as membersService from '../services/membersService.ts';
import * as teamService from '../services/teamService.ts';
import type {
  AddTeamMemberRequest,
  Flag,
  InvitationCreated,
  NewMember,
  RecordIndicatorRequest,
  RecordServiceRequest,
  UpdateFamilyRequest,
} from '../types/contract.ts';

/**
 * The family file that is open, exactly as the server filtered it for the caller. Every change is sent to
 * the server and the file is read again, so what is shown (and `policies`) always comes from the server.
 */
export const useFamilyStore = defineStore('family', () => {
  const view = ref<FamilyView | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const flags = ref<Flag[]>([]);
  const flagsError = ref<ApiError | null>(null);

  const familyId = computed(() => view.value?.id ?? '');

  /** Whether the server says the caller may do this here; false while nothing is loaded. */
  function may(action: FamilyAction): boolean {
    return view.value?.policies[action] === true;
  }

  async function load(id: string): Promise<void> {
    if (view.value?.id !== id) {
      view.value = null;
      flags.value = [];
    }
    loading.value = true;
    try {
      view.value = await familiesService.fetchFamily(id);
      error.value = null;
      if (may('family.flags.read')) await loadFlags();
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  async function loadFlags(): Promise<void> {
    try {
      flags.value = await flagsService.listFlags(familyId.value);
      flagsError.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      flagsError.value = caught;
    }
  }

  /** Runs a change, then reads the file again; the change's own errors reach the form that asked. */
  async function changeThenReload<T>(change: (id: string) => Promise<T>): Promise<T> {
    const result = await change(familyId.value);
    await load(familyId.value);
    return result;
  }

  return {
    view,
    loading,
    error,
    flags,
    flagsError,
    familyId,
    may,
    load,
    update: (request: UpdateFamilyRequest) =>
      changeThenReload((id) => familiesService.updateFamily(id, request, view.value?.version ?? 0)),
    addMember: (member: NewMember) => changeThenReload((id) => membersService.addMember(id, member)),
    createInvitation: (
      memberId: string,
      options: { expiresInDays: number; sharePlan: boolean },
    ): Promise<InvitationCreated> => membersService.createInvitation(familyId.value, memberId, options),
    memberVisibility: (memberId: string) => membersService.fetchMemberVisibility(familyId.value, memberId),
    addTeamMember: (request: AddTeamMemberRequest) =>
      changeThenReload((id) => teamService.addTeamMember(id, request)),
    endTeamMembership: (professionalId: string) =>
      changeThenReload((id) => teamService.endTeamMembership(id, professionalId)),
    closeFile: (end: { kind: FileEndKind; reason: string; at?: string }) =>
      changeThenReload((id) => closingService.closeFile(id, end)),
    extendFollowUp: (extension: { reason: string; reviewDate: string }) =>
      changeThenReload((id) => closingService.extendFollowUp(id, extension)),
    changeStratum: (stratum: Stratum, reason: string) =>
      changeThenReload((id) => followUpService.changeStratum(id, stratum, reason)),
    recordScreening: (scenario: 'O' | 'A' | 'B', at?: string) =>
      changeThenReload((id) => followUpService.recordScreening(id, scenario, at)),
    recordService: (request: RecordServiceRequest) =>
      changeThenReload((id) => followUpService.recordService(id, request)),
    recordIndicator: (request: RecordIndicatorRequest) =>
      changeThenReload((id) => indicatorsService.recordIndicator(id, request)),
    changeIndicatorStatus: (
      indicatorId: string,
      change: { status: IndicatorStatus; note?: string },
      version: number,
    ) => changeThenReload((id) => assessmentsService.changeIndicatorStatus(id, indicatorId, change, version)),
    shareIndicator: (indicatorId: string, memberIds: string[], version: number) =>
      changeThenReload((id) => indicatorsService.shareIndicator(id, indicatorId, memberIds, version)),
    raiseFlag: (indicatorKey: string, note: string) =>
      changeThenReload((id) => flagsService.raiseFlag(id, indicatorKey, note)),
    recordConsent: (memberId: string, scope: ConsentScope, granted: boolean) =>
      changeThenReload((id) => consentsService.recordConsent(id, memberId, scope, granted)),
  };
});
