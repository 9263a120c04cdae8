import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { HttpError } from '../http/errors.ts';
import { PasskeyChallengeModel } from '../models/passkeyChallenge.ts';

/** How long the phone has to answer a challenge; the prompt itself gives up after `promptTimeoutMs`. */
export const challengeLifetimeMs = 2 * 60 * 1000;
/** What the browser is told to wait for the phone's lock, a little under the challenge's life. */
export const promptTimeoutMs = 90 * 1000;

type Purpose = 'registration' | 'sign-in';

/**
 * Hands out a new random challenge (256 bits), stored (base64url, as the phone's client data will name it)
 * until it is answered or expires. Returns the bytes: the WebAuthn options encode them.
 */
export async function issueChallenge(
  purpose: Purpose,
  sessionId: mongoose.Types.ObjectId | null,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(randomBytes(32));
  await PasskeyChallengeModel.create({
    challenge: Buffer.from(bytes).toString('base64url'),
    purpose,
    sessionId,
    expiresAt: new Date(Date.now() + challengeLifetimeMs),
  });
  return bytes;
}

/** The challenge the phone signed, read from the response's client data (base64url JSON). */
export function challengeAnswered(clientDataJSON: string): string {
  try {
    const clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    if (typeof clientData.challenge === 'string' && clientData.challenge) return clientData.challenge;
  } catch {
    // Falls through to the same answer as a missing challenge.
  }
  throw new HttpError(400, 'passkey_invalid', 'The passkey answer cannot be read.');
}

/**
 * Takes the challenge out of the store, atomically, so an answer is accepted once: a replayed answer,
 * an expired challenge or one issued to another session is refused.
 */
export async function consumeChallenge(
  challenge: string,
  purpose: Purpose,
  sessionId: mongoose.Types.ObjectId | null,
): Promise<void> {
  const taken = await PasskeyChallengeModel.findOneAndDelete({
    challenge,
    purpose,
    sessionId,
    expiresAt: mongoose.trusted({ $gt: new Date() }),
  }).lean();
  if (!taken) {
    throw new HttpError(
      400,
      'passkey_expired',
      'This passkey request expired or was already answered. Start again.',
    );
  }
}
