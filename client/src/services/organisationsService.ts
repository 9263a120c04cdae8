import type { AccountChange, Organisation, Professional, SignInSettings } from '@concerto/shared';
import type { CreateOrganisationRequest, CreateProfessionalRequest } from '../types/contract.ts';
import { apiRequest, sendJson } from './apiClient.ts';

/** Organisations the caller manages: all of them for the admin, their own for an access manager. */
export function listOrganisations(): Promise<Organisation[]> {
  return apiRequest<Organisation[]>('/organisations');
}

/** Creates an organisation, optionally with its first access manager (admin only). */
export function createOrganisation(request: CreateOrganisationRequest): Promise<Organisation> {
  return sendJson<Organisation>('POST', '/organisations', request);
}

/** The staff accounts of one organisation, active or not. */
export function listStaff(organisationId: string): Promise<Professional[]> {
  return apiRequest<Professional[]>(`/organisations/${encodeURIComponent(organisationId)}/professionals`);
}

/** Creates a professional account in an organisation. */
export function createProfessional(
  organisationId: string,
  request: CreateProfessionalRequest,
): Promise<Professional> {
  return sendJson<Professional>(
    'POST',
    `/organisations/${encodeURIComponent(organisationId)}/professionals`,
    request,
  );
}

/** Deactivates or reactivates an account, or changes its rights, as the manager saw it (`version`). */
export function updateProfessional(
  organisationId: string,
  professionalId: string,
  change: ProfessionalChange,
  version: number | undefined,
): Promise<Professional> {
  const path = `/organisations/${encodeURIComponent(organisationId)}/professionals/${encodeURIComponent(professionalId)}`;
  return sendJson<Professional>('PATCH', path, change, version);
}

/** What an access manager may change on an account. */
export interface ProfessionalChange {
  active?: boolean;
  accessManager?: boolean;
  healthRole?: 'A' | 'B';
  inamiNumber?: string;
}

/** Every grant or change of rights of the organisation's staff, newest first. */
export function listAccountChanges(organisationId: string): Promise<AccountChange[]> {
  return apiRequest<AccountChange[]>(`/organisations/${encodeURIComponent(organisationId)}/account-changes`);
}

/** Makes a single-use link with which a colleague chooses a new password (shown once, to hand over). */
export function issuePasswordReset(
  organisationId: string,
  professionalId: string,
): Promise<{ path: string; expiresAt: string }> {
  const path = `/organisations/${encodeURIComponent(organisationId)}/professionals/${encodeURIComponent(professionalId)}/password-reset`;
  return sendJson('POST', path);
}

/** How an organisation's staff sign in (its managers only); the provider's secret is never sent back. */
export function fetchSignInSettings(organisationId: string): Promise<SignInSettings> {
  return apiRequest<SignInSettings>(`/organisations/${encodeURIComponent(organisationId)}/sign-in`);
}

/** Saves how an organisation's staff sign in (second factor, identity provider), as seen (`version`). */
export function saveSignInSettings(
  organisationId: string,
  settings: unknown,
  version: number | undefined,
): Promise<SignInSettings> {
  return sendJson<SignInSettings>(
    'PUT',
    `/organisations/${encodeURIComponent(organisationId)}/sign-in`,
    settings,
    version,
  );
}
