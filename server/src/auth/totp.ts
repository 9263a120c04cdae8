import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { SecondFactorEnrolment } from '@concerto/shared';
import { hashToken } from './tokens.ts';

const periodSeconds = 30;
// No look-alike characters (0/o, 1/l/i): recovery codes are copied by hand from paper.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
/** How many recovery codes an enrolment gives. */
export const recoveryCodeCount = 10;

function totpOf(secret: string, label = 'Concerto'): TOTP {
  return new TOTP({
    issuer: 'Concerto',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: periodSeconds,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random TOTP secret (160 bits), in base32 as authenticator apps show it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What an authenticator app needs: the secret, its otpauth:// link and that link as a QR code (SVG data URL). */
export async function enrolmentOf(secret: string, email: string): Promise<SecondFactorEnrolment> {
  const uri = totpOf(secret, email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step of a valid 6-digit code (one step of clock drift either way is accepted), or null. A code
 * of a step at or before `lastStep` was already used: refused, so an overheard code cannot be replayed.
 */
export function acceptedStep(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / periodSeconds) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** How a recovery code is compared: lower case, without the dash or spaces someone may type. */
export function recoveryCodeHash(code: string): string {
  return hashToken(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** Ten single-use recovery codes (`abcde-fghjk`), shown once; only their hashes are stored. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: recoveryCodeCount }, () => {
    const characters = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]);
    return `${characters.slice(0, 5).join('')}-${characters.slice(5).join('')}`;
  });
  return { codes, hashes: codes.map(recoveryCodeHash) };
}
