import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { brusselsDay } from '@concerto/shared';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let admin: TestApiClient;
let manager: TestApiClient;
let midwife: TestApiClient;
let organisationId: string;
let familyId: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@services.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  admin = await signIn(server.url, 'admin@services.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'Maternité Prestations',
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestion Maternité',
      email: 'manager@services.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  expect(organisation.status, organisation.text).toBe(201);
  organisationId = organisation.body.id;
  manager = await signIn(server.url, 'manager@services.test', 'manager-password-1');
  const created = await manager.post(`/organisations/${organisationId}/professionals`, {
    displayName: 'Sophie Lambert',
    email: 'midwife@services.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  expect(created.status, created.text).toBe(201);
  midwife = await signIn(server.url, 'midwife@services.test', 'staff-password-1');
  const family = await midwife.post('/families', {
    label: 'Famille Prestations',
    members: [{ displayName: 'Amina Benali', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    dueDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  familyId = family.body.id;
  await midwife.post(`/families/${familyId}/screening`, { scenario: 'B' });
  for (const durationMinutes of [90, 30])
    await midwife.post(`/families/${familyId}/contacts`, {
      kind: 'homeVisit',
      place: 'home',
      durationMinutes,
      memberIds: [family.body.members[0].id],
    });
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('funded services in the browser', () => {
  it('the midwife records the coordination on two home visits and sees its proof', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, midwife.credentials.token!, desktop);
    const page = await openWatchedPage(context, `${server.url}/families/${familyId}#screening`, problems);
    const section = page.getByTestId('section-screening');
    const coordination = section.locator('[data-testid="service-item"][data-service="coordination"]');
    await expect.poll(() => coordination.getAttribute('data-eligibility')).toBe('open');
    expect(await section.innerText()).toContain('Scénario BIB B');
    await section.getByRole('button', { name: 'Enregistrer une prestation' }).click();
    await page.getByLabel('Prestation', { exact: true }).selectOption('coordination');
    await page.getByTestId('service-submit').click();
    await section.getByText('Cochez au moins un contact').waitFor();
    const boxes = section.locator('#service-contacts input[type="checkbox"]');
    // The contact log arrives on its own request: wait for both home visits to be offered.
    await boxes.nth(1).waitFor();
    for (const box of await boxes.all()) await box.check();
    expect(await page.getByTestId('service-proof-total').innerText()).toContain('2 h');
    await page.getByTestId('service-submit').click();
    const delivery = coordination.getByTestId('service-delivery');
    await delivery.waitFor();
    const text = await delivery.innerText();
    expect(text).toContain('Preuve : 2 contacts');
    expect(text).toContain('2 h');
    expect(text).toContain('Au domicile');
    expect(text).toContain('Sophie Lambert, Amina Benali');
    await section.screenshot({ path: path.join(artifacts, 'services-desktop.png') });
    expect(problems).toEqual([]);
    await context.close();

    const phoneContext = await signedInContext(browser, server.url, midwife.credentials.token!, phone);
    const phonePage = await openWatchedPage(
      phoneContext,
      `${server.url}/families/${familyId}#screening`,
      problems,
    );
    await phonePage.locator('[data-service="coordination"]').getByTestId('service-delivery').waitFor();
    expect(await fitsThePhone(phonePage)).toBeLessThanOrEqual(390);
    await phonePage
      .getByTestId('section-screening')
      .screenshot({ path: path.join(artifacts, 'services-phone.png') });
    expect(problems).toEqual([]);
    await phoneContext.close();
  });

  it("the organisation's manager downloads the period's services as CSV, on a desktop and a phone", async () => {
    const problems: string[] = [];
    for (const [name, options] of [
      ['desktop', desktop],
      ['phone', phone],
    ] as const) {
      const context = await signedInContext(browser, server.url, manager.credentials.token!, options);
      const page = await openWatchedPage(context, `${server.url}/organisations`, problems);
      const card = page.getByTestId('services-export');
      await card.waitFor();
      // Services are dated by the Brussels day (after 23:00 UTC, already tomorrow's).
      const today = brusselsDay();
      await card.getByLabel('Du', { exact: true }).fill(today);
      await card.getByLabel('Au', { exact: true }).fill(`${today.slice(0, 4)}-01-01`);
      await card.getByText('La fin de la période précède son début.').waitFor();
      expect(await card.getByTestId('services-export-link').count()).toBe(0);
      await card.getByLabel('Du', { exact: true }).fill(`${today.slice(0, 4)}-01-01`);
      await card.getByLabel('Au', { exact: true }).fill(today);
      const href = await card.getByTestId('services-export-link').getAttribute('href');
      const csv = await page.request.get(`${server.url}${href}`);
      expect(csv.status()).toBe(200);
      const body = await csv.text();
      expect(body).toContain(`${familyId},coordination,`);
      expect(body).not.toContain('Famille Prestations');
      if (name === 'phone') expect(await fitsThePhone(page)).toBeLessThanOrEqual(390);
      await card.screenshot({ path: path.join(artifacts, `services-export-${name}.png`) });
      await context.close();
    }
    expect(problems).toEqual([]);
  });
  it("the programme's admin records which scenario opens which service; the family's file follows at once", async () => {
    const context = await signedInContext(browser, server.url, admin.credentials.token!, desktop);
    const problems: string[] = [];
    const page = await openWatchedPage(context, `${server.url}/organisations`, problems);
    const card = page.getByTestId('eligibility-rules');
    await expect.poll(() => card.innerText()).toContain('pas encore confirmée par le programme');
    // Scenario B no longer opens the concertation; scenario A now opens the coordination.
    await card.getByTestId('rule-B-concertation').uncheck();
    await card.getByTestId('rule-A-coordination').check();
    await card.getByTestId('eligibility-rules-save').click();
    await expect.poll(() => card.innerText()).toContain('Règle enregistrée');
    expect(await card.getByTestId('eligibility-rules-origin').innerText()).toContain('Règle du programme');
    await card.screenshot({ path: path.join(artifacts, 'eligibility-rules-admin.png') });
    expect(problems).toEqual([]);
    await context.close();

    const midwifeContext = await signedInContext(browser, server.url, midwife.credentials.token!, phone);
    const filePage = await openWatchedPage(midwifeContext, `${server.url}/families/${familyId}`, problems);
    const concertation = filePage.locator('[data-testid="service-item"][data-service="concertation"]');
    await expect.poll(() => concertation.getAttribute('data-eligibility')).toBe('notOpened');
    expect(await concertation.innerText()).toContain('Non ouverte par le scénario B');
    // The manager reads the rule without being able to change it.
    const managerContext = await signedInContext(browser, server.url, manager.credentials.token!, phone);
    const managerPage = await openWatchedPage(managerContext, `${server.url}/organisations`, problems);
    const seen = managerPage.getByTestId('eligibility-rules');
    await expect.poll(() => seen.innerText()).toContain('Règle du programme');
    expect(await seen.getByTestId('rule-A-coordination').isChecked()).toBe(true);
    expect(await seen.getByTestId('rule-A-coordination').isDisabled()).toBe(true);
    expect(await seen.getByTestId('eligibility-rules-save').count()).toBe(0);
    expect(await fitsThePhone(managerPage)).toBeLessThanOrEqual(390);
    await seen.screenshot({ path: path.join(artifacts, 'eligibility-rules-manager-phone.png') });
    expect(problems).toEqual([]);
    await midwifeContext.close();
    await managerContext.close();
  });
});
