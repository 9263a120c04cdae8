import type { Me } from '@concerto/shared';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { ApiError, sendJson } from './apiClient.ts';

/** Whether this browser can use passkeys at all (WebAuthn); checked without loading the passkey code. */
export function browserOffersPasskeys(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

// The phone's prompt failed or was closed: said as an API error so forms show it like any other.
function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const { name, code } = error as { name?: string; code?: string };
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return new ApiError(0, 'passkey_exists', String(error));
  }
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') {
    return new ApiError(0, 'passkey_cancelled', String(error));
  }
  return new ApiError(0, 'passkey_failed', String(error));
}

/** Creates a passkey on this phone for the signed-in person; returns how many she now has. */
export async function registerPasskey(): Promise<number> {
  try {
    // Loaded on demand: the pages she reads every day never download the WebAuthn helpers.
    const [{ startRegistration }, optionsJSON] = await Promise.all([
      import('@simplewebauthn/browser'),
      sendJson<PublicKeyCredentialCreationOptionsJSON>('POST', '/auth/passkeys/registration-options'),
    ]);
    const response = await startRegistration({ optionsJSON });
    const answer = await sendJson<{ passkeys: number }>('POST', '/auth/passkeys', { response });
    return answer.passkeys;
  } catch (error) {
    throw asApiError(error);
  }
}

/** Signs in with a passkey of this phone (unlocked with its fingerprint, face or PIN). */
export async function signInWithPasskey(): Promise<Me> {
  try {
    const [{ startAuthentication }, optionsJSON] = await Promise.all([
      import('@simplewebauthn/browser'),
      sendJson<PublicKeyCredentialRequestOptionsJSON>('POST', '/auth/passkeys/sign-in-options'),
    ]);
    const response = await startAuthentication({ optionsJSON });
    return await sendJson<Me>('POST', '/auth/passkeys/sign-in', { response });
  } catch (error) {
    throw asApiError(error);
  }
}
