import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-BE' };
// The first password checked loads the dictionaries, which takes seconds on a busy machine.
const slow = { timeout: 20_000 };
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'fr-BE' };
let server: ServerProcess;
let browser: Browser;

async function signInThroughTheForm(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@passwords.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@passwords.test', 'admin-password-1');
  const created = await admin.post('/organisations', {
    name: 'CPAS Mots de passe',
    kind: 'cpas',
    accessManager: {
      displayName: 'Gestionnaire Accès',
      email: 'manager@passwords.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'B',
    },
  });
  const manager = await signIn(server.url, 'manager@passwords.test', 'manager-password-1');
  await manager.post(`/organisations/${created.body.id}/professionals`, {
    displayName: 'Nadia Assistante',
    email: 'nadia@passwords.test',
    password: 'staff-password-1',
    profession: 'Assistante sociale',
    healthRole: 'B',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('passwords in the browser', () => {
  it('a professional is told why a weak password is refused, then changes hers', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await signInThroughTheForm(page, 'nadia@passwords.test', 'staff-password-1');
    await page.getByTestId('account-link').click();
    await page.getByTestId('password-current').fill('staff-password-1');
    await page.getByTestId('password-new').fill('motdepasse123');
    await page.getByTestId('password-confirm').fill('motdepasse123');
    await page.getByTestId('password-submit').click();
    await expect
      .poll(() => page.locator('#password-new-error').textContent(), slow)
      .toContain('trop facile à deviner');
    await page.screenshot({ path: path.join(artifacts, 'password-weak.png'), fullPage: true });
    await page.getByTestId('password-new').fill('Lune-violette-42-sardine');
    await page.getByTestId('password-confirm').fill('Lune-violette-42-sardine');
    await page.getByTestId('password-submit').click();
    await expect
      .poll(() => page.locator('.status-success').textContent(), slow)
      .toContain('mot de passe a été changé');
    await context.close();
  });

  it('an access manager resets it; the link lets her choose a new one on her phone', async () => {
    const managerContext = await browser.newContext(desktop);
    const manager = await managerContext.newPage();
    await signInThroughTheForm(manager, 'manager@passwords.test', 'manager-password-1');
    await manager.waitForURL(/\/(families|work|organisations)/);
    await manager.goto(`${server.url}/organisations`);
    const row = manager.locator('[data-testid="staff-member"]', { hasText: 'Nadia Assistante' });
    await row.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    await row.getByRole('button', { name: 'Créer le lien' }).click();
    const link = row.getByTestId('reset-link');
    await expect.poll(() => link.textContent(), slow).toContain('/password-reset#');
    await manager.screenshot({ path: path.join(artifacts, 'password-reset-link.png'), fullPage: true });
    const url = (await link.textContent())!.trim();
    await managerContext.close();

    const phoneContext = await browser.newContext(phone);
    const page = await phoneContext.newPage();
    await page.goto(url);
    await page.getByTestId('reset-new').fill('Fenetre-ouverte-sur-la-Meuse-7');
    await page.getByTestId('reset-confirm').fill('Fenetre-ouverte-sur-la-Meuse-7');
    await page.getByTestId('reset-submit').click();
    await expect.poll(() => page.getByTestId('reset-done').isVisible(), slow).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'password-reset-done-phone.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await signInThroughTheForm(page, 'nadia@passwords.test', 'Fenetre-ouverte-sur-la-Meuse-7');
    await expect.poll(() => page.url()).not.toContain('/login');
    await phoneContext.close();
  });
});
