import { Secret, TOTP } from 'otpauth';

/**
 * What a phone's authenticator app shows for a secret: the code of the current 30-second step, or of a
 * later one (`stepsAhead`), since a code already used is refused.
 */
export function authenticatorCode(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}
