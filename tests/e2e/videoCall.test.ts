import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { buildFamilyOnPhone, type FamilyOnPhone } from '../support/familyOnPhone.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const dialIn = 'Appelez le 02 555 00 00, code 4711#';
let server: ServerProcess;
let browser: Browser;
let family: FamilyOnPhone;
let concertationId: string;
let meetingInvitation: { link: string; code: string };
let motherToken: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@call.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
    CONCERTO_VIDEO_URL_TEMPLATE: 'https://meet.example.be/concerto-{room}',
    CONCERTO_VIDEO_DIALIN: dialIn,
  });
  const admin = await signIn(server.url, 'admin@call.test', 'admin-password-1');
  family = await buildFamilyOnPhone(server.url, admin);
  // She signed in earlier (her first invitation); the meeting's invitation comes afterwards.
  const first = await family.invite();
  motherToken = await family.redeem(first.url, first.code);
  const scheduled = await family.midwife.post(`/families/${family.familyId}/concertations`, {
    scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
    remote: true,
    agenda: [{ title: 'Les besoins de la famille' }],
    invitedMemberIds: [family.motherId],
  });
  expect(scheduled.status, scheduled.text).toBe(201);
  concertationId = scheduled.body.id;
  meetingInvitation = scheduled.body.memberInvitations[0];
  const opened = await family.midwife.patch(`/concertations/${concertationId}`, { status: 'open' });
  expect(opened.status, opened.text).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

/** A context whose video service answers with a page of its own (the machine has no internet). */
async function withVideoService(context: BrowserContext): Promise<BrowserContext> {
  await context.route('https://meet.example.be/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Appel</title><h1>Appel vidéo</h1>' }),
  );
  return context;
}

describe('the call of a remote concertation', () => {
  it('signed in already, she follows the meeting invitation without a second code and joins the call in one tap', async () => {
    const problems: string[] = [];
    const context = await withVideoService(await signedInContext(browser, server.url, motherToken, phone));
    // She has used Concerto on this phone before (her space), then opens the meeting's invitation link.
    const page = await openWatchedPage(context, `${server.url}/families/${family.familyId}`, problems);
    await page.getByTestId('member-space').waitFor();
    const invitation = new URL(meetingInvitation.link);
    await page.goto(`${server.url}${invitation.pathname}${invitation.search}`);
    await page.waitForURL((url) => url.pathname === `/concertations/${concertationId}`);
    expect(await page.getByTestId('redeem-code').count()).toBe(0);

    await page.getByTestId('join-room').click();
    await page.getByTestId('room').waitFor();
    const link = page.getByTestId('call-link');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/meet\.example\.be\/concerto-[0-9a-f]{32}$/);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await page.getByTestId('call-dial-in').innerText()).toContain(dialIn);
    // One tap, on her phone: the call opens beside the room, which stays open.
    const box = await link.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.y + box!.height).toBeLessThan(844);
    await page.screenshot({ path: path.join(artifacts, 'call-room-phone.png') });
    const [call] = await Promise.all([context.waitForEvent('page'), link.tap()]);
    await call.waitForLoadState();
    expect(call.url()).toBe(await link.getAttribute('href'));
    expect(page.url()).toContain(`/concertations/${concertationId}`);
    expect(problems).toEqual([]);
    // Her meeting invitation was not spent: its code still opens the meeting on another phone of hers.
    expect(await family.redeem(invitation.origin + invitation.pathname, meetingInvitation.code)).not.toBe('');
    await context.close();
  });

  it('in Arabic, the call reads right to left', async () => {
    const context = await withVideoService(await signedInContext(browser, server.url, motherToken, phone));
    await context.addInitScript(() => localStorage.setItem('concerto.locale', 'ar'));
    const page = await openWatchedPage(context, `${server.url}/concertations/${concertationId}`, []);
    await page.getByTestId('join-room').click();
    await page.getByTestId('room').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('call-link').innerText()).toContain('الانضمام إلى مكالمة الفيديو');
    await page.screenshot({ path: path.join(artifacts, 'call-room-phone-ar.png') });
    await context.close();
  });

  it('the organiser sees it in the lobby on her desktop', async () => {
    const context = await signedInContext(browser, server.url, family.midwife.credentials.token!, {
      viewport: { width: 1280, height: 900 },
    });
    const page = await openWatchedPage(context, `${server.url}/concertations/${concertationId}`, []);
    await page.getByTestId('lobby').waitFor();
    expect(await page.getByTestId('call-link').getAttribute('href')).toMatch(/meet\.example\.be\/concerto-/);
    await page.screenshot({ path: path.join(artifacts, 'call-lobby-desktop.png') });
    await context.close();
  });
});
