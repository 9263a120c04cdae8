import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { inviteMember } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const inami = '41234502002';
let server: ServerProcess;
let browser: Browser;
let midwife: TestApiClient;
let cpasManagerToken: string;
let familyId: string;
const memberTokens: Record<string, string> = {};
const problems: string[] = [];

async function organisationWithManager(admin: TestApiClient, name: string, kind: string, role: 'A' | 'B') {
  const email = `manager.${kind}@audit.test`;
  const created = await admin.post('/organisations', {
    name,
    kind,
    accessManager: {
      displayName: `Gestion ${name}`,
      email,
      password: 'manager-password-1',
      profession: role === 'A' ? 'Sage-femme en chef' : 'Assistante sociale en chef',
      healthRole: role,
      ...(role === 'A' ? { inamiNumber: inami } : {}),
    },
  });
  expect(created.status, created.text).toBe(201);
  return { id: created.body.id as string, manager: await signIn(server.url, email, 'manager-password-1') };
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@audit.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@audit.test', 'admin-password-1');
  const hospital = await organisationWithManager(admin, 'Maternité Audit', 'hospital', 'A');
  const cpas = await organisationWithManager(admin, 'CPAS Audit', 'cpas', 'B');
  cpasManagerToken = cpas.manager.credentials.token!;
  await hospital.manager.post(`/organisations/${hospital.id}/professionals`, {
    displayName: 'Sophie Sage-femme',
    email: 'midwife@audit.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: inami,
  });
  await cpas.manager.post(`/organisations/${cpas.id}/professionals`, {
    displayName: 'Nadia Soutien',
    email: 'worker@audit.test',
    password: 'staff-password-1',
    profession: 'Assistante sociale',
    healthRole: 'B',
  });
  midwife = await signIn(server.url, 'midwife@audit.test', 'staff-password-1');
  const worker = await signIn(server.url, 'worker@audit.test', 'staff-password-1');
  const workerId = (await worker.get('/me')).body.id as string;
  const family = await midwife.post('/families', {
    label: 'Famille Audit',
    members: [
      { displayName: 'Sarah', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'David', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  familyId = family.body.id;
  const [sarah, david] = family.body.members as { id: string }[];
  await midwife.post(`/families/${familyId}/team`, {
    professionalId: workerId,
    hiddenFromMemberIds: [david!.id],
  });
  await midwife.post(`/families/${familyId}/functions`, {
    function: 'coordinator',
    professionalId: (await midwife.get('/me')).body.id,
  });
  await worker.post(`/families/${familyId}/flags`, { indicatorKey: 'violence', note: 'Suspicion' });
  await worker.get(`/families/${familyId}`);
  await midwife.get(`/families/${familyId}/functions`);
  for (const [name, member] of [
    ['sarah', sarah!],
    ['david', david!],
  ] as const) {
    const client = await inviteMember(server.url, midwife, familyId, member.id);
    memberTokens[name] = client.credentials.cookie!.split('=')[1]!;
    await client.get(`/families/${familyId}`);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the audit, per member, on a phone', () => {
  it('the partner reads who looked at what concerns him, in plain words, and nothing of the hidden worker or the flags', async () => {
    const context = await signedInContext(browser, server.url, memberTokens.david!, phone);
    const page = await openWatchedPage(context, `${server.url}/families/${familyId}/audit`, problems);
    const days = page.getByTestId('audit-day');
    await expect.poll(() => days.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Sophie Sage-femme');
    expect(text).toMatch(/a (consulté|modifié) [^.]*votre dossier/);
    expect(text).not.toContain('Nadia');
    expect(text).not.toContain('Sarah');
    expect(text).not.toMatch(/[Ss]ignalement/);
    await page.getByTestId('audit-own').locator('summary').click();
    await page.screenshot({ path: path.join(artifacts, 'audit-partner-phone.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('the mother sees the worker who supports her; the coordinator keeps the full trail', async () => {
    const context = await signedInContext(browser, server.url, memberTokens.sarah!, phone);
    const page = await openWatchedPage(context, `${server.url}/families/${familyId}/audit`, problems);
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 10_000 })
      .toContain('Nadia Soutien');
    await page.screenshot({ path: path.join(artifacts, 'audit-mother-phone.png'), fullPage: true });
    await context.close();

    const desk = await signedInContext(browser, server.url, midwife.credentials.token!, desktop);
    const full = await openWatchedPage(desk, `${server.url}/families/${familyId}/audit`, problems);
    await expect
      .poll(() => full.locator('[data-testid="audit-entry"][data-part="flags"]').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await full.screenshot({ path: path.join(artifacts, 'audit-coordinator-desktop.png'), fullPage: true });
    await desk.close();
  });

  it("a CPAS access manager is not offered Role A, and reads her organisation's log of rights", async () => {
    const context = await signedInContext(browser, server.url, cpasManagerToken, desktop);
    const page = await openWatchedPage(context, `${server.url}/organisations`, problems);
    await expect
      .poll(() => page.getByTestId('account-change').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('account-change').first().textContent()).toContain('Nadia Soutien');
    await page.getByTestId('staff-new-open').click();
    await expect.poll(() => page.getByTestId('role-a-not-grantable').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('input[type="radio"][value="A"]').count()).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'organisation-roles.png'), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  });
});
