import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// The demo network: Nadia El Amrani (CPAS de Schaerbeek, its access manager) reads her case-load, her
// organisation and the bassin Bruxelles Nord, where the demo cohort gives counts to show and to hide.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 900 }, acceptDownloads: true };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const patience = { timeout: 20_000 };
let server: ServerProcess;
let browser: Browser;
let nadia: TestApiClient;
const problems: string[] = [];

/** The figures page, with the URLs of the scripts it fetched. */
async function figuresPage(
  options: Parameters<Browser['newContext']>[0],
): Promise<{ page: Page; scripts: string[] }> {
  const context = await signedInContext(browser, server.url, nadia.credentials.token!, options);
  const scripts: string[] = [];
  context.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
  const page = await openWatchedPage(context, `${server.url}/figures`, problems);
  await expect
    .poll(() => page.getByTestId('figures-period').textContent(), patience)
    .toContain('Mes situations');
  return { page, scripts };
}

async function chooseBassin(page: Page): Promise<void> {
  await page.getByTestId('figures-scope').selectOption('bassin:bruxellesNord');
  await page.getByTestId('figures-show').click();
  await expect
    .poll(() => page.getByTestId('figures-period').textContent(), patience)
    .toContain('Bruxelles Nord');
  await expect.poll(() => page.locator('canvas').count(), patience).toBe(6);
}

const cellsOf = (page: Page, key: string) =>
  page.getByTestId(`figures-table-${key}`).locator('tbody td').allTextContents();

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({ CONCERTO_DEMO_DATA: 'true' });
  nadia = await signIn(server.url, 'nadia.elamrani@concerto.demo', 'concerto-demo');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('network figures in the browser', () => {
  it('shows the bassin’s real counts as charts and tables, hides the small ones, and exports them as CSV', async () => {
    const { page, scripts } = await figuresPage(desktop);
    // Her own case-load is the demo's few families: nothing but zeros and hidden counts.
    const own = await cellsOf(page, 'screening');
    expect(own.every((cell) => cell.trim() === 'masqué' || cell.trim() === '0')).toBe(true);
    await chooseBassin(page);
    const screening = (await cellsOf(page, 'screening')).map((cell) => cell.trim());
    expect(screening.some((cell) => Number(cell) >= 5)).toBe(true);
    expect(screening).toContain('masqué');
    const caseLoad = (await cellsOf(page, 'caseLoad')).map((cell) => cell.trim());
    expect(caseLoad.some((cell) => Number(cell) >= 5)).toBe(true);
    expect(caseLoad).toContain('masqué');
    // The team's contacts by kind and phase: home visits counted in pregnancy, after birth and later.
    const contacts = page.getByTestId('figures-table-contacts');
    const homeVisits = (
      await contacts.locator('tbody tr', { hasText: 'Visite à domicile' }).locator('td').allTextContents()
    ).map((cell) => cell.trim());
    expect(homeVisits.slice(0, 3).every((cell) => Number(cell) >= 5)).toBe(true);
    expect(await contacts.locator('thead').textContent()).toContain('Post-natal');
    expect(await cellsOf(page, 'homeVisits')).toContain('masqué');
    await page
      .locator('section[aria-labelledby="figure-contacts-title"]')
      .screenshot({ path: path.join(artifacts, 'figures-contacts-desktop.png') });
    // No count from 1 to 4 is ever on the page.
    const everyCell = (await page.locator('.figure-table td').allTextContents()).map((cell) => cell.trim());
    expect(everyCell.filter((cell) => /^[1-4]$/.test(cell))).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'figures-bassin-desktop.png'), fullPage: true });
    // The chart library came in a chunk of its own.
    expect(scripts.some((url) => /\/assets\/FigureChart-[\w-]+\.js/.test(url))).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('figures-export').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(
      /^chiffres-reseau-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Périmètre,Du,Au,Tableau,Ligne,Colonne,Effectif');
    expect(lines.some((line) => line.endsWith(',masqué'))).toBe(true);
    const firstTrimester = lines.find((line) => line.includes('Au 1er trimestre,Familles'));
    expect(firstTrimester?.split(',').at(-1)).toBe(screening[0]);
    expect(lines.every((line) => !/,[1-4]$/.test(line))).toBe(true);
    const visitsAfterBirth = lines.find((line) =>
      line.includes('Contacts avec les familles,Visite à domicile,Post-natal,'),
    );
    expect(visitsAfterBirth?.split(',').at(-1)).toBe(homeVisits[1]);
    expect(lines.some((line) => line.includes('Visites à domicile,Deux ou trois,Familles,'))).toBe(true);
    await page.context().close();
  }, 90_000);

  it('the organisation\'s access manager sees and sets its bassin under "Mon organisation"', async () => {
    const context = await signedInContext(browser, server.url, nadia.credentials.token!, desktop);
    const page = await openWatchedPage(context, `${server.url}/organisations`, problems);
    const form = page.getByTestId('organisation-bassin');
    await form.waitFor(patience);
    expect(await form.locator('select').inputValue()).toBe('bruxellesNord');
    await form.locator('select').selectOption('bruxellesNordEst');
    await page.getByTestId('organisation-bassin-save').click();
    await expect.poll(() => form.textContent(), patience).toContain('Bassin enregistré.');
    await form.screenshot({ path: path.join(artifacts, 'figures-organisation-bassin.png') });
    const scopes = (await nadia.get('/figures/scopes')).body as { bassin?: string }[];
    expect(scopes.map((scope) => scope.bassin).filter(Boolean)).toEqual(['bruxellesNordEst']);
    // Back to the demo's bassin for the next test.
    await form.locator('select').selectOption('bruxellesNord');
    await page.getByTestId('organisation-bassin-save').click();
    await expect
      .poll(async () => (await nadia.get('/figures/scopes')).text, patience)
      .toContain('bruxellesNord"');
    await context.close();
  }, 60_000);

  it('fits a phone, and no other page downloads the chart library', async () => {
    const { page } = await figuresPage(phone);
    await chooseBassin(page);
    await page.screenshot({ path: path.join(artifacts, 'figures-bassin-phone.png'), fullPage: true });
    await page
      .locator('section[aria-labelledby="figure-concertations-title"]')
      .screenshot({ path: path.join(artifacts, 'figures-concertations-phone.png') });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    const families = (await nadia.get('/families')).body as { id: string }[];
    const other = await page.context().newPage();
    other.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await other.goto(`${server.url}/families/${families[0]!.id}`);
    await other.waitForLoadState('networkidle');
    expect(scripts.filter((url) => url.includes('FigureChart'))).toEqual([]);
    await page.context().close();
    expect(problems).toEqual([]);
  }, 90_000);
});
