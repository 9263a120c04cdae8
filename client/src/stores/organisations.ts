import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccountChange, Organisation, Professional } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as organisationsService from '../services/organisationsService.ts';
import type { CreateOrganisationRequest, CreateProfessionalRequest } from '../types/contract.ts';

/** Organisations and their staff, for the admin and for access managers. */
export const useOrganisationsStore = defineStore('organisations', () => {
  const organisations = ref<Organisation[]>([]);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  /** Staff accounts per organisation id, loaded when the organisation is opened. */
  const staff = ref<Record<string, Professional[]>>({});
  const staffErrors = ref<Record<string, ApiError | undefined>>({});
  /** The log of grants and changes of rights per organisation id, shown under its staff. */
  const accountChanges = ref<Record<string, AccountChange[]>>({});

  /** Reloads the log; a failure leaves the last one shown (the staff list reports errors). */
  async function loadAccountChanges(organisationId: string): Promise<void> {
    try {
      accountChanges.value[organisationId] = await organisationsService.listAccountChanges(organisationId);
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
    }
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      organisations.value = await organisationsService.listOrganisations();
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  async function create(request: CreateOrganisationRequest): Promise<Organisation> {
    const created = await organisationsService.createOrganisation(request);
    organisations.value = [...organisations.value, created];
    return created;
  }

  async function loadStaff(organisationId: string): Promise<void> {
    try {
      staff.value[organisationId] = await organisationsService.listStaff(organisationId);
      staffErrors.value[organisationId] = undefined;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      staffErrors.value[organisationId] = caught;
    }
  }

  async function createProfessional(
    organisationId: string,
    request: CreateProfessionalRequest,
  ): Promise<Professional> {
    const created = await organisationsService.createProfessional(organisationId, request);
    staff.value[organisationId] = [...(staff.value[organisationId] ?? []), created];
    await loadAccountChanges(organisationId);
    return created;
  }

  /** Changes an account as the manager saw it (`version`): a 409 `stale` reaches the form that asked. */
  async function updateProfessional(
    organisationId: string,
    professionalId: string,
    change: organisationsService.ProfessionalChange,
    version: number | undefined,
  ): Promise<void> {
    const updated = await organisationsService.updateProfessional(
      organisationId,
      professionalId,
      change,
      version,
    );
    staff.value[organisationId] = (staff.value[organisationId] ?? []).map((professional) =>
      professional.id === updated.id ? updated : professional,
    );
    await loadAccountChanges(organisationId);
  }

  return {
    organisations,
    loading,
    error,
    staff,
    staffErrors,
    accountChanges,
    loadAccountChanges,
    load,
    create,
    loadStaff,
    createProfessional,
    updateProfessional,
  };
});
