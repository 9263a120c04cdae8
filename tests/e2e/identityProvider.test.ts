import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identityProvider.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'fr-BE' };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-BE' };
let server: ServerProcess;
let provider: TestIdentityProvider;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@oidc.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  provider = await startIdentityProvider(`${server.url}/api/auth/oidc/callback`);
  const admin = await signIn(server.url, 'admin@oidc.test', 'admin-password-1');
  const created = await admin.post('/organisations', {
    name: 'CPAS de Forest',
    kind: 'cpas',
    accessManager: {
      displayName: 'Marc Accès',
      email: 'marc@cpas-forest.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'B',
    },
  });
  const manager = await signIn(server.url, 'marc@cpas-forest.test', 'manager-password-1');
  await manager.post(`/organisations/${created.body.id}/professionals`, {
    displayName: 'Sofia Assistante',
    email: 'sofia@cpas-forest.test',
    password: 'staff-password-1',
    profession: 'Assistante sociale',
    healthRole: 'B',
  });
  provider.accounts.set('sofia', { sub: 'sofia', email: 'sofia@cpas-forest.test', emailVerified: true });
  provider.accounts.set('intrus', { sub: 'intrus', email: 'intrus@cpas-forest.test', emailVerified: true });
});
afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await server?.stop();
});

/** On the sign-in page: types the email, then follows "Se connecter avec…" and signs in at the provider. */
async function signInThroughProvider(page: Page, email: string, login: string, screenshot?: string) {
  await page.getByTestId('login-email').fill(email);
  const button = page.getByTestId('identity-provider-for-domain');
  await expect.poll(() => button.textContent()).toContain('Se connecter avec Keycloak CPAS');
  if (screenshot) await page.screenshot({ path: path.join(artifacts, screenshot), fullPage: true });
  await button.click();
  await page.waitForURL(`${provider.issuer}/interaction/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('at-the-provider');
  await page.locator('button[type="submit"]').click();
}

describe('signing in through the organisation’s identity provider, in the browser', () => {
  it('the access manager sets the provider up; the secret is never shown again', async () => {
    const problems: string[] = [];
    const context = await browser.newContext(desktop);
    const page = await openWatchedPage(context, `${server.url}/login`, problems);
    await page.getByTestId('login-email').fill('marc@cpas-forest.test');
    await page.getByTestId('login-password').fill('manager-password-1');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/families/);
    await page.goto(`${server.url}/organisations`);
    await page.getByTestId('use-identity-provider').check();
    await page.getByTestId('provider-label').fill('Keycloak CPAS');
    await page.getByTestId('provider-issuer').fill(provider.issuer);
    await page.getByTestId('provider-clientId').fill(provider.clientId);
    await page.getByTestId('provider-clientSecret').fill(provider.clientSecret);
    await page.getByTestId('provider-emailDomains').fill('cpas-forest.test');
    await page.getByTestId('sign-in-settings-save').click();
    await expect
      .poll(() => page.getByTestId('sign-in-settings').textContent())
      .toContain('Réglages de connexion enregistrés');
    expect(await page.getByTestId('provider-clientSecret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(provider.clientSecret);
    await page
      .getByTestId('sign-in-settings')
      .screenshot({ path: path.join(artifacts, 'identity-provider-settings.png') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a colleague signs in with it on her phone; an identity with no account is told why', async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await signInThroughProvider(page, 'sofia@cpas-forest.test', 'sofia', 'identity-provider-login-phone.png');
    await page.waitForURL(`${server.url}/families`);
    await expect.poll(() => page.locator('header').textContent()).toContain('Sofia Assistante');
    await context.close();

    const stranger = await (await browser.newContext(phone)).newPage();
    await stranger.goto(`${server.url}/login`);
    await signInThroughProvider(stranger, 'intrus@cpas-forest.test', 'intrus');
    await stranger.waitForURL(/signInRefused=unknown_account/);
    await expect
      .poll(() => stranger.getByTestId('sign-in-refused').textContent())
      .toContain('aucun compte Concerto');
    await stranger.screenshot({
      path: path.join(artifacts, 'identity-provider-refused-phone.png'),
      fullPage: true,
    });
    await stranger.context().close();
  });
});
