import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { inviteMember } from '../support/factories.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// The demo's Benali family: the midwife Sophie (Role A, coordinator) records the initial assessment in
// French; the social worker Nadia (Role B) reads it on her phone without its clinical observations.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const clinical = 'EPDS 14, suivi psychologique à proposer';
const patience = { timeout: 15_000 };
let server: ServerProcess;
let browser: Browser;
let sophie: TestApiClient;
let nadia: TestApiClient;
let familyId: string;
const problems: string[] = [];

/** A page that keeps every API answer it received, to search them for what must never arrive. */
async function watched(context: BrowserContext, url: string) {
  const apiBodies: string[] = [];
  context.on('response', async (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/'))
      apiBodies.push(await response.text().catch(() => ''));
  });
  const page = await openWatchedPage(context, url, problems);
  return { page, apiBodies };
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const inAWeek = () => new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({ CONCERTO_DEMO_DATA: 'true' });
  sophie = await signIn(server.url, 'sophie.lambert@concerto.demo', 'concerto-demo');
  nadia = await signIn(server.url, 'nadia.elamrani@concerto.demo', 'concerto-demo');
  const families = (await sophie.get('/families')).body as { id: string; label: string }[];
  familyId = families.find((family) => family.label === 'Famille Benali')!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('needs assessment, in the browser', () => {
  it('"Mon travail" asks the coordinator for the initial assessment', async () => {
    const context = await signedInContext(browser, server.url, sophie.credentials.token!, desktop);
    const { page } = await watched(context, `${server.url}/work`);
    const item = page.locator('[data-kind="assessment"]', { hasText: 'Famille Benali' });
    await expect.poll(() => item.textContent(), patience).toContain('Évaluation initiale à faire');
    await context.close();
  });

  it('the Role A coordinator records it: the family’s words, both networks, a referent outside Concerto', async () => {
    const context = await signedInContext(browser, server.url, sophie.credentials.token!, desktop);
    const { page } = await watched(context, `${server.url}/families/${familyId}#assessment`);
    const section = page.getByTestId('section-assessment');
    await expect.poll(() => section.textContent(), patience).toContain('Aucune évaluation');
    await page.getByTestId('assessment-record-open').click();
    await page.getByTestId('assessment-submit').click();
    await expect.poll(() => section.textContent(), patience).toContain('Écrivez les besoins');
    await page.getByTestId('assessment-needs').fill('Un logement plus grand avant la naissance');
    await page.getByTestId('assessment-expectations').fill('Être accompagnée pour les démarches');
    await page.getByTestId('assessment-strengths').fill('Très soutenue par sa sœur');
    await page.getByTestId('informal-add').click();
    await page.getByTestId('informal-name').fill('Samira');
    await page.getByTestId('formal-add').click();
    await page.getByTestId('formal-name').fill('Dr Haddad, médecin traitant');
    await page.locator('#formal-0-referent').check();
    await page.locator('#assessment-interpreter').check();
    await page.getByTestId('assessment-clinical').fill(clinical);
    await page.getByTestId('assessment-next-review').fill(inAWeek());
    await page.getByLabel(/Amina Benali/).check();
    await page.getByTestId('assessment-submit').click();
    const card = page.getByTestId('assessment-card');
    await expect.poll(() => card.textContent(), patience).toContain('Un logement plus grand');
    const text = (await card.textContent()) ?? '';
    for (const expected of [
      'Évaluation initiale',
      'Samira',
      'Dr Haddad',
      'référent existant',
      clinical,
      'Amina',
    ])
      expect(text).toContain(expected);
    expect(await page.getByTestId('assessment-review').getAttribute('data-state')).toBe('due');
    await section.screenshot({ path: path.join(artifacts, 'assessment-desktop.png') });
    await context.close();
  });

  it('an indicator is marked attenuated, with who and when', async () => {
    const context = await signedInContext(browser, server.url, sophie.credentials.token!, desktop);
    const { page } = await watched(context, `${server.url}/families/${familyId}#indicators`);
    const housing = page.locator('[data-testid="indicator-item"][data-key="housing"]');
    await housing.getByTestId('indicator-status-open').click();
    await housing.getByTestId('indicator-status-select').selectOption('attenuated');
    await housing.getByTestId('indicator-status-note').fill('Logement social attribué');
    await housing.getByTestId('indicator-status-submit').click();
    await expect
      .poll(() => housing.getByTestId('indicator-status').getAttribute('data-status'), patience)
      .toBe('attenuated');
    await housing.locator('summary').click();
    expect(await housing.textContent()).toContain('Sophie Lambert');
    await housing.screenshot({ path: path.join(artifacts, 'assessment-indicator-status.png') });
    await context.close();
  });

  it('the Role B social worker reads it on her phone, without the clinical observations', async () => {
    const context = await signedInContext(browser, server.url, nadia.credentials.token!, phone);
    const { page, apiBodies } = await watched(context, `${server.url}/families/${familyId}#assessment`);
    const card = page.getByTestId('assessment-card');
    await expect.poll(() => card.textContent(), patience).toContain('Samira');
    await page.waitForLoadState('networkidle');
    expect(await page.content()).not.toContain(clinical);
    for (const body of apiBodies) expect(body).not.toContain(clinical);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page
      .getByTestId('section-assessment')
      .screenshot({ path: path.join(artifacts, 'assessment-phone.png') });
    await context.close();
  });

  it('Amina reads what was shared with her, in Arabic on her phone; Youssef, not chosen, sees no assessment', async () => {
    const file = (await sophie.get(`/families/${familyId}`)).body as {
      members: { id: string; displayName: string }[];
    };
    const memberId = (name: string) => file.members.find((member) => member.displayName === name)!.id;
    const amina = await inviteMember(server.url, sophie, familyId, memberId('Amina Benali'));
    const context = await browser.newContext(phone);
    await context.addInitScript(() => localStorage.setItem('concerto.locale', 'ar'));
    await context.addCookies([
      {
        name: 'concerto_session',
        value: amina.credentials.cookie!.split('=').slice(1).join('='),
        url: server.url,
      },
    ]);
    const { page, apiBodies } = await watched(context, `${server.url}/families/${familyId}`);
    const section = page.getByTestId('section-assessment');
    await expect.poll(() => section.textContent(), patience).toContain('Un logement plus grand');
    const text = (await section.innerText()) ?? '';
    for (const expected of ['ما دوّنّاه معًا', 'التقييم الأولي', 'Samira', 'Dr Haddad', 'بحضور مترجم'])
      expect(text).toContain(expected);
    // Read-only, no review reminder, never the clinical observations.
    expect(await section.getByTestId('assessment-record-open').count()).toBe(0);
    expect(await section.getByTestId('assessment-review').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    for (const body of apiBodies) expect(body).not.toContain(clinical);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: path.join(artifacts, 'assessment-member-phone-ar.png') });
    await context.close();

    const youssef = await inviteMember(server.url, sophie, familyId, memberId('Youssef Benali'));
    expect((await youssef.get(`/families/${familyId}/assessments`)).text).not.toContain('logement');
    const his = await browser.newContext(phone);
    await his.addCookies([
      {
        name: 'concerto_session',
        value: youssef.credentials.cookie!.split('=').slice(1).join('='),
        url: server.url,
      },
    ]);
    const hisPage = (await watched(his, `${server.url}/families/${familyId}`)).page;
    await hisPage.getByTestId('member-space').waitFor();
    await hisPage.waitForLoadState('networkidle');
    expect(await hisPage.getByTestId('section-assessment').count()).toBe(0);
    await his.close();
  });

  it('the re-assessment is in "Mon travail"; the BIB series shows its evolution', async () => {
    expect((await nadia.post(`/families/${familyId}/screening`, { scenario: 'A' })).status).toBe(201);
    const context = await signedInContext(browser, server.url, sophie.credentials.token!, phone);
    const { page } = await watched(context, `${server.url}/work`);
    const item = page.locator('[data-kind="assessment"]', { hasText: 'Famille Benali' });
    await expect.poll(() => item.textContent(), patience).toContain('Réévaluation prévue le');
    await page.screenshot({ path: path.join(artifacts, 'assessment-work-phone.png'), fullPage: true });
    await item.locator('a').click();
    const series = page.getByTestId('screening-series');
    await expect.poll(() => series.textContent(), patience).toContain('B → A');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
    expect(problems).toEqual([]);
  });
});
