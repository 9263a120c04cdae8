import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays } from '@concerto/shared';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
let server: ServerProcess;
let browser: Browser;
let gp: TestApiClient;
let midwife: TestApiClient;
let gpManager: TestApiClient;
let lowRiskFamilyId: string;

/** One organisation with its manager, who adds a professional; returns the professional signed in. */
async function professional(admin: TestApiClient, name: string, email: string, profession: string) {
  const organisation = await admin.post('/organisations', {
    name: `Organisation de ${name}`,
    kind: 'hospital',
    accessManager: {
      displayName: `Gestion ${name}`,
      email: `manager.${email}`,
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  const manager = await signIn(server.url, `manager.${email}`, 'manager-password-1');
  const created = await manager.post(`/organisations/${organisation.body.id}/professionals`, {
    displayName: name,
    email,
    password: 'staff-password-1',
    profession,
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  expect(created.status, created.text).toBe(201);
  return {
    id: created.body.id as string,
    client: await signIn(server.url, email, 'staff-password-1'),
    manager,
  };
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@professionals.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@professionals.test', 'admin-password-1');
  const doctor = await professional(
    admin,
    'Dr Marc Généraliste',
    'gp@professionals.test',
    'Médecin généraliste',
  );
  const sophie = await professional(admin, 'Sophie Sage-femme', 'midwife@professionals.test', 'Sage-femme');
  gp = doctor.client;
  gpManager = doctor.manager;
  midwife = sophie.client;
  const family = await midwife.post('/families', {
    label: 'Famille Janssens',
    members: [{ displayName: 'Eva Janssens', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    dueDate: isoDate(addDays(new Date(), 12)),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'lowRisk',
  });
  lowRiskFamilyId = family.body.id;
  await midwife.post(`/families/${lowRiskFamilyId}/team`, { professionalId: doctor.id });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('functions outside any meeting', () => {
  it('the low-risk family gets its referent from the family file, reached from "my work", with no meeting', async () => {
    const problems: string[] = [];
    const token = gp.credentials.token!;
    const context = await signedInContext(browser, server.url, token, desktop);
    const page = await openWatchedPage(context, `${server.url}/work`, problems);
    const noReferent = page.locator('[data-moment="noReferent"]');
    await expect.poll(() => noReferent.count()).toBe(1);
    await noReferent.getByRole('link').click();
    await page.waitForURL(new RegExp(`/families/${lowRiskFamilyId}#functions$`));
    const section = page.getByTestId('section-functions');
    await expect.poll(() => section.getByTestId('function-referent').textContent()).toContain('Personne');

    await section.locator('[data-opens="referentOnBehalf"]').click();
    const form = section.getByTestId('referent-on-behalf-form');
    await form.locator('select').first().selectOption({ label: 'Eva Janssens' });
    await form
      .getByTestId('choose-referent-on-behalf')
      .selectOption({ label: 'Dr Marc Généraliste — Médecin généraliste' });
    await form.getByTestId('choose-referent-on-behalf-submit').click();
    await expect
      .poll(() => section.getByTestId('function-referent').textContent())
      .toContain('Dr Marc Généraliste');
    await expect
      .poll(() => section.getByTestId('assignment-chosen-by').first().textContent())
      .toContain('Eva');
    await page.screenshot({
      path: path.join(artifacts, 'professionals-functions-desktop.png'),
      fullPage: true,
    });

    // Nothing was scheduled: the referent came from the file alone, and "my work" no longer asks for one.
    expect((await gp.get(`/families/${lowRiskFamilyId}/concertations`)).body).toHaveLength(0);
    await page.goto(`${server.url}/work`);
    await expect.poll(() => page.locator('[data-kind="function"]').count()).toBeGreaterThan(0);
    expect(await noReferent.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a coordinator is named and handed over from the file on a phone', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, midwife.credentials.token!, phone);
    const page = await openWatchedPage(
      context,
      `${server.url}/families/${lowRiskFamilyId}#functions`,
      problems,
    );
    const section = page.getByTestId('section-functions');
    await section.getByTestId('assign-coordinator').click();
    await section.getByTestId('coordinator-select').selectOption({ label: 'Sophie Sage-femme — Sage-femme' });
    await section.getByTestId('coordinator-submit').click();
    await expect
      .poll(() => section.getByTestId('function-coordinator').textContent())
      .toContain('Sophie Sage-femme');
    await section.getByTestId('assign-coordinator').click();
    await section
      .getByTestId('coordinator-select')
      .selectOption({ label: 'Dr Marc Généraliste — Médecin généraliste' });
    await section.getByTestId('coordinator-submit').click();
    // A hand-over says what is handed over: the form keeps the choice and asks for it.
    await expect.poll(() => section.locator('[aria-invalid="true"]').count()).toBe(1);
    await section.getByTestId('coordinator-handover').fill('Suivi post-partum, visite à domicile J+3 faite.');
    await section.getByTestId('coordinator-submit').click();
    await expect
      .poll(() => section.getByTestId('function-coordinator').textContent())
      .toContain('Dr Marc Généraliste');
    await page.screenshot({
      path: path.join(artifacts, 'professionals-functions-phone.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('honest conflicts', () => {
  it('a stale page moving a referral on is told who moved it, reloads it and keeps the typed note', async () => {
    const family = (await midwife.get(`/families/${lowRiskFamilyId}`)).body;
    const entry = await gpManager.post('/directory', {
      name: 'Agence immobilière sociale du Nord',
      kind: 'housing',
      cost: 'free',
      bassin: 'bruxellesNord',
    });
    expect(entry.status, entry.text).toBe(201);
    const created = await midwife.post(`/families/${lowRiskFamilyId}/referrals`, {
      memberId: family.members[0].id,
      entryId: entry.body.id,
      reason: 'Logement insalubre, humidité dans la chambre du bébé',
      familyAgreed: false,
      followUpDate: isoDate(addDays(new Date(), 7)),
    });
    expect(created.status, created.text).toBe(201);
    const problems: string[] = [];
    const url = `${server.url}/families/${lowRiskFamilyId}#referrals`;
    const doctorContext = await signedInContext(browser, server.url, gp.credentials.token!, desktop);
    const midwifeContext = await signedInContext(browser, server.url, midwife.credentials.token!, phone);
    const doctor = await openWatchedPage(doctorContext, url, problems);
    const stalePage = await openWatchedPage(midwifeContext, url, problems);
    const onPage = (page: typeof doctor) =>
      page.locator(`[data-testid="referral-item"]`).filter({ hasText: 'Agence immobilière sociale' });
    await expect.poll(() => onPage(stalePage).count()).toBe(1);

    // The doctor records the family's agreement; the midwife's page still shows "proposed".
    await expect.poll(() => onPage(doctor).count()).toBe(1);
    await onPage(doctor).locator('[data-next="agreed"]').click();
    await onPage(doctor).getByTestId('referral-step-submit').click();
    await expect.poll(() => onPage(doctor).locator('[data-next="contactMade"]').count()).toBe(1);

    const note = 'Accord donné par téléphone, rappeler lundi pour le rendez-vous';
    await onPage(stalePage).locator('[data-next="agreed"]').click();
    await onPage(stalePage).getByTestId('referral-note').fill(note);
    await onPage(stalePage).getByTestId('referral-step-submit').click();
    const notice = onPage(stalePage).getByTestId('stale-notice');
    await expect.poll(() => notice.textContent()).toContain('Dr Marc Généraliste');
    expect(await notice.textContent()).toContain('étape');
    expect(await onPage(stalePage).getByTestId('referral-note').inputValue()).toBe(note);
    await onPage(stalePage).screenshot({ path: path.join(artifacts, 'professionals-stale-phone.png') });

    // Reloading shows the step the doctor recorded; the note waits for the next step.
    await notice.getByTestId('stale-reload').click();
    await expect.poll(() => onPage(stalePage).locator('[data-next="contactMade"]').count()).toBe(1);
    await onPage(stalePage).locator('[data-next="contactMade"]').click();
    expect(await onPage(stalePage).getByTestId('referral-note').inputValue()).toBe(note);
    await onPage(stalePage).getByTestId('referral-step-submit').click();
    await expect.poll(() => onPage(stalePage).locator('[data-next="takenInCharge"]').count()).toBe(1);
    const history = (await midwife.get(`/families/${lowRiskFamilyId}/referrals`)).body[0].history;
    expect(history.at(-1)).toMatchObject({ to: 'contactMade', note, by: 'Sophie Sage-femme' });
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
    await doctorContext.close();
    await midwifeContext.close();
  });

  it('a directory entry edited while a doctor marked it full: the editor is told, reloads it and keeps the typed offer', async () => {
    const problems: string[] = [];
    const created = await gpManager.post('/directory', {
      name: 'Crèche des Tilleuls',
      kind: 'childcare',
      cost: 'incomeBased',
      bassin: 'bruxellesNord',
    });
    const editorContext = await signedInContext(browser, server.url, gpManager.credentials.token!, phone);
    const doctorContext = await signedInContext(browser, server.url, gp.credentials.token!, desktop);
    const editor = await openWatchedPage(editorContext, `${server.url}/directory`, problems);
    const doctor = await openWatchedPage(doctorContext, `${server.url}/directory`, problems);
    const cardOn = (page: typeof doctor) =>
      page.getByTestId('directory-result').filter({ hasText: 'Crèche des Tilleuls' });
    for (const page of [editor, doctor]) {
      await page.getByTestId('directory-search').fill('Tilleuls');
      await expect.poll(() => cardOn(page).count()).toBe(1);
    }

    // The manager starts describing the offer while the doctor says the crèche is full.
    const offer = 'Places dès 3 mois, priorité aux familles suivies par le CPAS';
    await cardOn(editor).locator('[data-panel="edit"]').click();
    const offerField = cardOn(editor).getByLabel('Offre');
    await offerField.fill(offer);
    const availability = cardOn(doctor).getByTestId('availability-form');
    await cardOn(doctor).getByTestId('availability-open').click();
    await availability.getByLabel('Complet').check();
    await availability.getByRole('button', { name: 'Enregistrer la disponibilité' }).click();
    await expect
      .poll(() => cardOn(doctor).getByTestId('availability').getAttribute('data-status'))
      .toBe('full');

    await cardOn(editor).getByTestId('entry-submit').click();
    const notice = cardOn(editor).getByTestId('stale-notice');
    await expect.poll(() => notice.textContent()).toContain('Dr Marc Généraliste');
    expect(await notice.textContent()).toContain('disponibilité');
    expect(await offerField.inputValue()).toBe(offer);
    await notice.screenshot({ path: path.join(artifacts, 'professionals-stale-directory-phone.png') });

    // Reloading takes the doctor's availability; the typed offer is saved on top of it.
    await notice.getByTestId('stale-reload').click();
    await expect.poll(() => cardOn(editor).getByTestId('stale-reloaded').count()).toBe(1);
    expect(await offerField.inputValue()).toBe(offer);
    await cardOn(editor).getByTestId('entry-submit').click();
    await expect.poll(() => cardOn(editor).getByTestId('directory-entry-form').count()).toBe(0);
    const saved = (await gp.get('/directory?q=Tilleuls')).body;
    expect(saved).toEqual([
      expect.objectContaining({
        id: created.body.id,
        offer,
        availability: expect.objectContaining({ status: 'full' }),
      }),
    ]);
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
    await editorContext.close();
    await doctorContext.close();
  });
});

describe('meetings', () => {
  it('the organiser is told, while scheduling, which invited member has no concertation consent', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, midwife.credentials.token!, phone);
    const page = await openWatchedPage(
      context,
      `${server.url}/families/${lowRiskFamilyId}/concertations/new`,
      problems,
    );
    await page.getByTestId('schedule-members').getByLabel('Eva Janssens').check();
    const warning = page.getByTestId('consent-missing');
    await expect.poll(() => warning.textContent()).toContain('Eva Janssens');
    await warning.screenshot({ path: path.join(artifacts, 'professionals-consent-missing-phone.png') });
    const family = (await midwife.get(`/families/${lowRiskFamilyId}`)).body;
    await midwife.post(`/families/${lowRiskFamilyId}/consents`, {
      memberId: family.members[0].id,
      scope: 'concertation',
      granted: true,
    });
    await page.reload();
    await page.getByTestId('schedule-members').getByLabel('Eva Janssens').check();
    await expect.poll(() => page.getByTestId('schedule-members').textContent()).toContain('Eva');
    expect(await warning.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
