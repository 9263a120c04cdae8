import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// The demo's Diallo family (specific vulnerabilities, nobody holds a function yet): the social worker Nadia
// sees what the stratum needs, notes that the family coordinates itself, logs refusals on two days before
// the refusal stratum can be chosen, and confirms the stratum after a re-assessment.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const patience = { timeout: 15_000 };
const problems: string[] = [];
let server: ServerProcess;
let browser: Browser;
let nadia: TestApiClient;
let familyId: string;

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function logRefusal(page: Page, at: string, what: string): Promise<void> {
  await page.getByTestId('refusal-open').click();
  await page.getByTestId('refusal-at').fill(at);
  await page.getByTestId('refusal-what').fill(what);
  await page.getByTestId('refusal-submit').click();
  await expect.poll(() => page.getByTestId('refusals').textContent(), patience).toContain(what);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({ CONCERTO_DEMO_DATA: 'true' });
  nadia = await signIn(server.url, 'nadia.elamrani@concerto.demo', 'concerto-demo');
  const families = (await nadia.get('/families')).body as { id: string; label: string }[];
  familyId = families.find((family) => family.label === 'Famille Diallo')!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('strata that say what they need, in the browser', () => {
  it('a specific family: the need is shown unmet, and the family coordinating itself is recorded', async () => {
    const context = await signedInContext(browser, server.url, nadia.credentials.token!, desktop);
    const page = await openWatchedPage(context, `${server.url}/families/${familyId}#strata`, problems);
    const need = page.getByTestId('stratum-need');
    await expect.poll(() => need.getAttribute('data-need'), patience).toBe('referentOrCoordination');
    expect(await need.getAttribute('data-met')).toBe('false');
    expect(await need.textContent()).toContain('Personne n');
    await page.getByTestId('self-coordination-toggle').click();
    await expect
      .poll(() => page.getByTestId('self-coordination').textContent(), patience)
      .toContain('La famille assure elle-même la coordination');
    await page.getByTestId('section-strata').screenshot({ path: path.join(artifacts, 'strata-desktop.png') });
    await context.close();
  });

  it('the refusal stratum waits for explicit refusals on two days, then can be chosen', async () => {
    const context = await signedInContext(browser, server.url, nadia.credentials.token!, phone);
    const page = await openWatchedPage(context, `${server.url}/families/${familyId}#strata`, problems);
    const section = page.getByTestId('section-strata');
    await expect.poll(() => section.textContent(), patience).toContain('Aucun refus noté');
    const choose = async () => {
      await section.getByRole('button', { name: 'Changer de strate' }).click();
      await page.getByTestId('stratum-select').selectOption('refusal');
      await page.getByTestId('stratum-reason').fill('La famille refuse tout accompagnement');
      await page.getByTestId('stratum-submit').click();
    };
    await choose();
    await expect
      .poll(() => section.textContent(), patience)
      .toContain('des refus explicites à deux dates différentes');
    await section.getByRole('button', { name: 'Annuler' }).click();
    await logRefusal(page, daysAgo(12), 'Les visites à domicile');
    await logRefusal(page, daysAgo(1), 'La rencontre avec le CPAS');
    expect(await page.getByTestId('refusal-established').getAttribute('data-established')).toBe('true');
    await choose();
    await expect
      .poll(() => page.getByTestId('stratum-need').getAttribute('data-need'), patience)
      .toBe('coordinationOrCaseManagement');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: path.join(artifacts, 'strata-refusal-phone.png') });
    await context.close();
  });

  it('after a re-assessment the stratum is to be reviewed, in "Mon travail" and in the file, until confirmed', async () => {
    const recorded = await nadia.post(`/families/${familyId}/assessments`, {
      at: daysAgo(0),
      setting: 'home',
      needs: 'Être laissée tranquille',
    });
    expect(recorded.status).toBe(201);
    const context = await signedInContext(browser, server.url, nadia.credentials.token!, phone);
    const page = await openWatchedPage(context, `${server.url}/work`, problems);
    const item = page.locator('[data-kind="stratumReview"]', { hasText: 'Famille Diallo' });
    await expect.poll(() => item.textContent(), patience).toContain('Revoir la strate');
    await item.locator('a').click();
    const prompt = page.getByTestId('stratum-review');
    await expect.poll(() => prompt.getAttribute('data-trigger'), patience).toBe('assessment');
    await prompt.screenshot({ path: path.join(artifacts, 'strata-review-phone.png') });
    await page.getByTestId('stratum-confirm').click();
    await expect.poll(() => prompt.count(), patience).toBe(0);
    await context.close();
    // The one refused change of stratum (409, answered in the form) is the only error the browser logs.
    expect(problems.filter((problem) => !problem.includes('status of 409'))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
  });
});
