import type { StratumNeeds } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** What the family's stratum needs, its refusals and whether to review it (the team only). */
export function fetchStratumNeeds(familyId: string): Promise<StratumNeeds> {
  return apiRequest<StratumNeeds>(`${familyPath(familyId)}/strata/needs`);
}

/** Logs one refusal, on the day it was expressed. */
export function recordRefusal(
  familyId: string,
  refusal: { at: string; memberId?: string; what: string; explicit: boolean; note?: string },
): Promise<StratumNeeds> {
  return sendJson<StratumNeeds>('POST', `${familyPath(familyId)}/strata/refusals`, refusal);
}

/** Records that the family coordinates itself, or no longer. */
export function recordSelfCoordination(familyId: string, on: boolean): Promise<StratumNeeds> {
  return sendJson<StratumNeeds>('POST', `${familyPath(familyId)}/strata/self-coordination`, { on });
}

/** Confirms the stratum after a key moment. */
export function confirmStratum(familyId: string, note?: string): Promise<StratumNeeds> {
  return sendJson<StratumNeeds>('POST', `${familyPath(familyId)}/strata/reviews`, note ? { note } : {});
}
