import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';
import { expectedDatabaseKind } from '../support/testDatabase.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('home page', () => {
  it('renders in French, shows the database, switches to Dutch and remembers it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(server.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bienvenue sur Concerto');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect
      .poll(() => page.getByTestId('health-db').getAttribute('data-db'))
      .toBe(expectedDatabaseKind());
    expect(await page.getByTestId('health-status').textContent()).toContain('En ligne');
    await page.screenshot({ path: path.join(artifacts, 'home-fr-desktop.png'), fullPage: true });

    await page.getByLabel('Langue').selectOption('nl');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welkom bij Concerto');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.screenshot({ path: path.join(artifacts, 'home-nl-desktop.png'), fullPage: true });

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welkom bij Concerto');
    expect(problems, 'no console errors or CSP violations').toEqual([]);
    await context.close();
  });

  it('is usable on a 390 px phone without horizontal scrolling', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('health-db').isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(artifacts, 'home-fr-phone.png'), fullPage: true });
    await context.close();
  });

  it('stops gracefully on SIGTERM with exit code 0 within 5 seconds', async () => {
    const { code, elapsedMs } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(5000);
  });
});
