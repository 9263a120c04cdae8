import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import {
  launchChromium,
  openWatchedPage,
  signedInContext as signedInContextFor,
} from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const organiserName = 'Sophie Organisatrice';
const memberName = 'Nadia Membre';
const memberOrganisation = 'CPAS Réseau E2E';
const notesText = 'Les crèches du bassin Nord sont saturées jusqu’en septembre.';
const decisionText = 'Cartographier les places de crèche du bassin';
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let organiserToken: string;
let memberToken: string;
let familyId: string;

/** An organisation with its access manager (through the admin), and the manager signed in. */
async function createOrganisation(admin: TestApiClient, name: string, kind: string, managerEmail: string) {
  const created = await admin.post('/organisations', {
    name,
    kind,
    accessManager: {
      displayName: `Gestion ${name}`,
      email: managerEmail,
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      ...(kind === 'hospital' ? { healthRole: 'A', inamiNumber: '41234502002' } : { healthRole: 'B' }),
    },
  });
  expect(created.status, created.text).toBe(201);
  return {
    id: created.body.id as string,
    manager: await signIn(server.url, managerEmail, 'manager-password-1'),
  };
}

/** A session cookie set in the browser, as the login page would: no form, no rate limit spent. */
const signedInContext = (token: string, options: Parameters<Browser['newContext']>[0]) =>
  signedInContextFor(browser, server.url, token, options);

const openPage = (context: BrowserContext, pathname: string, problems: string[]): Promise<Page> =>
  openWatchedPage(context, `${server.url}${pathname}`, problems);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifacts, name), fullPage: true });
