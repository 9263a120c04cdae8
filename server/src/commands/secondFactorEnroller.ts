import type mongoose from 'mongoose';
import type { SecondFactorEnrolment } from '@concerto/shared';
import { verifyPassword } from '../auth/passwords.ts';
import { signInStores, SignInThrottle } from '../auth/signInThrottle.ts';
import { acceptedStep, enrolmentOf, newRecoveryCodes, newTotpSecret } from '../auth/totp.ts';
import { forbidden, HttpError, invalidField } from '../http/errors.ts';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';

/** Wrong codes and passwords while setting up or removing a second factor wait like failed sign-ins. */
export const secondFactorThrottle = new SignInThrottle(signInStores('second-factor'));

/** What a wrong first code of a factor being set up is told (400 on the `code` field). */
export const wrongFirstCode = 'is not the current code of your app';

/** The 401 of a wrong second-factor code (a recovery code that was already used included). */
export const invalidCode = () =>
  new HttpError(401, 'invalid_code', 'This code is not valid: type the current code of your app.');

async function accountOf(userId: string | mongoose.Types.ObjectId) {
  const user = await UserModel.findById(userId).lean();
  if (!user || !user.active) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return user;
}

/** Whether the account's organisation requires a second factor for password sign-ins. */
export async function secondFactorRequired(
  organisationId: mongoose.Types.ObjectId | null | undefined,
): Promise<boolean> {
  if (!organisationId) return false;
  const organisation = await OrganisationModel.findById(organisationId, { secondFactorRequired: 1 }).lean();
  return organisation?.secondFactorRequired === true;
}

/**
 * Starts setting up a second factor: a new secret kept aside until a first code confirms it (the one in
 * use, if any, keeps working meanwhile). The secret is shown this once.
 */
export async function beginEnrolment(
  userId: string | mongoose.Types.ObjectId,
): Promise<SecondFactorEnrolment> {
  const user = await accountOf(userId);
  const secret = newTotpSecret();
  await UserModel.updateOne({ _id: user._id }, { $set: { pendingSecondFactorSecret: secret } });
  return enrolmentOf(secret, user.email);
}

/**
 * Confirms the secret being set up with a code of the app; from then on password sign-ins ask for a code.
 * Returns the ten recovery codes, shown once.
 */
export async function confirmEnrolment(
  userId: string | mongoose.Types.ObjectId,
  code: string,
  address: string,
): Promise<{ recoveryCodes: string[] }> {
  const key = String(userId);
  await secondFactorThrottle.check(key, address);
  const user = await accountOf(userId);
  const secret = user.pendingSecondFactorSecret;
  if (!secret) throw new HttpError(400, 'enrolment_missing', 'Start setting up the second factor again.');
  const step = acceptedStep(secret, code, null);
  if (step === null) {
    await secondFactorThrottle.failed(key, address);
    // A field to correct (400), not a sign-in refused: the caller may be signed in already.
    throw invalidField('code', wrongFirstCode);
  }
  await secondFactorThrottle.succeeded(key, address);
  const recovery = newRecoveryCodes();
  // Only the secret this code was checked against becomes the factor (a second enrolment may have begun).
  const { modifiedCount } = await UserModel.updateOne(
    { _id: user._id, pendingSecondFactorSecret: secret },
    {
      $set: {
        secondFactor: { secret, enabledAt: new Date(), lastStep: step, recoveryCodeHashes: recovery.hashes },
        pendingSecondFactorSecret: null,
      },
    },
  );
  if (modifiedCount !== 1)
    throw new HttpError(409, 'stale', 'The second factor was set up again meanwhile: start again.');
  return { recoveryCodes: recovery.codes };
}

/** Turns the second factor off after checking the password; refused when the organisation requires one. */
export async function disableSecondFactor(userId: string, password: string, address: string): Promise<void> {
  await secondFactorThrottle.check(userId, address);
  const user = await accountOf(userId);
  if (await secondFactorRequired(user.organisationId))
    throw forbidden('Your organisation requires a second factor.');
  if (!(await verifyPassword(password, user.passwordHash))) {
    await secondFactorThrottle.failed(userId, address);
    throw invalidField('password', 'is not your current password');
  }
  await secondFactorThrottle.succeeded(userId, address);
  await UserModel.updateOne(
    { _id: user._id },
    { $set: { secondFactor: null, pendingSecondFactorSecret: null } },
  );
}
