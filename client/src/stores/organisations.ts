import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Organisation, Professional } from '@concerto/shared';
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
    return created;
  }

  async function updateProfessional(
    organisationId: string,
    professionalId: string,
    change: { active?: boolean; accessManager?: boolean },
  ): Promise<void> {
    const updated = await organisationsService.updateProfessional(organisationId, professionalId, change);
    staff.value[organisationId] = (staff.value[organisationId] ?? []).map((professional) =>
      professional.id === updated.id ? updated : professional,
    );
  }

  return {
    organisations,
    loading,
    error,
    staff,
    staffErrors,
    load,
    create,
    loadStaff,
    createProfessional,
    updateProfessional,
  };
});
