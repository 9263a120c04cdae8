import mongoose from 'mongoose';
import type { SecondFactorEnrolment, SignInChallenge } from '@concerto/shared';
import { hashToken, newToken } from '../auth/tokens.ts';
import { acceptedStep, recoveryCodeHash } from '../auth/totp.ts';
import { HttpError } from '../http/errors.ts';
import { SignInChallengeModel, type SignInChallengeDocument } from '../models/signInChallenge.ts';
import { UserModel, type UserDocument } from '../models/user.ts';
import {
  beginEnrolment,
  confirmEnrolment,
  invalidCode,
  secondFactorRequired,
  secondFactorThrottle,
} from './secondFactorEnroller.ts';

/** The time between the password and the code; after it, sign in again. */
export const challengeLifetimeMs = 5 * 60 * 1000;
/** Wrong codes one challenge takes before the password must be typed again. */
export const attemptsPerChallenge = 5;

const challengeInvalid = () =>
  new HttpError(400, 'challenge_invalid', 'This sign-in expired or was used: type your password again.');

/**
 * What a password sign-in needs next: a code (the account has a second factor), enrolment (its
 * organisation requires one it does not have yet), or nothing.
 */
export async function secondFactorStepOf(user: UserDocument): Promise<'code' | 'enrol' | null> {
  if (user.secondFactor?.enabledAt) return 'code';
  return (await secondFactorRequired(user.organisationId)) ? 'enrol' : null;
}

/** Opens the short wait between a right password and the second factor. */
export async function issueSignInChallenge(
  userId: mongoose.Types.ObjectId,
  purpose: 'code' | 'enrol',
): Promise<SignInChallenge> {
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + challengeLifetimeMs);
  await SignInChallengeModel.create({
    tokenHash: hashToken(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt,
  });
  return { secondFactor: purpose, challenge: token, expiresAt: expiresAt.toISOString() };
}

async function openChallenge(token: string): Promise<SignInChallengeDocument> {
  const challenge = await SignInChallengeModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (
    !challenge ||
    challenge.usedAt ||
    challenge.expiresAt.getTime() <= Date.now() ||
    challenge.attempts >= attemptsPerChallenge
  )
    throw challengeInvalid();
  return challenge;
}

/** During a sign-in that must enrol: the new secret to scan (the password was right a moment ago). */
export async function beginChallengeEnrolment(token: string): Promise<SecondFactorEnrolment> {
  const challenge = await openChallenge(token);
  if (challenge.purpose !== 'enrol') throw challengeInvalid();
  return beginEnrolment(challenge.userId);
}

/** Checks a 6-digit code (never one already used) or consumes a recovery code. */
async function acceptCode(user: UserDocument, code: string): Promise<boolean> {
  const factor = user.secondFactor;
  if (!factor?.secret) return false;
  const step = acceptedStep(factor.secret, code, factor.lastStep ?? null);
  if (step !== null) {
    // Conditional on the last step, so two requests with the same code cannot both pass.
    const { modifiedCount } = await UserModel.updateOne(
      {
        _id: user._id,
        $or: [
          { 'secondFactor.lastStep': null },
          { 'secondFactor.lastStep': mongoose.trusted({ $lt: step }) },
        ],
      },
      { $set: { 'secondFactor.lastStep': step } },
    );
    return modifiedCount === 1;
  }
  const hash = recoveryCodeHash(code);
  const { modifiedCount } = await UserModel.updateOne(
    { _id: user._id, 'secondFactor.recoveryCodeHashes': hash },
    { $pull: { 'secondFactor.recoveryCodeHashes': hash } },
  );
  return modifiedCount === 1;
}

/**
 * Second step of a password sign-in: the app's code or a recovery code, or the first code of a second
 * factor being set up (then the recovery codes come back, shown once). Wrong codes are throttled like
 * passwords (per account and address, growing waits) and a challenge takes five at most.
 */
export async function completeSignIn(
  token: string,
  code: string,
  address: string,
): Promise<{ userId: mongoose.Types.ObjectId; recoveryCodes?: string[] }> {
  const challenge = await openChallenge(token);
  const key = String(challenge.userId);
  let recoveryCodes: string[] | undefined;
  if (challenge.purpose === 'enrol') {
    await SignInChallengeModel.updateOne({ _id: challenge._id }, { $inc: { attempts: 1 } });
    ({ recoveryCodes } = await confirmEnrolment(challenge.userId, code, address));
  } else {
    await secondFactorThrottle.check(key, address);
    const user = await UserModel.findById(challenge.userId).lean();
    if (!user?.active) throw challengeInvalid();
    if (!(await acceptCode(user, code))) {
      await SignInChallengeModel.updateOne({ _id: challenge._id }, { $inc: { attempts: 1 } });
      await secondFactorThrottle.failed(key, address);
      throw invalidCode();
    }
    await secondFactorThrottle.succeeded(key, address);
  }
  const { modifiedCount } = await SignInChallengeModel.updateOne(
    { _id: challenge._id, usedAt: null },
    { $set: { usedAt: new Date() } },
  );
  if (modifiedCount !== 1) throw challengeInvalid();
  return { userId: challenge.userId, ...(recoveryCodes ? { recoveryCodes } : {}) };
}
