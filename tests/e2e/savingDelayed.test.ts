import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';
import { spawnStandin, type StandinProcess } from '../../tools/mongo-standin/src/process/standinProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
let dataDir: string;
let standin: StandinProcess;
let server: ServerProcess;
let browser: Browser;
let planUrl: string;
let midwifeToken: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-saving-'));
  standin = await spawnStandin({ dataDir });
  server = await startServerProcess({
    MONGODB_URI: standin.uri.replace('/?', '/concerto?'),
    CONCERTO_ADMIN_EMAIL: 'admin@saving.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  browser = await launchChromium();
  const admin = await signIn(server.url, 'admin@saving.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'Maternité Enregistrement',
    kind: 'hospital',
    accessManager: {
      displayName: 'Sophie Sage-femme',
      email: 'midwife@saving.test',
      password: 'staff-password-1',
      profession: 'Sage-femme',
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  expect(organisation.status, organisation.text).toBe(201);
  const midwife = await signIn(server.url, 'midwife@saving.test', 'staff-password-1');
  midwifeToken = midwife.credentials.token!;
  const family = await midwife.post('/families', {
    label: 'Famille Dupont',
    members: [{ displayName: 'Inès Dupont', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'lowRisk',
  });
  const spaces = await midwife.get(`/families/${family.body.id}/spaces`);
  const planId = spaces.body.find((space: { kind: string }) => space.kind === 'sharedPlan').id;
  planUrl = `${server.url}/families/${family.body.id}/spaces/${planId}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await standin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the database stops while someone writes the plan', () => {
  it('the status bar says saving is delayed, then the text is saved when the database is back', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const context = await signedInContext(browser, server.url, midwifeToken, { viewport, locale: 'fr-BE' });
      const problems: string[] = [];
      const page = await openWatchedPage(context, planUrl, problems);
      const status = page.getByTestId('connection-state');
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
      const notes = page.locator('[data-testid="plan-notes"] .ProseMirror');
      await notes.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`Avant la coupure ${viewport.width}. `);

      await standin.kill('SIGTERM');
      await page.keyboard.type(`Pendant la coupure ${viewport.width}. `);
      await expect.poll(() => status.getAttribute('data-saving'), { timeout: 20_000 }).toBe('delayed');
      expect(await status.innerText()).toContain("l'enregistrement est retardé");
      await status.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(artifacts, `saving-delayed-${viewport.width}.png`) });

      await standin.restart();
      // Reconnecting to the restarted database and the retry back-off (5 s at most) take long on a busy machine.
      await expect.poll(() => status.getAttribute('data-saving'), { timeout: 60_000 }).toBe('saved');
      expect(await status.innerText()).not.toContain('retardé');
      await context.close();
      // The server stored what was typed during the outage.
      const reader = await signedInContext(browser, server.url, midwifeToken, { viewport, locale: 'fr-BE' });
      const again = await openWatchedPage(reader, planUrl, []);
      await expect
        .poll(() => again.getByTestId('plan-notes').innerText(), { timeout: 20_000 })
        .toContain(`Pendant la coupure ${viewport.width}.`);
      await reader.close();
      // Only the failed requests of the outage itself may complain (503 while the database was away).
      expect(problems.filter((problem) => !problem.includes('503'))).toEqual([]);
    }
  }, 240_000);
});
