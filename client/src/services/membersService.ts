import type { InvitationCreated, Member, NewMember } from '../types/contract.ts';
import { sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Adds a member to the family. */
export function addMember(familyId: string, member: NewMember): Promise<Member> {
  return sendJson<Member>('POST', `${familyPath(familyId)}/members`, member);
}

/** Creates a personal invitation for one member: a link and a 6-digit code, shown once. */
export function createInvitation(
  familyId: string,
  memberId: string,
  expiresInDays: number,
): Promise<InvitationCreated> {
  const path = `${familyPath(familyId)}/members/${encodeURIComponent(memberId)}/invitations`;
  return sendJson<InvitationCreated>('POST', path, { expiresInDays });
}
