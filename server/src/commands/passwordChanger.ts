import mongoose from 'mongoose';
import { assertStrongPassword } from '../auth/passwordStrength.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { SessionRegistry } from '../auth/sessionRegistry.ts';
import { signInStores, SignInThrottle } from '../auth/signInThrottle.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { SessionModel } from '../models/session.ts';
import { PasswordResetModel } from '../models/passwordReset.ts';
import { UserModel } from '../models/user.ts';
import { HttpError, invalidField } from '../http/errors.ts';

/** A reset link works for three days, once. */
export const passwordResetLifetimeMs = 3 * 24 * 3600 * 1000;
const currentPasswordThrottle = new SignInThrottle(signInStores('password-change'));
const resetThrottle = new SignInThrottle(signInStores('password-reset'));

const resetInvalid = () =>
  new HttpError(400, 'reset_link_invalid', 'This link cannot be used: it expired or was already used.');

/** Stores a new password and ends the account's other sessions on every instance (all if `keep` is null). */
async function replacePassword(
  userId: mongoose.Types.ObjectId,
  password: string,
  keep: mongoose.Types.ObjectId | null,
  sessions: SessionRegistry,
): Promise<void> {
  await UserModel.updateOne({ _id: userId }, { $set: { passwordHash: await hashPassword(password) } });
  await SessionModel.updateMany(
    { userId, revokedAt: null, ...(keep ? { _id: mongoose.trusted({ $ne: keep }) } : {}) },
    { $set: { revokedAt: new Date() } },
  );
  await sessions.announce({
    kind: 'user',
    userId: String(userId),
    exceptSessionId: keep ? String(keep) : undefined,
  });
}

/**
 * Changes the caller's own password after checking the current one (wrong guesses are throttled like
 * sign-ins); the caller's other sessions end, this one stays signed in.
 */
export async function changeOwnPassword(
  user: { userId: string; sessionId: mongoose.Types.ObjectId },
  input: { currentPassword: string; newPassword: string },
  address: string,
  sessions: SessionRegistry,
): Promise<void> {
  await currentPasswordThrottle.check(user.userId, address);
  const account = await UserModel.findById(user.userId).lean();
  if (!account) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
    await currentPasswordThrottle.failed(user.userId, address);
    throw invalidField('currentPassword', 'is not your current password');
  }
  await currentPasswordThrottle.succeeded(user.userId, address);
  await assertStrongPassword(input.newPassword, [account.email, account.displayName], 'newPassword');
  await replacePassword(account._id, input.newPassword, user.sessionId, sessions);
}

/** Makes a single-use link with which a colleague chooses a new password; older unused links stop working. */
export async function issuePasswordReset(
  userId: mongoose.Types.ObjectId,
  issuedBy: string,
): Promise<{ path: string; expiresAt: string }> {
  const token = newToken();
  const now = new Date();
  await PasswordResetModel.updateMany({ userId, usedAt: null }, { $set: { usedAt: now } });
  const expiresAt = new Date(now.getTime() + passwordResetLifetimeMs);
  await PasswordResetModel.create({
    tokenHash: hashToken(token),
    userId,
    issuedBy,
    createdAt: now,
    expiresAt,
  });
  return { path: `/password-reset#${token}`, expiresAt: expiresAt.toISOString() };
}

/**
 * Sets the password chosen through a reset link, once: the link is spent atomically, and every session
 * of the account ends (whoever knew the old password is out).
 */
export async function redeemPasswordReset(
  input: { token: string; newPassword: string },
  address: string,
  sessions: SessionRegistry,
): Promise<void> {
  const tokenHash = hashToken(input.token);
  await resetThrottle.check(tokenHash, address);
  const reset = await PasswordResetModel.findOne({
    tokenHash,
    usedAt: null,
    expiresAt: mongoose.trusted({ $gt: new Date() }),
  }).lean();
  const account = reset ? await UserModel.findById(reset.userId).lean() : null;
  if (!reset || !account || !account.active) {
    await resetThrottle.failed(tokenHash, address);
    throw resetInvalid();
  }
  // Checked before the link is spent: a refused password leaves the link usable for a better one.
  await assertStrongPassword(input.newPassword, [account.email, account.displayName], 'newPassword');
  const spent = await PasswordResetModel.findOneAndUpdate(
    { _id: reset._id, usedAt: null },
    { $set: { usedAt: new Date() } },
  );
  if (!spent) throw resetInvalid();
  await replacePassword(account._id, input.newPassword, null, sessions);
}
