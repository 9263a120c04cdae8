import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Response } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { buildFamilyOnPhone, type FamilyOnPhone } from '../support/familyOnPhone.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let family: FamilyOnPhone;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@phone.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@phone.test', 'admin-password-1');
  family = await buildFamilyOnPhone(server.url, admin);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

/** The scripts a page downloads: name, encoding and compressed size, as the phone received them. */
function recordScripts(context: BrowserContext) {
  const scripts: { name: string; encoding: string | undefined; bytes: number }[] = [];
  context.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    const headers = response.headers();
    scripts.push({
      name: new URL(response.url()).pathname.split('/').pop() ?? '',
      encoding: headers['content-encoding'],
      bytes: Number(headers['content-length'] ?? 0),
    });
  });
  return scripts;
}

describe('her phone on slow data', () => {
  it('the invitation and her plan come compressed, without the rich-text editor or the schema library', async () => {
    const problems: string[] = [];
    const invitation = await family.invite();
    const context = await browser.newContext(phone);
    const scripts = recordScripts(context);
    const page = await openWatchedPage(context, invitation.url, problems);
    await page.getByTestId('redeem-code').waitFor();
    // Chunk names from the build: the editor (PlanNotesEditor) and zod (zodWithoutEval) load on demand.
    const invitationScripts = scripts.map((script) => script.name);
    expect(invitationScripts.some((name) => name.startsWith('zodWithoutEval'))).toBe(false);
    await page.getByTestId('redeem-code').fill(invitation.code);
    await page.getByTestId('redeem-submit').click();
    await page.waitForURL(`**/families/${family.familyId}`);

    scripts.length = 0;
    await page.goto(`${server.url}${family.planPath}`);
    await page.locator('[data-testid="plan-editor"] .plan-grid').waitFor();
    await expect.poll(() => page.getByTestId('plan-notes').innerText()).not.toBe('');
    const names = scripts.map((script) => script.name);
    expect(names.some((name) => name.startsWith('PlanNotesEditor'))).toBe(false);
    expect(names.some((name) => name.startsWith('zodWithoutEval'))).toBe(false);
    for (const script of scripts.filter((script) => script.bytes > 1024)) {
      expect(script.encoding, script.name).toBe('br');
    }
    const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
    expect(total).toBeLessThan(250_000);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a professional who may edit the notes gets the editor', async () => {
    const problems: string[] = [];
    const token = family.midwife.credentials.token!;
    const context = await signedInContext(browser, server.url, token, {
      viewport: { width: 1280, height: 800 },
    });
    const page = await openWatchedPage(context, `${server.url}${family.planPath}`, problems);
    await page.locator('[data-testid="plan-notes"] .ProseMirror[contenteditable="true"]').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
