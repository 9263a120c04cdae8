import type { Me, SecondFactorEnrolment } from '@concerto/shared';
import { sendJson } from './apiClient.ts';

/** The signed-in user, and the recovery codes when this sign-in set the second factor up. */
export type SecondFactorSignIn = Me & { recoveryCodes?: string[] };

/** Finishes a password sign-in with the app's code (or a recovery code); the server sets the session cookie. */
export function completeSignIn(challenge: string, code: string): Promise<SecondFactorSignIn> {
  return sendJson<SecondFactorSignIn>('POST', '/auth/second-factor', { challenge, code });
}

/** During a sign-in whose organisation requires a second factor: the secret to scan. */
export function beginSignInEnrolment(challenge: string): Promise<SecondFactorEnrolment> {
  return sendJson<SecondFactorEnrolment>('POST', '/auth/second-factor/enrolment', { challenge });
}

/** Starts setting up a second factor from "My account". */
export function beginEnrolment(): Promise<SecondFactorEnrolment> {
  return sendJson<SecondFactorEnrolment>('POST', '/me/second-factor/enrolment');
}

/** Confirms the second factor with a first code; answers the recovery codes (shown once). */
export function confirmEnrolment(code: string): Promise<{ recoveryCodes: string[] }> {
  return sendJson<{ recoveryCodes: string[] }>('POST', '/me/second-factor', { code });
}

/** Turns the second factor off (the password is asked again). */
export function disableSecondFactor(password: string): Promise<void> {
  return sendJson<void>('POST', '/me/second-factor/disable', { password });
}
