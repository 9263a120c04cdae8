import type { MemberVisibility } from '@concerto/shared';
import type { InvitationCreated, Member, NewMember } from '../types/contract.ts';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Adds a member to the family. */
export function addMember(familyId: string, member: NewMember): Promise<Member> {
  return sendJson<Member>('POST', `${familyPath(familyId)}/members`, member);
}

/** Creates a personal invitation for one member: a link and a 6-digit code, shown once. */
export function createInvitation(
  familyId: string,
  memberId: string,
  options: { expiresInDays: number; sharePlan: boolean },
): Promise<InvitationCreated> {
  const path = `${familyPath(familyId)}/members/${encodeURIComponent(memberId)}/invitations`;
  return sendJson<InvitationCreated>('POST', path, options);
}

/** What one member sees once signed in, as the server's policy decides (for the invitation screen). */
export function fetchMemberVisibility(familyId: string, memberId: string): Promise<MemberVisibility> {
  return apiRequest<MemberVisibility>(
    `${familyPath(familyId)}/members/${encodeURIComponent(memberId)}/visibility`,
  );
}
