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

/** Space opens recorded by this process, by person and space: the hour and its (pending) write. */
const spaceOpens = new Map<string, { hour: number; recorded: Promise<void> }>();

/**
 * Records that someone opened a space's document over the collaboration websocket: one entry per
 * person, space and hour, however many times she reconnects or types. This process remembers what it
 * recorded (or is recording) this hour, so the ten people who open a document together, or someone
 * reconnecting, cost the database nothing more.
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
  const key = `${spaceId}:${person.actorUserId ?? ''}:${person.actorMemberId ?? ''}`;
  const known = spaceOpens.get(key);
  if (known && known.hour === hourStart.getTime()) return known.recorded;
  if (spaceOpens.size > 10_000) forgetEarlierHours(hourStart.getTime());
  const recorded = writeSpaceOpen(auth, familyId, spaceId, person, hourStart, now);
  spaceOpens.set(key, { hour: hourStart.getTime(), recorded });
  // A failed write is not remembered: the next open tries again (and is refused meanwhile).
  recorded.catch(() => spaceOpens.delete(key));
  return recorded;
}

function forgetEarlierHours(hour: number): void {
  for (const [key, entry] of spaceOpens) if (entry.hour < hour) spaceOpens.delete(key);
}

async function writeSpaceOpen(
  auth: AuthContext,
  familyId: string,
  spaceId: string,
  person: { actorUserId: string | null; actorMemberId: string | null },
  hourStart: Date,
  now: Date,
): Promise<void> {
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
    actorKind: auth.actor.kind,
    ...person,
    actorName: auth.displayName,
    actorDetail: auth.detail,
    sessionId: auth.sessionId,
    access: 'read',
    part: 'spaces',
  });
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
function whoAndWhat(auth: AuthContext, access: 'read' | 'write', part: AuditPart, requestId: unknown) {
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
