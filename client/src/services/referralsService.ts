import type {
  ReferralView,
  CreateReferralRequestSchema,
  UpdateReferralRequestSchema,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

// Request types are read from the shared zod schemas, as in types/contract.ts.
type Input<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];

/** A referral as sent to `POST /api/families/:id/referrals`. */
export type CreateReferralRequest = Input<typeof CreateReferralRequestSchema>;
/** The next step of a referral (with a note; a reason for declined / no answer), or a new follow-up date. */
export type UpdateReferralRequest = Input<typeof UpdateReferralRequestSchema>;

/** The family's referrals the caller may see, newest first, overdue ones flagged. */
export function listReferrals(familyId: string): Promise<ReferralView[]> {
  return apiRequest<ReferralView[]>(`${familyPath(familyId)}/referrals`);
}

/** Refers one family member to a service of the directory. */
export function createReferral(familyId: string, request: CreateReferralRequest): Promise<ReferralView> {
  return sendJson<ReferralView>('POST', `${familyPath(familyId)}/referrals`, request);
}

/** Moves a referral to one of its `allowedNext` steps, or reschedules its follow-up. */
export function updateReferral(
  referralId: string,
  request: UpdateReferralRequest,
  version: number,
): Promise<ReferralView> {
  return sendJson<ReferralView>('PATCH', `/referrals/${encodeURIComponent(referralId)}`, request, version);
}

/** The address of the family's FHIR R4 export, filtered by the caller's rights (a plain download link). */
export function fhirExportUrl(familyId: string): string {
  return `/api${familyPath(familyId)}/fhir`;
}
