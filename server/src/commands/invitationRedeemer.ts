import { timingSafeEqual } from 'node:crypto';
import mongoose from 'mongoose';
import { signInStores, SignInThrottle } from '../auth/signInThrottle.ts';
import { hashToken } from '../auth/tokens.ts';
import { HttpError } from '../http/errors.ts';
import { FamilyModel } from '../models/family.ts';
import { InvitationModel } from '../models/invitation.ts';

/** Wrong codes allowed on one invitation before it stops working. */
export const maxCodeAttempts = 5;
const throttle = new SignInThrottle(signInStores('invitation'));

const invalid = () =>
  new HttpError(400, 'invitation_invalid', 'This invitation cannot be used: it expired or was already used.');

// Told apart so the page can say what to do: try again (and how many tries remain), or ask for a new one.
const usedUp = () =>
  new HttpError(
    400,
    'invitation_used_up',
    `This invitation took ${maxCodeAttempts} wrong codes and no longer works: ask the professional who invited you for a new one.`,
  );
const wrongCode = (attemptsLeft: number) =>
  new HttpError(400, 'invitation_code_wrong', `The code is wrong: ${attemptsLeft} attempts left.`, {
    attemptsLeft,
  });
const failures = new Set(['invitation_invalid', 'invitation_used_up', 'invitation_code_wrong']);

/**
 * Checks a link token and its 6-digit code and marks the invitation used, atomically, so two phones
 * cannot redeem it twice. Returns the family and member the new session is limited to.
 */
export async function redeemInvitation(token: string, code: string, address: string) {
  // Failures only: several family members redeeming at the same desk must not block each other.
  const link = hashToken(token);
  await throttle.check(link, address);
  try {
    return await redeem(token, code);
  } catch (error) {
    if (error instanceof HttpError && failures.has(error.code)) await throttle.failed(link, address);
    throw error;
  }
}

async function redeem(token: string, code: string) {
  const invitation = await InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!invitation || invitation.redeemedAt || invitation.expiresAt <= new Date()) throw invalid();
  if (invitation.failedAttempts >= maxCodeAttempts) throw usedUp();
  const expected = Buffer.from(invitation.codeHash, 'hex');
  const actual = Buffer.from(hashToken(`${token}:${code}`), 'hex');
  if (!timingSafeEqual(expected, actual)) {
    // The count after this failure, atomically: two wrong codes at once both count.
    const counted = await InvitationModel.findOneAndUpdate(
      { _id: invitation._id },
      { $inc: { failedAttempts: 1 } },
      { returnDocument: 'after', projection: { failedAttempts: 1 } },
    ).lean();
    const attemptsLeft = maxCodeAttempts - (counted?.failedAttempts ?? maxCodeAttempts);
    throw attemptsLeft > 0 ? wrongCode(attemptsLeft) : usedUp();
  }
  const claimed = await InvitationModel.findOneAndUpdate(
    { _id: invitation._id, redeemedAt: null },
    { $set: { redeemedAt: new Date() } },
    { returnDocument: 'after' },
  );
  if (!claimed) throw invalid();
  const family = await FamilyModel.findOne({ _id: invitation.familyId }, { members: 1, label: 1 }).lean();
  const memberStillThere = family?.members.some((member) => member._id.equals(invitation.memberId));
  if (!family || !memberStillThere) throw invalid();
  return { familyId: family._id, memberId: new mongoose.Types.ObjectId(String(invitation.memberId)) };
}
