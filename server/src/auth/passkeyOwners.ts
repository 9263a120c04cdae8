import mongoose from 'mongoose';
import { asFamilyMember, userIdOf } from '@concerto/shared';
import { PasskeyModel } from '../models/passkey.ts';
import type { AuthContext } from './sessions.ts';

/** Whose passkey it is: an account (professional, admin) or one family member of one family. */
export type PasskeyOwner =
  | { userId: mongoose.Types.ObjectId }
  | { familyId: mongoose.Types.ObjectId; memberId: mongoose.Types.ObjectId };

/** The owner a signed-in caller registers passkeys for: always herself. */
export function passkeyOwnerOf(auth: AuthContext): PasskeyOwner {
  const member = asFamilyMember(auth.actor);
  if (member) {
    return {
      familyId: new mongoose.Types.ObjectId(member.familyId),
      memberId: new mongoose.Types.ObjectId(member.memberId),
    };
  }
  return { userId: new mongoose.Types.ObjectId(userIdOf(auth.actor) ?? undefined) };
}

/** The stored fields of a passkey that name its owner. */
export function ownerFields(owner: PasskeyOwner) {
  return 'userId' in owner
    ? { userId: owner.userId, familyMember: null }
    : { userId: null, familyMember: { familyId: owner.familyId, memberId: owner.memberId } };
}

/** The query that finds an owner's passkeys. */
export function ownerFilter(owner: PasskeyOwner) {
  return 'userId' in owner
    ? { userId: owner.userId }
    : { 'familyMember.familyId': owner.familyId, 'familyMember.memberId': owner.memberId };
}

/** The owner named by a stored passkey, or null for a record that names none. */
export function ownerOfRecord(record: {
  userId?: mongoose.Types.ObjectId | null;
  familyMember?: {
    familyId?: mongoose.Types.ObjectId | null;
    memberId?: mongoose.Types.ObjectId | null;
  } | null;
}): PasskeyOwner | null {
  if (record.userId) return { userId: record.userId };
  const { familyId, memberId } = record.familyMember ?? {};
  return familyId && memberId ? { familyId, memberId } : null;
}

/** How many passkeys the signed-in person has registered. */
export function countPasskeys(auth: AuthContext): Promise<number> {
  return PasskeyModel.countDocuments(ownerFilter(passkeyOwnerOf(auth)));
}
