import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { buildFamilyOnPhone, type FamilyOnPhone } from '../support/familyOnPhone.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let family: FamilyOnPhone;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@contacts.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@contacts.test', 'admin-password-1');
  family = await buildFamilyOnPhone(server.url, admin);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

const shot = (page: Page, name: string) =>
  page.locator('#contacts').screenshot({ path: path.join(artifacts, name) });

describe('the contact log in the browser', () => {
  it('a midwife records a home visit with an interpreter and sees it counted', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, family.midwife.credentials.token!, desktop);
    const page = await openWatchedPage(context, `${server.url}/families/${family.familyId}`, problems);
    const section = page.getByTestId('section-contacts');
    await section.getByText("Aucun contact enregistré pour l'instant.").waitFor();
    await page.getByTestId('contact-open').click();
    await page.getByLabel('Durée (minutes)').fill('0');
    await page.getByTestId('contact-submit').click();
    // Bad input is said in the form, and nothing typed is lost.
    await expect.poll(() => page.locator('#contact-duration').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Durée (minutes)').fill('75');
    await expect.poll(() => page.getByLabel('Lieu').inputValue()).toBe('home');
    await page.getByLabel(family.motherName).check();
    await page.getByLabel('Avec un interprète').check();
    await page.getByLabel('Langue interprétée').selectOption('ar');
    await page.getByLabel('Autres personnes présentes').fill('Grand-mère Fatima');
    await page.getByLabel(/Note courte/).fill('Lit bébé à trouver avant la naissance');
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('contact-recorded').waitFor();
    const item = page.getByTestId('contact-item').first();
    await expect.poll(() => item.innerText()).toContain('Visite à domicile');
    const text = await item.innerText();
    expect(text).toContain('1 h 15');
    expect(text).toContain('Au domicile');
    expect(text).toContain('avec interprète (arabe)');
    expect(text).toContain(`Sophie Lambert, ${family.motherName}, Grand-mère Fatima`);
    expect(await page.getByTestId('contact-totals').innerText()).toContain('1 contact · 1 h 15');
    expect(await page.getByTestId('contacts-export').getAttribute('href')).toBe(
      `/api/families/${family.familyId}/contacts.csv`,
    );
    await shot(page, 'contacts-desktop.png');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a phone, the professional’s form fits and the mother sees her visit without the note', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, family.midwife.credentials.token!, phone);
    const page = await openWatchedPage(
      context,
      `${server.url}/families/${family.familyId}#contacts`,
      problems,
    );
    await page.getByTestId('contact-item').first().waitFor();
    await page.getByTestId('contact-open').click();
    await page.getByTestId('contact-form').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'contacts-phone-professional.png');
    await context.close();

    const invitation = await family.invite();
    const token = await family.redeem(invitation.url, invitation.code);
    const motherContext = await signedInContext(browser, server.url, token, phone);
    const motherPage = await openWatchedPage(
      motherContext,
      `${server.url}/families/${family.familyId}`,
      problems,
    );
    const mine = motherPage.getByTestId('section-contacts');
    await mine.getByTestId('contact-item').waitFor();
    const text = await mine.innerText();
    expect(text).toContain('Vos rencontres avec l');
    expect(text).toContain('Visite à domicile');
    expect(text).not.toContain('Lit bébé');
    expect(text).not.toContain('Grand-mère');
    expect(await mine.getByTestId('contact-open').count()).toBe(0);
    expect(await mine.getByTestId('contacts-export').count()).toBe(0);
    expect(await motherPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(motherPage, 'contacts-phone-mother.png');
    expect(problems).toEqual([]);
    await motherContext.close();
  });
});
