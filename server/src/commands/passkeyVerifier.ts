import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { PasskeySite } from '../config.ts';
import {
  challengeAnswered,
  consumeChallenge,
  issueChallenge,
  promptTimeoutMs,
} from '../auth/passkeyChallenges.ts';
import { ownerOfRecord, type PasskeyOwner } from '../auth/passkeyOwners.ts';
import { signInStores, SignInThrottle } from '../auth/signInThrottle.ts';
import { HttpError } from '../http/errors.ts';
import { PasskeyModel } from '../models/passkey.ts';

const throttle = new SignInThrottle(signInStores('passkey'));

const unknownPasskey = () =>
  new HttpError(
    401,
    'passkey_unknown',
    'This passkey does not open Concerto: it is unknown here or its signature is wrong.',
  );

/** What the sign-in page hands the phone: a fresh challenge, any passkey of this site may answer it. */
export async function signInOptions(site: PasskeySite): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: site.rpId,
    challenge: await issueChallenge('sign-in', null),
    timeout: promptTimeoutMs,
    userVerification: 'required',
  });
}

/**
 * Checks a phone's signature of a sign-in challenge with the stored public key and returns whose passkey
 * it is. Failures are throttled per passkey and address like passwords; the challenge works once.
 */
export async function verifyPasskeySignIn(
  site: PasskeySite,
  response: AuthenticationResponseJSON,
  address: string,
): Promise<PasskeyOwner> {
  await throttle.check(response.id, address);
  try {
    const owner = await verify(site, response);
    await throttle.succeeded(response.id, address);
    return owner;
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) await throttle.failed(response.id, address);
    throw error;
  }
}

async function verify(site: PasskeySite, response: AuthenticationResponseJSON): Promise<PasskeyOwner> {
  const challenge = challengeAnswered(response.response.clientDataJSON);
  await consumeChallenge(challenge, 'sign-in', null);
  // A hydrated document: lean() would hand the public key over as BSON Binary, not bytes.
  const passkey = await PasskeyModel.findOne({ credentialId: response.id });
  const owner = passkey && ownerOfRecord(passkey);
  if (!passkey || !owner) throw unknownPasskey();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: site.origin,
    expectedRPID: site.rpId,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: passkey.counter,
      transports: passkey.transports,
    },
    requireUserVerification: true,
  }).catch(() => {
    throw unknownPasskey();
  });
  if (!verification.verified) throw unknownPasskey();
  await PasskeyModel.updateOne(
    { _id: passkey._id },
    { $set: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() } },
  );
  return owner;
}
