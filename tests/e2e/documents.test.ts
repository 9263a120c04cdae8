import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { buildFamilyOnPhone, type FamilyOnPhone } from '../support/familyOnPhone.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// The midwife records the mother's GP and DMG and adds a discharge letter shared with the mother; the mother
// finds both on her phone and downloads the letter; a file that only pretends to be a PDF is refused.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const letter = Buffer.from('%PDF-1.4\n% Lettre de sortie\n%%EOF\n', 'latin1');
let server: ServerProcess;
let browser: Browser;
let family: FamilyOnPhone;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@documents.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@documents.test', 'admin-password-1');
  family = await buildFamilyOnPhone(server.url, admin, { motherName: 'Amina Benali' });
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('documents and the GP, in the browser', () => {
  it('the midwife records the GP and DMG and adds a letter for the mother; a fake PDF is refused', async () => {
    const problems: string[] = [];
    const context = await signedInContext(browser, server.url, family.midwife.credentials.token!, desktop);
    const page = await openWatchedPage(
      context,
      `${server.url}/families/${family.familyId}#documents`,
      problems,
    );
    const section = page.getByTestId('documents-section');
    await section.waitFor();
    await section.getByTestId(`gp-edit-${family.motherId}`).click();
    await section.getByTestId('gp-name-input').fill('Dr Anne Lenoir');
    await section.getByLabel('Cabinet ou maison médicale').fill('Maison médicale du Nord');
    await section.getByTestId('gp-dmg-yes').check();
    await section.getByTestId('gp-submit').click();
    await expect.poll(() => section.getByTestId('gp-dmg').first().textContent()).toContain('A un DMG');

    await section.getByTestId('attachment-add').click();
    await section.getByTestId('attachment-file').setInputFiles({
      name: 'lettre.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!DOCTYPE html><script>alert(1)</script>'),
    });
    await section.getByTestId('attachment-submit').click();
    await section.getByText('Seuls les PDF et les images').waitFor();
    await section.screenshot({ path: path.join(artifacts, 'documents-form-refused-desktop.png') });

    await section.getByTestId('attachment-file').setInputFiles({
      name: 'Lettre de sortie – maternité.pdf',
      mimeType: 'application/pdf',
      buffer: letter,
    });
    await section.getByTestId('attachment-category').selectOption('medical');
    await section.getByLabel('Amina Benali').check();
    await section.getByTestId('attachment-submit').click();
    await section.getByTestId('attachment').filter({ hasText: 'Lettre de sortie – maternité.pdf' }).waitFor();
    await expect
      .poll(() => section.getByTestId('attachment').first().textContent())
      .toContain('Partagé avec Amina Benali');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'documents-team-desktop.png'), fullPage: false });
    await section.screenshot({ path: path.join(artifacts, 'documents-section-desktop.png') });
    // The refused fake PDF is the one failed request the browser reports.
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await context.close();
  });

  it('the mother sees her GP and downloads the letter on her phone, and adds a photo to the plan', async () => {
    const problems: string[] = [];
    const invitation = await family.invite();
    const token = await family.redeem(invitation.url, invitation.code);
    const context = await signedInContext(browser, server.url, token, { ...phone, acceptDownloads: true });
    const page = await openWatchedPage(context, `${server.url}/families/${family.familyId}`, problems);
    const section = page.getByTestId('documents-section');
    await section.waitFor();
    await section.getByTestId('gp-name').waitFor();
    expect(await section.getByTestId('gp-name').textContent()).toContain('Dr Anne Lenoir');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'documents-member-phone.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByTestId('attachment-download').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('Lettre de sortie – maternité.pdf');
    expect(readFileSync((await download.path())!).equals(letter)).toBe(true);
    // She adds nothing to the file itself: what she sends goes in a space she contributes to.
    expect(await section.getByTestId('attachment-add').count()).toBe(0);

    await page.goto(`${server.url}${family.planPath}`);
    const spaceDocuments = page.getByTestId('attachments');
    await spaceDocuments.getByTestId('attachment-add').click();
    await spaceDocuments.getByTestId('attachment-form').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'documents-space-form-phone.png') });
    await spaceDocuments.getByTestId('attachment-file').setInputFiles({
      name: 'attestation-mutuelle.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    });
    await spaceDocuments.getByTestId('attachment-submit').click();
    await spaceDocuments.getByText('attestation-mutuelle.png').waitFor();
    await spaceDocuments.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'documents-space-phone.png') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
