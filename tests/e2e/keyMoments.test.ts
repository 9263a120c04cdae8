import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// The rupture watch in the browser: a midwife sees the discharge to record in "Mon travail", records it on
// the family's timeline, and the return home takes its place — on a desktop and on a phone.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let server: ServerProcess;
let browser: Browser;
let token: string;
let familyId: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@moments.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@moments.test', 'admin-password-1');
  const hospital = await admin.post('/organisations', {
    name: 'Maternité Moments E2E',
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestion Maternité',
      email: 'manager@moments.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  expect(hospital.status, hospital.text).toBe(201);
  const manager = await signIn(server.url, 'manager@moments.test', 'manager-password-1');
  await manager.post(`/organisations/${hospital.body.id}/professionals`, {
    displayName: 'Inès Sage-femme',
    email: 'midwife@moments.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  const midwife = await signIn(server.url, 'midwife@moments.test', 'staff-password-1');
  token = midwife.credentials.token!;
  const family = await midwife.post('/families', {
    label: 'Famille Ndiaye',
    members: [{ displayName: 'Awa Ndiaye', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    dueDate: daysFromToday(-6),
    birthDate: daysFromToday(-4),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'specific',
  });
  expect(family.status, family.text).toBe(201);
  familyId = family.body.id;
  const me = (await midwife.get('/me')).body as { id: string };
  await midwife.post(`/families/${familyId}/functions`, { function: 'coordinator', professionalId: me.id });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('the rupture watch in the browser', () => {
  it('the discharge to record in "Mon travail" leads to the timeline, where recording it starts the return home', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, token, desktop);
    const work = await openWatchedPage(context, `${server.url}/work`, problems);
    const discharge = work.locator('[data-moment="dischargeNotRecorded"]');
    await expect
      .poll(() => discharge.innerText(), { timeout: 10_000 })
      .toMatch(/Famille Ndiaye\s+Naissance il y a 4 jours : date de sortie de la maternité à enregistrer/);
    await discharge.getByRole('link').click();
    const section = work.getByTestId('section-key-moments');
    const returnHome = section.locator('[data-testid="key-moment"][data-kind="returnHome"]');
    await expect.poll(() => returnHome.getAttribute('data-status'), { timeout: 10_000 }).toBe('due');
    expect(await section.locator('[data-kind="birthNotice"]').getAttribute('data-status')).toBe('due');
    await returnHome.getByTestId('key-moment-record').click();
    const form = returnHome.getByTestId('key-moment-form');
    await form.getByTestId('key-moment-at').fill(daysFromToday(1));
    await form.getByTestId('key-moment-note').fill('Sortie prévue, relais sage-femme à domicile');
    await form.getByTestId('key-moment-submit').click();
    // Tomorrow's discharge is planned, not done yet.
    await expect.poll(() => returnHome.getAttribute('data-status')).toBe('planned');
    expect(await returnHome.innerText()).toContain('Sortie prévue le');
    // A day in the future is refused with a message, the form keeps what was typed.
    const visit = section.locator('[data-kind="contraceptionTalk"]');
    await visit.getByTestId('key-moment-record').click();
    await visit.getByTestId('key-moment-at').fill(daysFromToday(2));
    await visit.getByTestId('key-moment-submit').click();
    await expect.poll(() => visit.innerText()).toContain('La date ne peut pas être dans le futur.');
    await section.screenshot({ path: path.join(artifacts, 'key-moments.png') });
    const again = await openWatchedPage(context, `${server.url}/work`, problems);
    const moments = again.locator('[data-testid="work-item"][data-kind="keyMoment"]');
    await expect
      .poll(() => moments.allInnerTexts(), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([expect.stringMatching(/Famille Ndiaye\s+Retour à domicile prévu demain/)]),
      );
    expect((await moments.allInnerTexts()).join('\n')).not.toContain(
      'date de sortie de la maternité à enregistrer',
    );
    await again.screenshot({ path: path.join(artifacts, 'key-moments-work.png'), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  });

  it('the timeline fits a phone', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, token, phone);
    const page = await openWatchedPage(context, `${server.url}/families/${familyId}#keyMoments`, problems);
    const section = page.getByTestId('section-key-moments');
    await expect
      .poll(() => section.locator('[data-testid="key-moment"]').count(), { timeout: 10_000 })
      .toBe(11);
    await section.locator('[data-kind="sixWeekVisit"]').getByTestId('key-moment-record').click();
    await section.screenshot({ path: path.join(artifacts, 'key-moments-phone.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
    expect(problems).toEqual([]);
  });
});
