import type mongoose from 'mongoose';
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
  | 'export';

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

/** Appends the same access to several families' trails in one write (e.g. the "my families" list). */
export async function recordAudits(
  auth: AuthContext,
  familyIds: mongoose.Types.ObjectId[],
  access: 'read' | 'write',
  part: AuditPart,
  requestId: unknown,
): Promise<void> {
  if (familyIds.length === 0) return;
  const actor = auth.actor;
  const at = new Date();
  await AuditEntryModel.insertMany(
    familyIds.map((familyId) => ({
      familyId,
      at,
      actorKind: actor.kind,
      actorUserId: actor.kind === 'familyMember' ? null : actor.userId,
      actorMemberId: actor.kind === 'familyMember' ? actor.memberId : null,
      actorName: auth.displayName,
      actorDetail: auth.detail,
      sessionId: auth.sessionId,
      access,
      part,
      requestId: typeof requestId === 'string' ? requestId : null,
    })),
  );
}
