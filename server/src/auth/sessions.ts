import mongoose from 'mongoose';
import { actorOfAccount, type Actor } from '@concerto/shared';
import { FamilyModel } from '../models/family.ts';
import { GuestPassModel } from '../models/guestPass.ts';
import { SessionModel, type SessionDocument } from '../models/session.ts';
import { UserModel } from '../models/user.ts';
import { hashToken, newToken } from './tokens.ts';

/** Professionals and the admin sign in for a working day; family members keep their phone session longer. */
export const sessionLifetimeMs = { user: 12 * 3600 * 1000, familyMember: 30 * 24 * 3600 * 1000 };

/** The caller of a request: who they are for the policy, and how to name them in the audit trail. */
export interface AuthContext {
  actor: Exclude<Actor, { kind: 'anonymous' }>;
  sessionId: mongoose.Types.ObjectId;
  displayName: string;
  /** When the session ends by itself. */
  expiresAt: Date;
  /** Profession and organisation, or the member's role: shown in audit entries. */
  detail: string | null;
}

/** Who a session is for: an account, a family member, or a guest's pass (which says when it ends). */
export type SessionOwner =
  | { userId: mongoose.Types.ObjectId }
  | { familyId: mongoose.Types.ObjectId; memberId: mongoose.Types.ObjectId }
  | { guestPassId: mongoose.Types.ObjectId; familyId: mongoose.Types.ObjectId; expiresAt: Date };

/** Opens a session and returns its token (shown once: only its hash is stored). */
export async function openSession(
  owner: SessionOwner,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date; sessionId: mongoose.Types.ObjectId }> {
  const token = newToken();
  const now = new Date();
  const expiresAt =
    'guestPassId' in owner
      ? owner.expiresAt
      : new Date(
          now.getTime() + ('userId' in owner ? sessionLifetimeMs.user : sessionLifetimeMs.familyMember),
        );
  const session = await SessionModel.create({
    tokenHash: hashToken(token),
    userId: 'userId' in owner ? owner.userId : null,
    familyMember: 'memberId' in owner ? { familyId: owner.familyId, memberId: owner.memberId } : null,
    guest: 'guestPassId' in owner ? { passId: owner.guestPassId, familyId: owner.familyId } : null,
    createdAt: now,
    expiresAt,
    revokedAt: null,
    userAgent: userAgent?.slice(0, 200) ?? null,
  });
  return { token, expiresAt, sessionId: session._id };
}

/** Revokes one session (logout). */
export async function revokeSession(sessionId: mongoose.Types.ObjectId): Promise<void> {
  await SessionModel.updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } });
}

/** Revokes every open session of a user (account deactivated). */
export async function revokeUserSessions(userId: mongoose.Types.ObjectId): Promise<void> {
  await SessionModel.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
}

/**
 * Resolves a token to the caller, re-reading the account or the family member every time so a
 * deactivation or a removal takes effect on the next request.
 */
export async function resolveSession(token: string): Promise<AuthContext | null> {
  return contextOf(await SessionModel.findOne({ tokenHash: hashToken(token) }).lean());
}

/** Resolves a session by its id (used by short-lived collaboration tokens), with the same checks. */
export async function resolveSessionById(sessionId: string): Promise<AuthContext | null> {
  if (!mongoose.isValidObjectId(sessionId)) return null;
  return contextOf(await SessionModel.findById(sessionId).lean());
}

/** Whether a session is still open: neither signed out (revoked) nor expired. */
export function sessionOpen(
  session: { revokedAt?: Date | null; expiresAt: Date },
  now = Date.now(),
): boolean {
  return !session.revokedAt && session.expiresAt.getTime() > now;
}

async function contextOf(session: SessionDocument | null): Promise<AuthContext | null> {
  if (!session || !sessionOpen(session)) return null;
  if (session.userId) {
    const user = await UserModel.findById(session.userId)
      .populate<{ organisationId: { _id: mongoose.Types.ObjectId; name: string } | null }>(
        'organisationId',
        'name',
      )
      .lean();
    if (!user || !user.active) return null;
    const organisation = user.organisationId;
    const actor = actorOfAccount({ ...user, organisationId: organisation?._id ?? null });
    if (!actor) return null;
    return {
      actor,
      sessionId: session._id,
      expiresAt: session.expiresAt,
      displayName: user.displayName,
      detail: organisation ? `${user.profession ?? ''} — ${organisation.name}` : 'admin',
    };
  }
  if (session.familyMember?.familyId && session.familyMember.memberId) {
    const { familyId, memberId } = session.familyMember;
    const family = await FamilyModel.findOne({ _id: familyId }, { members: 1 }).lean();
    const member = family?.members.find((candidate) => candidate._id.equals(memberId));
    if (!member) return null;
    return {
      actor: { kind: 'familyMember', familyId: String(familyId), memberId: String(memberId) },
      sessionId: session._id,
      expiresAt: session.expiresAt,
      displayName: member.displayName,
      detail: member.role,
    };
  }
  if (session.guest?.passId) return guestContextOf(session);
  return null;
}

/** A guest's session works while her pass does: not revoked, not expired (read again on every request). */
async function guestContextOf(session: SessionDocument): Promise<AuthContext | null> {
  const pass = await GuestPassModel.findById(session.guest?.passId).lean();
  if (!pass || pass.revokedAt || pass.expiresAt.getTime() <= Date.now()) return null;
  return {
    actor: {
      kind: 'guest',
      guestId: String(pass._id),
      familyId: String(pass.familyId),
      concertationId: String(pass.concertationId),
    },
    sessionId: session._id,
    expiresAt: session.expiresAt,
    displayName: pass.name,
    detail: guestDetail(pass),
  };
}

/** How a guest is described in the room, the attendance and the audit: her language and her service. */
export function guestDetail(pass: { language: string; organisation?: string | null }): string {
  return pass.organisation ? `${pass.language} — ${pass.organisation}` : pass.language;
}
