import type { Flag } from '../types/contract.ts';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Suspicion flags of a family (Role A on the team only). */
export function listFlags(familyId: string): Promise<Flag[]> {
  return apiRequest<Flag[]>(`${familyPath(familyId)}/flags`);
}

/** Raises a suspicion about a sensitive indicator; only Role A on the team can read it afterwards. */
export function raiseFlag(familyId: string, indicatorKey: string, note: string): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/flags`, { indicatorKey, note });
}
