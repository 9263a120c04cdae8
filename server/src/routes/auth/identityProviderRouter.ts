import { Router, type Request, type Response } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { IdSchema, IdentityProviderChoiceSchema } from '@concerto/shared';
import { setSessionCookie } from '../../auth/authenticate.ts';
import { openSession } from '../../auth/sessions.ts';
import {
  finishIdentitySignIn,
  identitySignInLifetimeMs,
  IdentitySignInRefused,
  startIdentitySignIn,
} from '../../commands/identityProviderSignIn.ts';
import { endpoint } from '../../http/endpoint.ts';
import { OrganisationModel } from '../../models/organisation.ts';

const attemptCookie = 'concerto_identity_sign_in';
const attemptCookiePath = '/api/auth/oidc';

function attemptTokenOf(request: Request): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === attemptCookie) return value.join('=') || null;
  }
  return null;
}

// The provider sends the browser back here; the same address is registered at the provider.
const callbackUri = (request: Request) =>
  `${request.protocol}://${request.get('host')}/api/auth/oidc/callback`;

function setAttemptCookie(request: Request, response: Response, token: string | null): void {
  const options = {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level navigation, which carries Lax cookies.
    sameSite: 'lax' as const,
    secure: request.secure || request.app.locals.secureCookies === true,
    path: attemptCookiePath,
  };
  if (token) response.cookie(attemptCookie, token, { ...options, maxAge: identitySignInLifetimeMs });
  else response.clearCookie(attemptCookie, options);
}

/** Sign-in of professionals through their organisation's identity provider (OpenID Connect). */
export function identityProviderRouter(allowHttpProviders: boolean): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/auth/identity-providers',
      summary:
        'Organisations whose staff sign in with an identity provider (those of the email domain when given)',
      tags: ['auth'],
      query: z.strictObject({ email: z.string().max(200).optional() }),
      response: z.array(IdentityProviderChoiceSchema),
    },
    async ({ query }) => {
      const domain = query.email?.split('@')[1]?.trim().toLowerCase();
      const organisations = await OrganisationModel.find(
        {
          identityProvider: mongoose.trusted({ $ne: null }),
          ...(domain ? { 'identityProvider.emailDomains': domain } : {}),
        },
        { name: 1, identityProvider: 1 },
      )
        .sort({ name: 1 })
        .lean();
      return organisations.map((organisation) => ({
        organisationId: String(organisation._id),
        organisationName: organisation.name,
        label: organisation.identityProvider?.label ?? organisation.name,
      }));
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/auth/oidc/:organisationId/start',
      summary:
        "Redirects to the organisation's identity provider (authorization code, PKCE, state and nonce)",
      tags: ['auth'],
      params: z.strictObject({ organisationId: IdSchema }),
      status: 302,
    },
    async ({ params, request, response }) => {
      const { location, attemptToken } = await startIdentitySignIn(
        params.organisationId,
        callbackUri(request),
        allowHttpProviders,
      );
      setAttemptCookie(request, response, attemptToken);
      response.redirect(302, location);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/auth/oidc/callback',
      summary:
        'Where the identity provider sends the browser back: signs in a linked account, else says why not',
      tags: ['auth'],
      status: 302,
    },
    async ({ request, response }) => {
      const query = new URL(request.originalUrl, 'http://callback.invalid').search;
      setAttemptCookie(request, response, null);
      try {
        const userId = await finishIdentitySignIn(attemptTokenOf(request), query, allowHttpProviders);
        const session = await openSession({ userId }, request.get('user-agent'));
        setSessionCookie(request, response, session.token, session.expiresAt);
        // A protected page: the app asks who is signed in there (a public page would not, on a first visit).
        response.redirect(302, '/families');
      } catch (error) {
        if (!(error instanceof IdentitySignInRefused)) throw error;
        request.log?.info(
          { reason: error.reason, detail: error.message },
          'identity provider sign-in refused',
        );
        response.redirect(302, `/login?signInRefused=${error.reason}`);
      }
    },
  );

  return router;
}
