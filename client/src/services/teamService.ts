import type { AddTeamMemberRequest } from '../types/contract.ts';
import { sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Adds a professional to the family's care team, with their functions and whom they stay hidden from. */
export function addTeamMember(familyId: string, request: AddTeamMemberRequest): Promise<unknown> {
  return sendJson<unknown>('POST', `${familyPath(familyId)}/team`, request);
}

/** Ends a professional's membership (the history keeps it, with its end date). */
export function endTeamMembership(familyId: string, professionalId: string): Promise<void> {
  return sendJson<void>('DELETE', `${familyPath(familyId)}/team/${encodeURIComponent(professionalId)}`);
}
