import type mongoose from 'mongoose';
import { memberIdOf, userIdOf } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { AuditEntryModel } from '../models/auditEntry.ts';

/** Which part of a family file was read or written. */
export type AuditPart =
  | 'file'
  | 'summary'
  | 'members'
  | 'invitations'
  | 'team'
  | 'strata'
  | 'screening'
  | 'assessments'
  | 'services'
  | 'indicators'
  | 'flags'
  | 'consents'
  | 'audit'
  | 'spaces'
  | 'plan'
  | 'functions'
  | 'concertations'
  | 'decisions'
  | 'referrals'
  | 'contacts'
  | 'export'
  | 'closing'
  | 'rights'
  | 'keyMoments'
  | 'documents'
  | 'generalPractitioners'
  // A guest's one-meeting pass, step by step: given, used, in and out of the room, withdrawn.
  | 'interpreterInvited'
  | 'interpreterRedeemed'
  | 'interpreterJoined'
  | 'interpreterLeft'
  | 'interpreterRevoked';

/** Appends one entry to the family's audit trail (awaited: no access goes unrecorded). */
export async function recordAudit(
  auth: AuthContext,
  familyId: mongoose.Types.ObjectId,
  access: 'read' | 'write',
  part: AuditPart,
  requestId: unknown,
): Promise<void> {
  await recordAudits(auth, [familyId], access, part, requestId);
}

/** Records one read or change of a space outside its document: its history, a version, a visit. */
export async function recordSpaceAudit(
  auth: AuthContext,
  familyId: mongoose.Types.ObjectId,
  spaceId: string,
  access: 'read' | 'write',
  requestId: unknown,
): Promise<void> {
  await AuditEntryModel.create({
    familyId,
    spaceId,
    at: new Date(),
    ...whoAndWhat(auth, access, 'spaces', requestId),
  });
}

/** Appends the same access to several families' trails in one write (e.g. the "my families" list). */
export async function recordAudits(
  auth: AuthContext,
  familyIds: mongoose.Types.ObjectId[],
  access: 'read' | 'write',
  part: AuditPart,
  requestId: unknown,
): Promise<void> {
  if (familyIds.length === 0) return;
  const at = new Date();
  await AuditEntryModel.insertMany(
    familyIds.map((familyId) => ({ familyId, at, ...whoAndWhat(auth, access, part, requestId) })),
  );
}

/** Records one document added, downloaded or taken away, naming the document and its space. */
export async function recordAttachmentEntry(
  auth: AuthContext,
  target: {
    familyId: mongoose.Types.ObjectId;
    spaceId: mongoose.Types.ObjectId | null;
    attachmentId: mongoose.Types.ObjectId;
  },
  access: 'read' | 'write',
  requestId: unknown,
): Promise<void> {
  await AuditEntryModel.create({
    ...target,
    at: new Date(),
    ...whoAndWhat(auth, access, 'documents', requestId),
  });
}

/** The fields of an entry that say who acted, how, on which part, in which request. */
export function whoAndWhat(auth: AuthContext, access: 'read' | 'write', part: AuditPart, requestId: unknown) {
  const actor = auth.actor;
  return {
    // eslint-disable-next-line no-restricted-syntax -- recording who acted, not deciding anything
    actorKind: actor.kind,
    actorUserId: userIdOf(actor),
    actorMemberId: memberIdOf(actor),
    actorName: auth.displayName,
    actorDetail: auth.detail,
    sessionId: auth.sessionId,
    access,
    part,
    requestId: typeof requestId === 'string' ? requestId : null,
  };
}
