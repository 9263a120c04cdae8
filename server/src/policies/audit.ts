import mongoose from 'mongoose';
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
  | 'export'
  | 'closing'
  | 'rights';

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

/**
 * Records that someone opened a space's document over the collaboration websocket: one entry per
 * person, space and hour, however many times she reconnects or types.
 */
export async function recordSpaceOpen(
  auth: AuthContext,
  familyId: string,
  spaceId: string,
  now = new Date(),
): Promise<void> {
  const hourStart = new Date(now);
  hourStart.setUTCMinutes(0, 0, 0);
  const actor = auth.actor;
  const person = { actorUserId: userIdOf(actor), actorMemberId: memberIdOf(actor) };
  const seen = await AuditEntryModel.exists({
    familyId,
    spaceId,
    ...person,
    part: 'spaces',
    at: mongoose.trusted({ $gte: hourStart }),
  });
  if (seen) return;
  await AuditEntryModel.create({
    familyId,
    spaceId,
    at: now,
    // eslint-disable-next-line no-restricted-syntax -- recording who acted, not deciding anything
    actorKind: actor.kind,
    ...person,
    actorName: auth.displayName,
    actorDetail: auth.detail,
    sessionId: auth.sessionId,
    access: 'read',
    part: 'spaces',
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
  const actor = auth.actor;
  const at = new Date();
  await AuditEntryModel.insertMany(
    familyIds.map((familyId) => ({
      familyId,
      at,
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
    })),
  );
}
