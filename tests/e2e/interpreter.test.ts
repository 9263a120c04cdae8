import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
let server: ServerProcess;
let browser: Browser;
let midwife: TestApiClient;
let familyId: string;
let meetingId: string;
let otherMeetingId: string;
let midwifePage: Page;
let interpreterPhone: BrowserContext;
let interpreter: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@interpreter.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@interpreter.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'Maternité Interprétation',
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestionnaire',
      email: 'manager@interpreter.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  const manager = await signIn(server.url, 'manager@interpreter.test', 'manager-password-1');
  await manager.post(`/organisations/${organisation.body.id}/professionals`, {
    displayName: 'Sophie Sage-femme',
    email: 'midwife@interpreter.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  midwife = await signIn(server.url, 'midwife@interpreter.test', 'staff-password-1');
  const family = await midwife.post('/families', {
    label: 'Famille Haddad',
    members: [{ displayName: 'Nour Haddad', role: 'pregnantPerson', preferredLanguage: 'ar' }],
    dueDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  familyId = family.body.id;
  const schedule = (hoursAhead: number, titles: string[]) =>
    midwife.post(`/families/${familyId}/concertations`, {
      scheduledAt: new Date(Date.now() + hoursAhead * 3_600_000).toISOString(),
      place: 'Maternité, salle 2',
      agenda: titles.map((title) => ({ title })),
      invitedMemberIds: [family.body.members[0].id],
      interpreter: { needed: true, language: 'ar' },
    });
  meetingId = (await schedule(0.5, ['Besoins exprimés par Nour', 'Plan après la naissance'])).body.id;
  otherMeetingId = (await schedule(72, ['Bilan'])).body.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an interpreter joins one meeting as a guest', () => {
  it('the midwife invites an interpreter from the meeting and is shown the link and the code once', async () => {
    const context = await signedInContext(browser, server.url, midwife.credentials.token!, desktop);
    midwifePage = await openWatchedPage(context, `${server.url}/concertations/${meetingId}`, problems);
    await midwifePage.getByTestId('interpreter-invite-open').click();
    // The language asked for when the meeting was scheduled is already there.
    expect(await midwifePage.getByTestId('interpreter-language-input').inputValue()).toBe('arabe');
    await midwifePage.getByTestId('interpreter-create').click();
    // The form says what is missing and keeps what was typed.
    await expect.poll(() => midwifePage.locator('#interpreter-name[aria-invalid="true"]').count()).toBe(1);
    await midwifePage.getByTestId('interpreter-name').fill('Amina Haddou');
    await midwifePage.getByTestId('interpreter-organisation').fill('Setis Bruxelles');
    await midwifePage.getByTestId('interpreter-create').click();
    await expect.poll(() => midwifePage.getByTestId('interpreter-created').isVisible()).toBe(true);
    await midwifePage.screenshot({
      path: path.join(artifacts, 'interpreter-invite-desktop.png'),
      fullPage: true,
    });
    const link = (await midwifePage.getByTestId('interpreter-link').textContent())!.trim();
    const code = (await midwifePage.getByTestId('interpreter-code').textContent())!.trim();
    expect(link).toContain('/interpreter/');
    expect(code).toMatch(/^\d{6}$/);
    const pass = midwifePage.locator('[data-testid="interpreter-pass"][data-name="Amina Haddou"]');
    expect(await pass.textContent()).toContain('Code pas encore utilisé');
    // Nothing of the file is on the interpreter's side of the link: she redeems on her phone.
    interpreterPhone = await browser.newContext(phone);
    interpreter = await openWatchedPage(interpreterPhone, link, problems);
    expect(await interpreter.textContent('h1')).toContain('Interpréter une réunion');
    await interpreter.screenshot({
      path: path.join(artifacts, 'interpreter-redeem-phone.png'),
      fullPage: true,
    });
    await interpreter.getByTestId('redeem-code').fill(code);
    await interpreter.getByTestId('redeem-submit').click();
    await expect
      .poll(() => interpreter.getByTestId('interpreter-language').textContent(), { timeout: 10_000 })
      .toContain('Vous interprétez : arabe');
    expect(new URL(interpreter.url()).pathname).toBe('/interpreting');
  });

  it('she joins the room on her phone; the midwife sees the interpreter there, and her raised hand', async () => {
    await midwifePage.getByTestId('interpreter-done').click();
    await midwifePage.getByTestId('open-room').click();
    await expect.poll(() => midwifePage.getByTestId('room').isVisible(), { timeout: 10_000 }).toBe(true);

    await interpreter.getByTestId('interpreter-join').click();
    const agenda = interpreter.getByTestId('interpreter-agenda');
    await expect.poll(() => agenda.textContent(), { timeout: 10_000 }).toContain('Besoins exprimés par Nour');
    await expect
      .poll(() => interpreter.locator('[data-testid="presence-item"][data-name="Sophie Sage-femme"]').count())
      .toBe(1);
    await interpreter.getByTestId('raise-hand').click();
    // Her own screen says her hand is up, as the midwife's does.
    await expect
      .poll(() => interpreter.getByTestId('raise-hand').getAttribute('aria-pressed'), { timeout: 10_000 })
      .toBe('true');

    const seen = midwifePage.locator('[data-testid="presence-item"][data-name="Amina Haddou"]');
    await expect.poll(() => seen.getAttribute('data-hand'), { timeout: 10_000 }).toBe('raised');
    expect(await seen.textContent()).toContain('Interprète (arabe — Setis Bruxelles)');
    // The attendance sheet names her as the interpreter, present.
    await expect
      .poll(() => midwifePage.getByTestId('attendance-panel').textContent(), { timeout: 10_000 })
      .toContain('Amina Haddou');
    await interpreter.screenshot({
      path: path.join(artifacts, 'interpreter-room-phone.png'),
      fullPage: true,
    });
    await midwifePage.screenshot({
      path: path.join(artifacts, 'interpreter-seen-desktop.png'),
      fullPage: true,
    });
    // Her pass shows as used on the midwife's screen once she came in, without reloading.
    const pass = midwifePage.locator('[data-testid="interpreter-pass"][data-name="Amina Haddou"]');
    await expect.poll(() => pass.textContent(), { timeout: 10_000 }).toContain('Code utilisé');
    // Her page speaks English and Dutch too.
    const language = interpreter.getByTestId('interpreter-language');
    await interpreter.getByTestId('language-select').selectOption('en');
    await expect.poll(() => language.textContent()).toContain('You interpret: arabe');
    expect(await interpreter.getByTestId('raise-hand').textContent()).toContain('Lower');
    await interpreter.screenshot({
      path: path.join(artifacts, 'interpreter-room-phone-en.png'),
      fullPage: true,
    });
    await interpreter.getByTestId('language-select').selectOption('nl');
    await expect.poll(() => language.textContent()).toContain('U tolkt: arabe');
    await interpreter.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => language.textContent()).toContain('Vous interprétez');
  });

  it('the family file and another meeting do not exist for her: "not found", and 404 from the server', async () => {
    for (const address of [
      `/families/${familyId}`,
      `/concertations/${otherMeetingId}`,
      `/concertations/${meetingId}`,
    ]) {
      const page = await openWatchedPage(interpreterPhone, `${server.url}${address}`, problems);
      await expect.poll(() => page.textContent('h1')).toContain('Page introuvable');
      await page.close();
    }
    for (const address of [
      `/families/${familyId}`,
      `/concertations/${otherMeetingId}`,
      `/concertations/${meetingId}`,
      '/families',
      '/directory',
    ])
      expect((await interpreter.request.get(`${server.url}/api${address}`)).status(), address).toBe(404);
  });

  it('withdrawn by the midwife, her room closes at once', async () => {
    await midwifePage.reload();
    const pass = midwifePage.locator('[data-testid="interpreter-pass"][data-name="Amina Haddou"]');
    await expect.poll(() => pass.textContent(), { timeout: 10_000 }).toContain('Code utilisé');
    await pass.getByTestId('interpreter-revoke').click();
    await expect.poll(() => pass.textContent()).toContain('Accès retiré');
    await expect
      .poll(() => interpreter.getByTestId('interpreter-ended').textContent(), { timeout: 10_000 })
      .toContain('Votre accès à cette réunion est fermé');
    await interpreter.screenshot({
      path: path.join(artifacts, 'interpreter-withdrawn-phone.png'),
      fullPage: true,
    });
    expect(problems.filter((problem) => !/status of (401|404)/.test(problem))).toEqual([]);
  });
});
