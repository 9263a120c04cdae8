import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApiClient } from '../support/apiClient.ts';
import { signIn } from '../support/apiClient.ts';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const medicalMarker = 'Anxiété sévère EPDS 19 — marqueur-medical-e2e';
const socialNote = 'Logement surpeuplé, demande en cours';
let server: ServerProcess;
let browser: Browser;
let familyId: string;
let invitation: { link: string; code: string };

async function createStaff(
  admin: TestApiClient,
  organisation: string,
  email: string,
  healthRole: 'A' | 'B',
  profession: string,
) {
  const created = await admin.post('/organisations', {
    name: organisation,
    kind: healthRole === 'A' ? 'hospital' : 'cpas',
    accessManager: {
      displayName: `Gestionnaire ${organisation}`,
      email: `manager.${email}`,
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      healthRole,
      ...(healthRole === 'A' ? { inamiNumber: '41234502002' } : {}),
    },
  });
  const manager = await signIn(server.url, `manager.${email}`, 'manager-password-1');
  const staff = await manager.post(`/organisations/${created.body.id}/professionals`, {
    displayName: healthRole === 'A' ? 'Sophie Sage-femme' : 'Nadia Assistante',
    email,
    password: 'staff-password-1',
    profession,
    healthRole,
    ...(healthRole === 'A' ? { inamiNumber: '41234502002' } : {}),
  });
  return staff.body.id as string;
}

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
    CONCERTO_ADMIN_EMAIL: 'admin@e2e.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@e2e.test', 'admin-password-1');
  await createStaff(admin, 'Maternité E2E', 'midwife@e2e.test', 'A', 'Sage-femme');
  const socialWorkerId = await createStaff(admin, 'CPAS E2E', 'social@e2e.test', 'B', 'Assistante sociale');
  const midwife = await signIn(server.url, 'midwife@e2e.test', 'staff-password-1');
  const family = await midwife.post('/families', {
    label: 'Famille Lemaire',
    members: [
      { displayName: 'Sarah Lemaire', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'David Lemaire', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  familyId = family.body.id;
  const [sarah] = family.body.members;
  await midwife.post(`/families/${familyId}/team`, { professionalId: socialWorkerId });
  await midwife.post(`/families/${familyId}/indicators`, {
    key: 'psychologicalWellbeing',
    aboutMemberId: sarah.id,
    note: medicalMarker,
  });
  await midwife.post(`/families/${familyId}/indicators`, {
    key: 'housing',
    note: socialNote,
    sharedWithMemberIds: [sarah.id],
  });
  invitation = (await midwife.post(`/families/${familyId}/members/${sarah.id}/invitations`, {})).body;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('confidentiality in the browser', () => {
  it('a Role B professional never receives a medical indicator recorded by a Role A colleague', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const bodies: string[] = [];
    // API answers must not carry the medical indicator at all; the JavaScript bundle of course names
    // every indicator key (a Role B professional can flag one), so only its content is checked there.
    const apiBodies: string[] = [];
    page.on('response', async (response) => {
      const text = await response.text().catch(() => '');
      bodies.push(text);
      if (new URL(response.url()).pathname.startsWith('/api/')) apiBodies.push(text);
    });
    await signInThroughTheForm(page, 'social@e2e.test', 'staff-password-1');
    await page.waitForURL(/\/families$/);
    await expect.poll(() => page.getByTestId('family-card').count()).toBe(1);
    await page.getByTestId('family-card').first().getByRole('link').first().click();
    await expect.poll(() => page.getByTestId('family-title').textContent()).toContain('Famille Lemaire');
    await expect.poll(() => page.getByTestId('section-indicators').textContent()).toContain(socialNote);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(artifacts, 'access-role-b-family.png'), fullPage: true });

    const content = await page.content();
    expect(content).not.toContain(medicalMarker);
    expect(await page.locator('[data-testid="indicator-item"][data-category="medical"]').count()).toBe(0);
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(body).not.toContain(medicalMarker);
    expect(apiBodies.length).toBeGreaterThan(2);
    for (const body of apiBodies) expect(body).not.toContain('psychologicalWellbeing');
    await context.close();
  });

  it('a family member on a phone redeems her invitation and sees only what was shared with her', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const bodies: string[] = [];
    page.on('response', async (response) => bodies.push(await response.text().catch(() => '')));
    const invitationPath = new URL(invitation.link).pathname;
    await page.goto(`${server.url}${invitationPath}`);
    await page.getByTestId('redeem-code').fill(invitation.code);
    await page.screenshot({ path: path.join(artifacts, 'access-member-redeem-phone.png'), fullPage: true });
    await page.getByTestId('redeem-submit').click();
    await expect.poll(() => page.getByTestId('member-space').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('member-space').textContent()).toContain(socialNote);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(artifacts, 'access-member-space-phone.png'), fullPage: true });
    const text = (await page.getByTestId('member-space').textContent()) ?? '';
    expect(text).toContain('Sarah');
    expect(text).not.toContain('David');
    const content = await page.content();
    expect(content).not.toContain(medicalMarker);
    for (const body of bodies) expect(body).not.toContain(medicalMarker);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
