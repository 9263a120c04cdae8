/* eslint-disable @typescript-eslint/no-explicit-any -- oidc-provider's context objects are loosely typed */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test provider knows, with the claims it asserts about them. */
export interface ProviderAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  inami?: string;
}

/** A real OpenID Connect provider (oidc-provider) on a free port, with one confidential client. */
export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who may sign in there (the login form takes the `sub` as login, any password). */
  accounts: Map<string, ProviderAccount>;
  close(): Promise<void>;
}

/**
 * Starts an identity provider like a hospital's Keycloak: authorization code with PKCE required, a client
 * secret, email and INAMI claims from the userinfo endpoint. Its development login form is used as the
 * provider's own sign-in page; consent is implied, as for a provider run by the organisation itself.
 */
export async function startIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clientId = 'concerto';
  const clientSecret = 'a-client-secret-known-only-to-the-server';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'inami'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_context: any, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? false } : {}),
          ...(account.name ? { name: account.name } : {}),
          ...(account.inami ? { inami: account.inami } : {}),
        }),
      };
    },
    async loadExistingGrant(context: any) {
      const { oidc } = context;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  } as any);
  http.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
