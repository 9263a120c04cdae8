import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// The demo's Moreau family (danger): the social worker Nadia (Role B) is hidden from the partner Kevin;
// a violence indicator (medical) is shared with the mother Julie only. Each person sees exactly theirs.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const violenceNote = 'Violences conjugales';
const hiddenDecision = 'Hébergement d’urgence à adresse confidentielle';
let server: ServerProcess;
let browser: Browser;
let coordinator: TestApiClient;
let familyId: string;
const members: Record<string, string> = {};
const problems: string[] = [];
/** A busy machine renders slowly: polls wait up to this long. */
const patience = { timeout: 15_000 };

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

/** A member's phone, signed in through her own invitation (link and code), on her space. */
async function memberPhone(memberId: string): Promise<{ page: Page; apiBodies: string[] }> {
  const invitation = (await coordinator.post(`/families/${familyId}/members/${memberId}/invitations`, {}))
    .body;
  const context = await browser.newContext(phone);
  const watchedPage = await watched(context, `${server.url}${new URL(invitation.link).pathname}`);
  await watchedPage.page.getByTestId('redeem-code').fill(invitation.code);
  await watchedPage.page.getByTestId('redeem-submit').click();
  await expect
    .poll(() => watchedPage.page.getByTestId('member-team').isVisible(), { timeout: 15_000 })
    .toBe(true);
  await watchedPage.page.waitForLoadState('networkidle');
  return watchedPage;
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({ CONCERTO_DEMO_DATA: 'true' });
  coordinator = await signIn(server.url, 'claire.martin@concerto.demo', 'concerto-demo');
  const families = (await coordinator.get('/families')).body as { id: string; label: string }[];
  familyId = families.find((family) => family.label === 'Famille Moreau')!.id;
  const view = (await coordinator.get(`/families/${familyId}`)).body;
  for (const member of view.members as { id: string; displayName: string }[])
    members[member.displayName] = member.id;
  const decision = await coordinator.post(`/families/${familyId}/decisions`, {
    what: hiddenDecision,
    hiddenFromMemberIds: [members['Kevin Moreau']],
  });
  expect(decision.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('who sees what, in the browser', () => {
  it('the Role B social worker sees the file without any medical indicator', async () => {
    const nadia = await signIn(server.url, 'nadia.elamrani@concerto.demo', 'concerto-demo');
    const context = await signedInContext(browser, server.url, nadia.credentials.token!, desktop);
    const { page, apiBodies } = await watched(context, `${server.url}/families/${familyId}`);
    await expect.poll(() => page.getByTestId('family-title').textContent(), patience).toContain('Moreau');
    await expect
      .poll(() => page.getByTestId('section-indicators').textContent(), patience)
      .toContain('hébergement');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(artifacts, 'who-role-b-desktop.png'), fullPage: true });
    expect(await page.content()).not.toContain(violenceNote);
    for (const body of apiBodies) expect(body).not.toContain(violenceNote);
    await context.close();
  });

  it('the partner, on his phone, sees neither the professional hidden from him nor what was hidden from him', async () => {
    const { page, apiBodies } = await memberPhone(members['Kevin Moreau']!);
    await page.screenshot({ path: path.join(artifacts, 'who-hidden-partner-phone.png'), fullPage: true });
    const team = (await page.getByTestId('member-team').textContent()) ?? '';
    expect(team).toContain('Claire');
    const content = await page.content();
    for (const secret of ['Nadia', violenceNote, hiddenDecision, 'Julie']) {
      expect(content).not.toContain(secret);
      for (const body of apiBodies) expect(body).not.toContain(secret);
    }
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('the mother, on her phone, sees the team including the social worker, and what was shared with her', async () => {
    const { page } = await memberPhone(members['Julie Moreau']!);
    await expect.poll(() => page.getByTestId('member-team').textContent(), patience).toContain('Nadia');
    await expect
      .poll(() => page.getByTestId('member-shared').textContent(), patience)
      .toContain(violenceNote);
    await page.screenshot({ path: path.join(artifacts, 'who-mother-phone.png'), fullPage: true });
    expect(await page.content()).not.toContain('Kevin');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.context().close();
    expect(problems).toEqual([]);
  });

  it('amending a decision hidden from the partner keeps it hidden, and the form says when unticking him shows it', async () => {
    const scheduled = await coordinator.post(`/families/${familyId}/concertations`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Mise en sécurité' }],
      invitedMemberIds: [members['Julie Moreau']],
    });
    expect(scheduled.status).toBe(201);
    const proposed = await coordinator.post(`/families/${familyId}/decisions`, {
      what: 'Accompagnement vers une maison maternelle',
      concertationId: scheduled.body.id,
      hiddenFromMemberIds: [members['Kevin Moreau']],
    });
    expect((await coordinator.post(`/decisions/${proposed.body.id}/record`)).status).toBe(200);
    // Decisions are amended in the meeting room, once the organiser opened it.
    const opened = await coordinator.patch(`/concertations/${scheduled.body.id}`, { status: 'open' });
    expect(opened.status).toBe(200);
    const context = await signedInContext(browser, server.url, coordinator.credentials.token!, desktop);
    const page = await openWatchedPage(context, `${server.url}/concertations/${scheduled.body.id}`, problems);
    const item = page
      .locator('[data-testid="decision-item"]')
      .filter({ hasText: 'Accompagnement vers une maison maternelle' });
    await page.getByTestId('join-room').click({ timeout: 15_000 });
    await item.getByTestId('amend-decision').click({ timeout: 15_000 });
    const form = item.getByTestId('amend-form');
    await expect.poll(() => form.textContent(), patience).toContain('reste masquée aux mêmes personnes');
    const kevin = form.getByLabel('Kevin Moreau');
    expect(await kevin.isChecked()).toBe(true);
    expect(await form.getByTestId('amend-widens').count()).toBe(0);
    await kevin.uncheck();
    await expect
      .poll(() => form.getByTestId('amend-widens').textContent(), patience)
      .toContain('Kevin Moreau verra cette correction');
    await form.screenshot({ path: path.join(artifacts, 'who-amend-widens-desktop.png') });
    await context.close();
    expect(problems).toEqual([]);
  });
});
