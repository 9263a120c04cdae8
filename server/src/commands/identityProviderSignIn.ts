import mongoose from 'mongoose';
import * as oidc from 'openid-client';
import { compactInamiNumber } from '@concerto/shared';
import { providerConfiguration } from '../auth/identityProviders.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { IdentitySignInAttemptModel } from '../models/identitySignInAttempt.ts';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';

/** Time a professional has at the identity provider before the sign-in must start again. */
export const identitySignInLifetimeMs = 10 * 60 * 1000;
/** Claims that may carry the INAMI/RIZIV number, as Belgian providers name it. */
export const inamiClaims = ['inami', 'inami_number', 'riziv', 'nihii'] as const;

/** Why a sign-in through an identity provider was refused; the sign-in page explains each one. */
export type IdentitySignInRefusal = 'unknown_account' | 'expired' | 'failed';

/** A refused sign-in at the callback: the browser goes back to the sign-in page with the reason. */
export class IdentitySignInRefused extends Error {
  constructor(
    readonly reason: IdentitySignInRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

async function providerOf(organisationId: string | mongoose.Types.ObjectId) {
  const organisation = mongoose.isValidObjectId(organisationId)
    ? await OrganisationModel.findById(organisationId, { name: 1, identityProvider: 1 }).lean()
    : null;
  const provider = organisation?.identityProvider;
  if (!organisation || !provider?.issuer || !provider.clientId || !provider.clientSecret)
    throw notFound('identity provider');
  return {
    organisation,
    settings: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret },
  };
}

/**
 * Starts a sign-in at the organisation's identity provider (authorization code with PKCE, state and
 * nonce): returns where to send the browser and the token of the cookie that binds the attempt to it.
 */
export async function startIdentitySignIn(
  organisationId: string,
  redirectUri: string,
  allowHttp: boolean,
): Promise<{ location: string; attemptToken: string }> {
  const { organisation, settings } = await providerOf(organisationId);
  let configuration: oidc.Configuration;
  try {
    configuration = await providerConfiguration(settings, allowHttp);
  } catch (error) {
    throw new HttpError(
      502,
      'identity_provider_unavailable',
      `The identity provider did not answer: ${(error as Error).message}`,
    );
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const attemptToken = newToken();
  const now = new Date();
  await IdentitySignInAttemptModel.create({
    tokenHash: hashToken(attemptToken),
    organisationId: organisation._id,
    state,
    nonce,
    codeVerifier,
    redirectUri,
    createdAt: now,
    expiresAt: new Date(now.getTime() + identitySignInLifetimeMs),
  });
  const location = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { location: location.href, attemptToken };
}

/** The claims of the person the provider signed in: the ID token's, completed by the userinfo endpoint. */
async function claimsOf(
  configuration: oidc.Configuration,
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
) {
  const claims: Record<string, unknown> = { ...tokens.claims() };
  const subject = String(claims.sub ?? '');
  if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token)
    Object.assign(claims, await oidc.fetchUserInfo(configuration, tokens.access_token, subject), {
      sub: subject,
    });
  return claims;
}

/** The organisation's active professional the claims name: by verified email, else by INAMI number. */
async function linkedAccount(organisationId: mongoose.Types.ObjectId, claims: Record<string, unknown>) {
  const staff = { organisationId, kind: 'professional' as const, active: true };
  // An email the provider has not verified proves nothing: anyone may type any address at some providers.
  if (typeof claims.email === 'string' && claims.email_verified === true) {
    const byEmail = await UserModel.findOne({ ...staff, email: claims.email.trim().toLowerCase() }).lean();
    if (byEmail) return byEmail;
  }
  for (const name of inamiClaims) {
    const value = claims[name];
    if (typeof value !== 'string' || !value.trim()) continue;
    const byInami = await UserModel.findOne({ ...staff, inamiNumber: compactInamiNumber(value) }).lean();
    if (byInami) return byInami;
  }
  return null;
}

/**
 * Finishes a sign-in at the callback: checks state, PKCE and the ID token (issuer, audience, nonce,
 * signature) with openid-client, then links the identity to an existing account of the organisation.
 * Nobody is created: an identity with no account is refused.
 */
export async function finishIdentitySignIn(
  attemptToken: string | null,
  callbackQuery: string,
  allowHttp: boolean,
): Promise<mongoose.Types.ObjectId> {
  const attempt = attemptToken
    ? await IdentitySignInAttemptModel.findOneAndUpdate(
        { tokenHash: hashToken(attemptToken), usedAt: null },
        { $set: { usedAt: new Date() } },
      ).lean()
    : null;
  if (!attempt || attempt.expiresAt.getTime() <= Date.now())
    throw new IdentitySignInRefused('expired', 'No sign-in in progress in this browser, or it expired.');
  const { settings } = await providerOf(attempt.organisationId).catch(() => {
    throw new IdentitySignInRefused('failed', 'The organisation no longer has this identity provider.');
  });
  let claims: Record<string, unknown>;
  try {
    const configuration = await providerConfiguration(settings, allowHttp);
    const tokens = await oidc.authorizationCodeGrant(
      configuration,
      new URL(`${attempt.redirectUri}${callbackQuery}`),
      {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      },
    );
    claims = await claimsOf(configuration, tokens);
  } catch (error) {
    throw new IdentitySignInRefused('failed', (error as Error).message);
  }
  const user = await linkedAccount(attempt.organisationId, claims);
  if (!user)
    throw new IdentitySignInRefused('unknown_account', `No account linked to ${String(claims.sub)}.`);
  return user._id;
}
