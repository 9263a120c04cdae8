import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasskeySite } from '../config.ts';
import {
  challengeAnswered,
  consumeChallenge,
  issueChallenge,
  promptTimeoutMs,
} from '../auth/passkeyChallenges.ts';
import { ownerFields, ownerFilter, passkeyOwnerOf } from '../auth/passkeyOwners.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { HttpError } from '../http/errors.ts';
import { PasskeyModel } from '../models/passkey.ts';

/** The name phones show for Concerto in their list of passkeys. */
export const relyingPartyName = 'Concerto';

const refused = () =>
  new HttpError(400, 'passkey_invalid', 'The phone did not confirm this passkey. Try again.');

/**
 * What the phone needs to create a passkey for the signed-in person: a fresh challenge bound to this
 * session, and her existing passkeys so the same phone is not registered twice.
 */
export async function registrationOptions(
  site: PasskeySite,
  auth: AuthContext,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const owner = passkeyOwnerOf(auth);
  const existing = await PasskeyModel.find(ownerFilter(owner), { credentialId: 1, transports: 1 }).lean();
  const id = 'userId' in owner ? owner.userId : owner.memberId;
  return generateRegistrationOptions({
    rpName: relyingPartyName,
    rpID: site.rpId,
    userID: new Uint8Array(Buffer.from(id.toHexString(), 'hex')),
    userName: auth.displayName,
    userDisplayName: auth.displayName,
    challenge: await issueChallenge('registration', auth.sessionId),
    timeout: promptTimeoutMs,
    attestationType: 'none',
    // Discoverable, so she signs in without typing anything; verified by the phone's lock.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
  });
}

/** Checks the phone's answer against the session's challenge and stores the new passkey. */
export async function registerPasskey(
  site: PasskeySite,
  auth: AuthContext,
  response: RegistrationResponseJSON,
  userAgent: string | undefined,
): Promise<void> {
  const challenge = challengeAnswered(response.response.clientDataJSON);
  await consumeChallenge(challenge, 'registration', auth.sessionId);
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: site.origin,
    expectedRPID: site.rpId,
    requireUserVerification: true,
  }).catch(() => {
    throw refused();
  });
  if (!verification.verified) throw refused();
  const { credential } = verification.registrationInfo;
  const taken = await PasskeyModel.exists({ credentialId: credential.id });
  if (taken) throw new HttpError(409, 'passkey_exists', 'This passkey is already registered.');
  await PasskeyModel.create({
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    ...ownerFields(passkeyOwnerOf(auth)),
    createdAt: new Date(),
    userAgent: userAgent?.slice(0, 200) ?? null,
  });
}