const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@continuity.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@continuity.test', 'admin-password-1');
  const hospital = await createOrganisation(
    admin,
    'Maternité Réseau E2E',
    'hospital',
    'manager@hospital.test',
  );
  const cpas = await createOrganisation(admin, memberOrganisation, 'cpas', 'manager@cpas.test');
  await hospital.manager.post(`/organisations/${hospital.id}/professionals`, {
    displayName: organiserName,
    email: 'organiser@continuity.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  await cpas.manager.post(`/organisations/${cpas.id}/professionals`, {
    displayName: memberName,
    email: 'member@continuity.test',
    password: 'staff-password-1',
    profession: 'Assistante sociale',
    healthRole: 'B',
  });
  const organiser = await signIn(server.url, 'organiser@continuity.test', 'staff-password-1');
  organiserToken = organiser.credentials.token!;
  memberToken = (await signIn(server.url, 'member@continuity.test', 'staff-password-1')).credentials.token!;

  for (const entry of [
    { name: 'Sage-femme à domicile — Cabinet Étoile', kind: 'midwife', bassin: 'bruxellesNord' },
    { name: 'Crèche Les Lucioles', kind: 'childcare', bassin: 'bruxellesSud' },
  ]) {
    const created = await hospital.manager.post('/directory', {
      ...entry,
      cost: 'free',
      languages: ['fr', 'ar'],
    });
    expect(created.status, created.text).toBe(201);
  }
  // Birth expected in 20 days, no referent: two key moments for the professional who follows the family.
  const family = await organiser.post('/families', {
    label: 'Famille Lemaire',
    members: [{ displayName: 'Sarah Lemaire', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    dueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  expect(family.status, family.text).toBe(201);
  familyId = family.body.id;
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('continuity in the browser', () => {
  it('a network meeting goes from scheduling to a published summary that a member organisation reads', async () => {
    const problems: string[] = [];
    const organiserContext = await signedInContext(organiserToken, desktop);
    const memberContext = await signedInContext(memberToken, phone);
    const organiser = await openPage(organiserContext, '/network', problems);

    await organiser.getByTestId('network-open-form').click();
    await organiser.getByTestId('network-title').fill('Rencontre périnatalité — bassin Nord');
    await organiser.getByTestId('network-bassin').selectOption('bruxellesNord');
    await organiser.getByTestId('network-place').fill('Maison de quartier Helmet');
    await organiser.getByTestId('organisation-search').fill('Nadia');
    const option = organiser.getByTestId('organisation-option').filter({ hasText: memberOrganisation });
    await option.getByRole('button').click();
    await expect
      .poll(() => organiser.getByTestId('organisation-chosen').allInnerTexts())
      .toEqual([expect.stringContaining(memberOrganisation)]);
    await organiser.getByTestId('network-agenda').fill('Tour de table\nSaturation des services');
    await shot(organiser, 'network-form.png');
    await organiser.getByTestId('network-submit').click();
    await organiser.waitForURL(/\/network\/[0-9a-f]{24}$/);
    const meetingPath = new URL(organiser.url()).pathname;

    await organiser.getByTestId('network-open').click();
    await expect.poll(() => organiser.getByTestId('network-status').getAttribute('data-status')).toBe('open');
    const row = organiser.getByTestId('attendance-row').filter({ hasText: memberOrganisation });
    await row.getByTestId('attendance-present').check();
    await row.getByTestId('attendance-names').fill(`${memberName}, Lotte Peeters`);
    await row.getByTestId('attendance-save').click();
    await expect.poll(() => row.innerText()).toContain('Présence enregistrée');

    // The notes are co-edited live: the member organisation's professional sees them as they are typed.
    const editor = organiser.locator('[data-testid="network-notes"] .ProseMirror[contenteditable="true"]');
    await editor.click({ timeout: 10_000 });
    await organiser.keyboard.type(notesText);
    const member = await openPage(memberContext, meetingPath, problems);
    await expect
      .poll(() => member.getByTestId('network-notes').innerText(), { timeout: 10_000 })
      .toContain(notesText);
    await shot(member, 'network-live-member-phone.png');

    await organiser.getByTestId('decision-what').fill(decisionText);
    await organiser.getByTestId('decision-who').fill(memberOrganisation);
    await organiser.getByTestId('decision-by-when').fill('2027-01-31');
    await organiser.getByTestId('decision-submit').click();
    await expect
      .poll(() => organiser.getByTestId('network-decision').allInnerTexts())
      .toEqual([expect.stringContaining(decisionText)]);
    await organiser.getByTestId('next-date-input').fill('2027-02-15');
    await organiser.getByTestId('next-time-input').fill('09:30');
    await organiser.getByTestId('next-date-save').click();
    await expect.poll(() => organiser.getByTestId('network-next-date-value').innerText()).toContain('2027');
    await shot(organiser, 'network-live-organiser.png');

    await organiser.getByTestId('network-publish').getByRole('button').click();
    await organiser.getByTestId('network-publish').getByRole('button', { name: 'Oui, publier' }).click();
    await expect.poll(() => organiser.getByTestId('network-summary').isVisible()).toBe(true);
    await shot(organiser, 'network-summary-organiser.png');

    await member.reload();
    const summary = member.getByTestId('network-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const text = await summary.innerText();
    expect(text).toContain(notesText);
    expect(text).toContain(decisionText);
    expect(text).toContain(`${memberName}, Lotte Peeters`);
    expect(text).toContain('Présente');
    expect(text).toContain('2027');
    expect(await member.getByTestId('network-decision-form').count()).toBe(0);
    await shot(member, 'network-summary-member-phone.png');
    expect(await fitsThePhone(member)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await organiserContext.close();
    await memberContext.close();
  });

  it('the directory finds "Sage-femme" for "sage femme", and any professional updates its availability', async () => {
    const problems: string[] = [];
    const context = await signedInContext(memberToken, desktop);
    const page = await openPage(context, '/directory', problems);
    await page.getByTestId('directory-search').fill('sage femme');
    const names = () =>
      page.getByTestId('directory-result').evaluateAll((cards) => cards.map((card) => card.dataset.name));
    await expect.poll(names).toEqual(['Sage-femme à domicile — Cabinet Étoile']);

    const card = page.getByTestId('directory-result').first();
    await card.getByTestId('availability-open').click();
    await card.getByTestId('availability-form').getByLabel("Liste d'attente").check();
    await card.getByTestId('availability-form').getByRole('textbox').fill('Environ 3 semaines');
    await card
      .getByTestId('availability-form')
      .getByRole('button', { name: 'Enregistrer la disponibilité' })
      .click();
    await expect.poll(() => card.getByTestId('availability').getAttribute('data-status')).toBe('waitingList');
    expect(await card.getByTestId('availability').innerText()).toContain(memberName);
    await shot(page, 'directory.png');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('"my work" shows the key moments of a family built through the API, on a desktop and a phone', async () => {
    const problems: string[] = [];
    for (const [options, name] of [
      [desktop, 'work.png'],
      [phone, 'work-phone.png'],
    ] as const) {
      const context = await signedInContext(organiserToken, options);
      const page = await openPage(context, '/work', problems);
      const moments = page.locator('[data-testid="work-item"][data-kind="keyMoment"]');
      // The page loads the user's work from several collections: allow for a busy machine.
      await expect
        .poll(() => moments.allInnerTexts(), { timeout: 10_000 })
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(/Famille Lemaire\s+Naissance prévue dans (19|20) jours/),
            expect.stringMatching(/Famille Lemaire\s+Pas de référent/),
          ]),
        );
      await shot(page, name);
      if (options === phone) expect(await fitsThePhone(page)).toBeLessThanOrEqual(390);
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('a referral is made from the family file, moves on a step, and "my work" leads back to it', async () => {
    const problems: string[] = [];
    const context = await signedInContext(organiserToken, desktop);
    const page = await openPage(context, `/families/${familyId}`, problems);
    const section = page.getByTestId('section-referrals');
    await section.getByTestId('referral-open').click();
    const form = page.getByTestId('referral-form');
    await form.getByTestId('referral-service-search').fill('sage femme');
    await form.getByTestId('referral-service-option').first().getByRole('button').click();
    await form
      .getByTestId('referral-reason')
      .fill('Suivi postnatal à domicile après la sortie de la maternité');
    await form.getByTestId('referral-submit').click();
    const item = section.getByTestId('referral-item').first();
    await expect.poll(() => item.getAttribute('data-status')).toBe('proposed');
    expect(await item.getAttribute('data-overdue')).toBe('false');
    await item.locator('[data-testid="referral-next"][data-next="agreed"]').click();
    await item.getByTestId('referral-step-submit').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('agreed');
    await section.screenshot({ path: path.join(artifacts, 'referrals.png') });

    await page.goto(`${server.url}/work`);
    const followUp = page.locator('[data-testid="work-item"][data-kind="referral"]');
    await expect
      .poll(() => followUp.allInnerTexts())
      .toEqual([expect.stringContaining('Sage-femme à domicile — Cabinet Étoile')]);
    await followUp.getByRole('link').click();
    await page.waitForURL(/#referrals$/);
    // The family file loads after the navigation: the section still comes into view and takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('referrals');
    expect(problems).toEqual([]);
    await context.close();
  });
});
