import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApiClient } from '../../support/apiClient.ts';
import { buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startIdentityProvider, type TestIdentityProvider } from '../../support/identityProvider.ts';
import { RedirectBrowser } from '../../support/redirectBrowser.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let provider: TestIdentityProvider;
let manager: BuiltProfessional;
let colleague: BuiltProfessional;
let outsider: BuiltProfessional;

beforeAll(async () => {
  server = await startTestServer();
  provider = await startIdentityProvider(`${server.url}/api/auth/oidc/callback`);
  manager = await buildProfessional(server.url, { accessManager: true });
  colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
  outsider = await buildProfessional(server.url, { accessManager: true });
});

afterAll(async () => {
  await provider?.close();
  await server?.dispose();
});

const settingsPath = () => `/organisations/${manager.organisationId}/sign-in`;
const providerSettings = () => ({
  label: 'Keycloak CHU',
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: provider.clientSecret,
  emailDomains: ['example.test'],
});

/**
 * Goes through the whole code flow in a browser: Concerto's start link, the provider's own login form
 * (as `login`), and back to Concerto's callback. Returns where Concerto sent the browser in the end.
 */
async function signInAtProvider(browser: RedirectBrowser, login: string, tamper?: (url: URL) => void) {
  const atLogin = await browser.follow(`${server.url}/api/auth/oidc/${manager.organisationId}/start`);
  expect(atLogin.url.startsWith(`${provider.issuer}/interaction/`)).toBe(true);
  const submitted = await browser.request(atLogin.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
  });
  const callback = await browser.follow(
    new URL(submitted.headers.get('location')!, atLogin.url).href,
    (url) => url.startsWith(`${server.url}/api/auth/oidc/callback`),
  );
  const callbackUrl = new URL(callback.url);
  expect(callbackUrl.searchParams.get('code')).toBeTruthy();
  tamper?.(callbackUrl);
  const answer = await browser.request(callbackUrl.href);
  expect(answer.status).toBe(302);
  return answer.headers.get('location');
}

const me = (browser: RedirectBrowser) =>
  new TestApiClient(server.url, { cookie: browser.cookieHeader(server.url) }).get('/me');

describe('an organisation sets up its identity provider', () => {
  it('only its access manager (or the admin) may; others get 403 or 404, bad settings 400', async () => {
    expect(
      (
        await colleague.client.put(settingsPath(), {
          secondFactorRequired: false,
          identityProvider: providerSettings(),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await outsider.client.put(settingsPath(), {
          secondFactorRequired: false,
          identityProvider: providerSettings(),
        })
      ).status,
    ).toBe(404);
    const bad = await manager.client.put(settingsPath(), {
      secondFactorRequired: false,
      identityProvider: { ...providerSettings(), issuer: 'not a url', emailDomains: ['@example'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('issuer');
    expect(bad.text).toContain('emailDomains');
  });

  it('stores the client secret without ever sending it back, and offers the provider for its email domain', async () => {
    const saved = await manager.client.put(settingsPath(), {
      secondFactorRequired: false,
      identityProvider: providerSettings(),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.identityProvider).toMatchObject({ label: 'Keycloak CHU', hasClientSecret: true });
    expect(saved.body.callbackUrl).toBe(`${server.url}/api/auth/oidc/callback`);
    // Saving again without the secret keeps it.
    const again = await manager.client.put(settingsPath(), {
      secondFactorRequired: false,
      identityProvider: { ...providerSettings(), clientSecret: undefined },
    });
    expect(again.body.identityProvider.hasClientSecret).toBe(true);
    for (const answer of [saved, again, await manager.client.get(settingsPath())])
      expect(answer.text).not.toContain(provider.clientSecret);

    const anonymous = new TestApiClient(server.url);
    const forDomain = await anonymous.get('/auth/identity-providers?email=someone%40example.test');
    expect(forDomain.body).toContainEqual(
      expect.objectContaining({ organisationId: manager.organisationId, label: 'Keycloak CHU' }),
    );
    expect(forDomain.text).not.toContain(provider.clientSecret);
    expect((await anonymous.get('/auth/identity-providers?email=someone%40elsewhere.be')).body).toEqual([]);
  });
});

describe('signing in through the identity provider', () => {
  it('signs in the account whose verified email the provider asserts', async () => {
    provider.accounts.set('colleague', {
      sub: 'colleague',
      email: colleague.email.toUpperCase(),
      emailVerified: true,
    });
    const browser = new RedirectBrowser();
    expect(await signInAtProvider(browser, 'colleague')).toBe('/families');
    const answer = await me(browser);
    expect(answer.status).toBe(200);
    expect(answer.body.displayName).toBe(colleague.displayName);
  });

  it('links by INAMI number when the email is not verified', async () => {
    const { UserModel } = await import('../../../server/src/models/user.ts');
    await UserModel.updateOne({ _id: manager.id }, { $set: { inamiNumber: '41234502002' } });
    provider.accounts.set('by-inami', {
      sub: 'by-inami',
      email: colleague.email,
      emailVerified: false,
      inami: '4-12345-02-002',
    });
    const browser = new RedirectBrowser();
    expect(await signInAtProvider(browser, 'by-inami')).toBe('/families');
    expect((await me(browser)).body.displayName).toBe(manager.displayName);
  });

  it('refuses an identity with no account: nobody is created, the sign-in page says why', async () => {
    provider.accounts.set('stranger', {
      sub: 'stranger',
      email: 'stranger@example.test',
      emailVerified: true,
    });
    const browser = new RedirectBrowser();
    expect(await signInAtProvider(browser, 'stranger')).toBe('/login?signInRefused=unknown_account');
    expect((await me(browser)).status).toBe(401);
  });

  it("refuses a colleague of another organisation, even with the provider's verified email", async () => {
    provider.accounts.set('outsider', { sub: 'outsider', email: outsider.email, emailVerified: true });
    const browser = new RedirectBrowser();
    expect(await signInAtProvider(browser, 'outsider')).toBe('/login?signInRefused=unknown_account');
    expect((await me(browser)).status).toBe(401);
  });

  it('refuses an answer whose state does not match the one sent (a forged or replayed callback)', async () => {
    const browser = new RedirectBrowser();
    const location = await signInAtProvider(browser, 'colleague', (url) =>
      url.searchParams.set('state', 'forged'),
    );
    expect(location).toBe('/login?signInRefused=failed');
    expect((await me(browser)).status).toBe(401);
  });

  it('refuses a callback in a browser that did not start the sign-in (the code of someone else)', async () => {
    const victim = new RedirectBrowser();
    let stolen = '';
    await signInAtProvider(victim, 'colleague', (url) => {
      stolen = url.href;
      url.searchParams.set('code', 'used-elsewhere');
    });
    const attacker = new RedirectBrowser();
    const answer = await attacker.request(stolen);
    expect(answer.headers.get('location')).toBe('/login?signInRefused=expired');
    expect((await me(attacker)).status).toBe(401);
  });
});
