import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { authenticatorCode } from '../support/authenticatorApp.ts';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'fr-BE' };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-BE' };
let server: ServerProcess;
let browser: Browser;
let organisationId: string;

async function typePassword(page: Page, email: string, password: string) {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@totp.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@totp.test', 'admin-password-1');
  const created = await admin.post('/organisations', {
    name: 'Maison médicale du Parc',
    kind: 'medicalHouse',
    accessManager: {
      displayName: 'Claire Gestion',
      email: 'claire@totp.test',
      password: 'manager-password-1',
      profession: 'Coordinatrice',
      healthRole: 'B',
    },
  });
  organisationId = created.body.id;
  const manager = await signIn(server.url, 'claire@totp.test', 'manager-password-1');
  await manager.post(`/organisations/${organisationId}/professionals`, {
    displayName: 'Inès Sage-femme',
    email: 'ines@totp.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'B',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('two-step verification in the browser', () => {
  it('a professional turns it on in "Mon compte", then signs in with the code of her app', async () => {
    const problems: string[] = [];
    const context = await browser.newContext(desktop);
    const page = await openWatchedPage(context, `${server.url}/login`, problems);
    await typePassword(page, 'ines@totp.test', 'staff-password-1');
    await page.getByTestId('account-link').click();
    await page.getByTestId('second-factor-begin').click();
    const secret = (await page.getByTestId('second-factor-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect
      .poll(() => page.locator('.enrolment-qr').evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'second-factor-enrol.png'), fullPage: true });
    await page.getByTestId('second-factor-code').fill(authenticatorCode(secret));
    await page.getByTestId('second-factor-confirm').click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await expect
      .poll(() => page.getByTestId('second-factor-status').textContent())
      .toContain('10 codes de secours');
    await page.screenshot({ path: path.join(artifacts, 'second-factor-recovery.png'), fullPage: true });

    await page.getByTestId('logout').click();
    await page.getByTestId('logout-confirm').click();
    await page.waitForURL(/\/login/);
    await typePassword(page, 'ines@totp.test', 'staff-password-1');
    await page.getByTestId('second-factor-code').fill('000000');
    await page.getByTestId('second-factor-submit').click();
    await expect
      .poll(() => page.getByTestId('second-factor-error').textContent())
      .toContain("n'est pas valide");
    await page.getByTestId('second-factor-code').fill(authenticatorCode(secret, 1));
    await page.getByTestId('second-factor-submit').click();
    await page.waitForURL(/\/families/);
    // The wrong code's 401 is the only error the browser reports.
    expect(problems).toEqual([expect.stringContaining('401')]);
    await context.close();
  });

  it('an organisation that requires it makes a colleague set it up at sign-in, on her phone', async () => {
    const manager = await signIn(server.url, 'claire@totp.test', 'manager-password-1');
    await manager.put(`/organisations/${organisationId}/sign-in`, {
      secondFactorRequired: true,
      identityProvider: null,
    });
    const problems: string[] = [];
    const context = await browser.newContext(phone);
    const page = await openWatchedPage(context, `${server.url}/login`, problems);
    await typePassword(page, 'claire@totp.test', 'manager-password-1');
    const secret = (await page.getByTestId('second-factor-secret').textContent())!.trim();
    await page.screenshot({ path: path.join(artifacts, 'second-factor-required-phone.png'), fullPage: true });
    await page.getByTestId('second-factor-code').fill(authenticatorCode(secret));
    await page.getByTestId('second-factor-submit').click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.screenshot({ path: path.join(artifacts, 'second-factor-recovery-phone.png'), fullPage: true });
    await page.getByTestId('second-factor-continue').click();
    await page.waitForURL(/\/families/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
