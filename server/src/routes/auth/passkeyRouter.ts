import { Router } from 'express';
import {
  MeSchema,
  PasskeyCountSchema,
  PasskeyOptionsSchema,
  PasskeyRegistrationRequestSchema,
  PasskeySignInRequestSchema,
} from '@concerto/shared';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { requireAuth, setSessionCookie } from '../../auth/authenticate.ts';
import { countPasskeys } from '../../auth/passkeyOwners.ts';
import { openSession, resolveSession, revokeSession } from '../../auth/sessions.ts';
import { registerPasskey, registrationOptions } from '../../commands/passkeyRegistrar.ts';
import { signInOptions, verifyPasskeySignIn } from '../../commands/passkeyVerifier.ts';
import type { PasskeySite } from '../../config.ts';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError } from '../../http/errors.ts';
import { presentMe } from '../../presenters/mePresenter.ts';

function configured(site: PasskeySite | null): PasskeySite {
  if (!site) {
    throw new HttpError(
      404,
      'passkeys_not_configured',
      'Passkeys are not offered on this server (CONCERTO_PASSKEY_ORIGIN is not set).',
    );
  }
  return site;
}

/** Passkeys: anyone signed in registers one for herself; anyone with one signs in with the phone's lock. */
export function passkeyRouter(site: PasskeySite | null): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/passkeys/registration-options',
      summary:
        'Starts registering a passkey for the signed-in person: WebAuthn creation options (valid 2 min)',
      tags: ['auth'],
      response: PasskeyOptionsSchema,
      status: 200,
      authenticated: true,
    },
    ({ request }) => registrationOptions(configured(site), requireAuth(request)),
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/passkeys',
      summary: "Registers the phone's new passkey for the signed-in person (answer to the creation options)",
      tags: ['auth'],
      body: PasskeyRegistrationRequestSchema,
      response: PasskeyCountSchema,
      status: 201,
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      const response = body.response as RegistrationResponseJSON;
      await registerPasskey(configured(site), auth, response, request.get('user-agent'));
      return { passkeys: await countPasskeys(auth) };
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/passkeys/sign-in-options',
      summary: 'Starts signing in with a passkey: WebAuthn request options (valid 2 min, single use)',
      tags: ['auth'],
      response: PasskeyOptionsSchema,
      status: 200,
    },
    () => signInOptions(configured(site)),
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/auth/passkeys/sign-in',
      summary: "Signs in with the phone's passkey: sets the session cookie",
      tags: ['auth'],
      body: PasskeySignInRequestSchema,
      response: MeSchema,
      status: 200,
    },
    async ({ body, request, response }) => {
      const answer = body.response as AuthenticationResponseJSON;
      const owner = await verifyPasskeySignIn(configured(site), answer, request.ip ?? 'unknown');
      const session = await openSession(owner, request.get('user-agent'));
      const auth = await resolveSession(session.token);
      // A member removed from the family, or a deactivated account, keeps a passkey that opens nothing.
      if (!auth) {
        await revokeSession(session.sessionId);
        throw new HttpError(401, 'passkey_unknown', 'This passkey no longer opens Concerto.');
      }
      setSessionCookie(request, response, session.token, session.expiresAt);
      return presentMe(auth, true);
    },
  );

  return router;
}
