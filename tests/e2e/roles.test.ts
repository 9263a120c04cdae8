import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { inamiNumberFor } from '@concerto/shared';
import { signIn } from '../support/apiClient.ts';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'fr-BE' };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-BE' };
const wait = { timeout: 10_000 };
let server: ServerProcess;
let browser: Browser;
let hospitalId: string;

async function openStaff(page: Page, email: string, password: string, organisationId: string) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), wait);
  await page.goto(`${server.url}/organisations`);
  const card = page.locator(`[data-organisation-id="${organisationId}"]`);
  const show = card.getByRole('button', { name: 'Voir le personnel' });
  if (await show.isVisible()) await show.click();
  return card;
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@roles.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@roles.test', 'admin-password-1');
  const hospital = await admin.post('/organisations', {
    name: 'Maternité des Rôles',
    kind: 'hospital',
    accessManager: {
      displayName: 'Dr Anne Gestion',
      email: 'anne@roles.test',
      password: 'manager-password-1',
      profession: 'Gynécologue',
      healthRole: 'A',
      inamiNumber: inamiNumberFor(4711),
    },
  });
  hospitalId = hospital.body.id;
  const manager = await signIn(server.url, 'anne@roles.test', 'manager-password-1');
  await manager.post(`/organisations/${hospitalId}/professionals`, {
    displayName: 'Bruno Sagefemme',
    email: 'bruno@roles.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'B',
  });
  const cpas = await admin.post('/organisations', {
    name: 'CPAS des Rôles',
    kind: 'cpas',
    accessManager: {
      displayName: 'Carine Cpas',
      email: 'carine@roles.test',
      password: 'manager-password-1',
      profession: 'Assistante sociale',
      healthRole: 'B',
    },
  });
  const carine = await signIn(server.url, 'carine@roles.test', 'manager-password-1');
  await carine.post(`/organisations/${cpas.body.id}/professionals`, {
    displayName: 'Denis Social',
    email: 'denis@roles.test',
    password: 'staff-password-1',
    profession: 'Assistant social',
    healthRole: 'B',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('changing a health role in the browser', () => {
  it('a Role A access manager of a hospital grants Role A with an INAMI number, and the change is logged', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    const card = await openStaff(page, 'anne@roles.test', 'manager-password-1', hospitalId);
    const bruno = card.getByTestId('staff-member').filter({ hasText: 'Bruno Sagefemme' });
    const herself = card.getByTestId('staff-member').filter({ hasText: 'Dr Anne Gestion' });
    await herself.waitFor(wait);
    expect(await herself.getByTestId('role-to-b').count()).toBe(0);
    await bruno.getByTestId('role-to-a').click();
    await bruno.getByLabel('Numéro INAMI').fill('12345678901');
    await bruno.getByTestId('role-to-a-confirm').click();
    await expect.poll(() => bruno.locator('.field-error').count(), wait).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'role-change-invalid-inami.png'), fullPage: true });
    expect(await bruno.textContent()).toContain('Rôle B');

    await bruno.getByLabel('Numéro INAMI').fill(inamiNumberFor(815));
    await bruno.getByTestId('role-to-a-confirm').click();
    await expect.poll(() => bruno.textContent(), wait).toContain('Rôle A');
    await expect
      .poll(() => card.locator('[data-testid="account-change"][data-kind="healthRoleChanged"]').count(), wait)
      .toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'role-change-granted.png'), fullPage: true });

    await bruno.getByTestId('role-to-b').click();
    await bruno.getByTestId('role-to-b-confirm').click();
    await expect.poll(() => bruno.textContent(), wait).toContain('Rôle B');
    await context.close();
  });

  it('a Role B access manager of a CPAS is never offered Role A, on her phone', async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const organisations = await (
      await signIn(server.url, 'carine@roles.test', 'manager-password-1')
    ).get('/organisations');
    const cpasId = organisations.body[0].id;
    const card = await openStaff(page, 'carine@roles.test', 'manager-password-1', cpasId);
    const denis = card.getByTestId('staff-member').filter({ hasText: 'Denis Social' });
    await denis.waitFor(wait);
    expect(await denis.getByTestId('role-to-a').count()).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'role-change-cpas-phone.png'), fullPage: true });
    await context.close();
  });
});
