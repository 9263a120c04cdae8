import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { buildFamilyOnPhone, type FamilyOnPhone } from '../support/familyOnPhone.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// A mother downloads her data on her phone and asks for a correction; the coordinator finds the request in
// "Mon travail", and closes a file past day 1000 from the family file.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
let server: ServerProcess;
let browser: Browser;
let family: FamilyOnPhone;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@closing.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@closing.test', 'admin-password-1');
  family = await buildFamilyOnPhone(server.url, admin, { motherName: 'Fatıma Çağlayan' });
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('her data, on her phone', () => {
  it('she downloads it as PDF and JSON, holding her and not her partner, and asks for a correction', async () => {
    const problems: string[] = [];
    const invitation = await family.invite();
    const token = await family.redeem(invitation.url, invitation.code);
    const context = await signedInContext(browser, server.url, token, { ...phone, acceptDownloads: true });
    const page = await openWatchedPage(context, `${server.url}/families/${family.familyId}`, problems);
    const section = page.getByTestId('member-data');
    await section.waitFor();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'closing-member-data-phone.png') });

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('member-data-pdf').click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('mes-donnees-concerto.pdf');
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('member-data-json').click(),
    ]);
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { me: { displayName: string } };
    expect(data.me.displayName).toBe('Fatıma Çağlayan');
    expect(JSON.stringify(data)).not.toContain('Youssef');

    await page.getByTestId('member-request-submit').click();
    await expect
      .poll(() => page.locator('#member-request-text-error, .field-error').count())
      .toBeGreaterThan(0);
    await page.getByTestId('member-request-text').fill('Mon adresse a changé : rue Haute 12');
    await page.getByTestId('member-request-submit').click();
    await page.getByText('Votre demande est envoyée').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'closing-member-request-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the coordinator at day 1000', () => {
  it('sees the request and the end of the 1000 days in "Mon travail", and closes the file', async () => {
    const problems: string[] = [];
    const born = new Date(Date.now() - 745 * 86_400_000).toISOString().slice(0, 10);
    const created = await family.midwife.post('/families', {
      label: 'Famille Peeters',
      members: [{ displayName: 'Sara Peeters', role: 'pregnantPerson', preferredLanguage: 'nl' }],
      birthDate: born,
      entryPoint: { kind: 'initialAssessment', place: 'generalPractitioner' },
      stratum: 'lowRisk',
    });
    expect(created.status).toBe(201);
    const context = await signedInContext(browser, server.url, family.midwife.credentials.token!, desktop);
    const page = await openWatchedPage(context, `${server.url}/work`, problems);
    await page.getByTestId('rights-request-handled').waitFor();
    await page.locator('[data-moment="endOfThousandDays"]').waitFor();
    await page.screenshot({ path: path.join(artifacts, 'closing-my-work-desktop.png'), fullPage: true });

    await page.locator('[data-moment="endOfThousandDays"] a').click();
    await page.getByTestId('closing-due').waitFor();
    await page.getByTestId('closing-close').click();
    await page.getByTestId('closing-submit').click();
    await page.locator('#closing-reason-error, .field-error').first().waitFor();
    await page.getByTestId('closing-reason').fill('Situation stable, relais par la consultation ONE');
    await page.getByTestId('closing-submit').click();
    await page.getByTestId('closed-notice').first().waitFor();
    await page.getByTestId('section-closing').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'closing-closed-file-desktop.png'), fullPage: true });
    // Read-only: the controls that change the file are gone.
    expect(await page.getByTestId('closing-close').count()).toBe(0);

    await page.goto(`${server.url}/work`);
    await page.getByTestId('rights-request-handled').click();
    await expect.poll(() => page.getByTestId('rights-request-handled').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
