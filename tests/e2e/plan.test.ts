import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestApiClient, signIn } from '../support/apiClient.ts';
import {
  launchChromium,
  openWatchedPage,
  signedInContext as signedInContextFor,
} from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const midwifeName = 'Sophie Sage-femme';
const motherName = 'Sarah Lemaire';
const midwifeNote = 'Visite à domicile mardi avec la sage-femme.';
const motherNote = 'Je préfère les visites le matin.';
const actionText = 'Rendez-vous au CPAS pour la demande de logement';
let server: ServerProcess;
let browser: Browser;
let familyId: string;
let planId: string;
let motherId: string;
let midwifeToken: string;
let motherToken: string;

/** A session cookie set in the browser, as the login page would: no form, no rate limit spent. */
const signedInContext = (token: string, options: Parameters<Browser['newContext']>[0]) =>
  signedInContextFor(browser, server.url, token, options);

const openPlan = (context: BrowserContext, problems: string[]): Promise<Page> =>
  openWatchedPage(context, `${server.url}/families/${familyId}/spaces/${planId}`, problems);

const notesText = (page: Page) => page.getByTestId('plan-notes').innerText();
const connection = (page: Page) => page.getByTestId('connection-state').getAttribute('data-state');
const caretNames = (page: Page) => page.locator('.collaboration-carets__label').allInnerTexts();
const presentNames = (page: Page) =>
  page.getByTestId('presence-avatar').evaluateAll((avatars) => avatars.map((avatar) => avatar.dataset.name));

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@plan.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@plan.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'Maternité Plan',
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestionnaire Plan',
      email: 'manager@plan.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  const manager = await signIn(server.url, 'manager@plan.test', 'manager-password-1');
  await manager.post(`/organisations/${organisation.body.id}/professionals`, {
    displayName: midwifeName,
    email: 'midwife@plan.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  const midwife = await signIn(server.url, 'midwife@plan.test', 'staff-password-1');
  midwifeToken = midwife.credentials.token!;
  const family = await midwife.post('/families', {
    label: 'Famille Lemaire',
    members: [
      { displayName: motherName, role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'David Lemaire', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  expect(family.status, family.text).toBe(201);
  familyId = family.body.id;
  motherId = family.body.members[0].id;
  const spaces = await midwife.get(`/families/${familyId}/spaces`);
  const plan = spaces.body.find((space: { kind: string }) => space.kind === 'sharedPlan');
  planId = plan.id;
  // The mother may edit the plan; the partner is not in its audience.
  const patched = await midwife.patch(`/families/${familyId}/spaces/${planId}`, {
    audience: { ...plan.audience, members: [{ memberId: motherId, access: 'write' }] },
  });
  expect(patched.status).toBe(200);
  const invitation = await midwife.post(`/families/${familyId}/members/${motherId}/invitations`, {});
  const redeemed = await new TestApiClient(server.url).post('/invitations/redeem', {
    token: new URL(invitation.body.link).pathname.split('/').pop(),
    code: invitation.body.code,
  });
  expect(redeemed.status).toBe(200);
  motherToken = /concerto_session=([^;]+)/.exec(redeemed.headers.get('set-cookie') ?? '')?.[1] ?? '';
  expect(motherToken).not.toBe('');
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('the shared plan, live', () => {
  it('a professional on a desktop and the mother on her phone see each other type, with carets and presence', async () => {
    const problems: string[] = [];
    const desktop = await signedInContext(midwifeToken, { viewport: { width: 1280, height: 800 } });
    const phone = await signedInContext(motherToken, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const professional = await openPlan(desktop, problems);
    const mother = await openPlan(phone, problems);
    await expect.poll(() => connection(professional), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => connection(mother), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => presentNames(professional)).toContain(motherName);
    await expect.poll(() => presentNames(mother)).toContain(midwifeName);

    await professional.locator('[data-testid="plan-notes"] .ProseMirror').click();
    await professional.keyboard.type(midwifeNote);
    await expect.poll(() => notesText(mother)).toContain(midwifeNote);

    await mother.locator('[data-testid="plan-notes"] .ProseMirror').click();
    await mother.keyboard.press('Control+End');
    await mother.keyboard.press('Enter');
    await mother.keyboard.type(motherNote);
    await expect.poll(() => notesText(professional)).toContain(motherNote);

    await professional.getByTestId('plan-add-action').click();
    await professional.getByTestId('plan-action-what').fill(actionText);
    await professional.getByTestId('plan-action-owner').selectOption(`member:${motherId}`);
    await professional.getByTestId('plan-action-due').fill('2026-12-01');
    await professional.getByTestId('plan-action-submit').click();
    await expect.poll(() => mother.getByTestId('plan-actions').innerText()).toContain(actionText);
    expect(await mother.getByTestId('plan-action-owner-name').first().innerText()).toContain(motherName);

    // Each sees the other's caret, named by the server from the session (not by the other browser).
    await professional.locator('[data-testid="plan-notes"] .ProseMirror').click();
    await expect.poll(() => caretNames(mother)).toContain(midwifeName);
    await expect.poll(() => caretNames(professional)).toContain(motherName);

    await professional.screenshot({ path: path.join(artifacts, 'plan-desktop.png'), fullPage: true });
    await mother.screenshot({ path: path.join(artifacts, 'plan-phone.png'), fullPage: true });
    // A phone widens its layout to fit overflowing content, so compare with the device's width itself.
    expect(await mother.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // No CSP violation at all (zod runs jitless; the editor's styles come from our stylesheet), no error.
    expect(problems).toEqual([]);
    await desktop.close();
    await phone.close();
  });
});
