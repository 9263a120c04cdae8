import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { CollabTestClient, waitFor } from '../support/collabClient.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';
import { startSmtpServer } from '../support/smtpServer.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
let server: ServerProcess;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let browser: Browser;
let midwife: TestApiClient;
let familyId: string;
let motherId: string;
let planId: string;
/** The mother's phone, signed in through her invitation in the first test. */
let motherPhone: BrowserContext;
const problems: string[] = [];

async function midwifePage(url: string): Promise<Page> {
  const context = await signedInContext(browser, server.url, midwife.credentials.token!, desktop);
  return openWatchedPage(context, url, problems);
}

const statusOf = (doc: Y.Doc, id: string) =>
  (doc.getArray('actions').toArray() as Y.Map<unknown>[])
    .find((entry) => entry.get('id') === id)
    ?.get('status');

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  smtp = await startSmtpServer();
  server = await startServerProcess({
    SMTP_URL: smtp.url,
    CONCERTO_ADMIN_EMAIL: 'admin@family.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@family.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'Maternité Famille',
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestionnaire Famille',
      email: 'manager@family.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  const manager = await signIn(server.url, 'manager@family.test', 'manager-password-1');
  await manager.post(`/organisations/${organisation.body.id}/professionals`, {
    displayName: 'Sophie Sage-femme',
    email: 'midwife@family.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  midwife = await signIn(server.url, 'midwife@family.test', 'staff-password-1');
  const family = await midwife.post('/families', {
    label: 'Famille Lemaire',
    members: [
      { displayName: 'Sarah Lemaire', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'David Lemaire', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  familyId = family.body.id;
  motherId = family.body.members[0].id;
  const spaces = (await midwife.get(`/families/${familyId}/spaces`)).body;
  planId = spaces.find((space: { kind: string }) => space.kind === 'sharedPlan').id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('1. her plan by default', () => {
  it('the midwife sees what Sarah will see, invites her, and Sarah finds the plan on her phone', async () => {
    const page = await midwifePage(`${server.url}/families/${familyId}`);
    const sarah = page.locator('[data-testid="member-item"]', { hasText: 'Sarah' });
    await sarah.getByTestId('invite-open').click();
    const preview = sarah.getByTestId('invite-preview');
    await expect.poll(() => preview.textContent()).toContain('Plan de soins');
    expect(await preview.textContent()).toContain('ses mots, ses commentaires et ses actions');
    await page.screenshot({
      path: path.join(artifacts, 'family-invite-preview-desktop.png'),
      fullPage: true,
    });
    // Unticking says at once that she will not see the plan; ticking again restores it.
    await sarah.getByTestId('invite-share-plan').uncheck();
    expect(await preview.textContent()).not.toContain('Plan de soins');
    await sarah.getByTestId('invite-share-plan').check();
    await sarah.getByTestId('invite-create').click();
    const link = (await sarah.getByTestId('invite-link').textContent())!.trim();
    const code = (await sarah.getByTestId('invite-code').textContent())!.trim();
    await page.context().close();

    motherPhone = await browser.newContext(phone);
    const mother = await openWatchedPage(motherPhone, link, problems);
    await mother.getByTestId('redeem-code').fill(code);
    await mother.getByTestId('redeem-submit').click();
    await expect.poll(() => mother.getByTestId('member-space').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => mother.locator('[data-testid="space-item"][data-kind="sharedPlan"]').count())
      .toBe(1);
    // Her actions are read after the space shows: wait for the list, not just the card's heading.
    await expect.poll(() => mother.getByTestId('member-actions').textContent()).toContain('Aucune action');
    await mother.screenshot({ path: path.join(artifacts, 'family-member-space-phone.png'), fullPage: true });
    expect(await mother.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mother.close();
  });

  it('Sarah sees "my actions" and marks hers started then done; the team sees it live', async () => {
    const outcome = await CollabTestClient.connect(server.url, planId, midwife.credentials);
    if (!outcome.ok) throw new Error(`midwife refused: ${outcome.status}`);
    const team = outcome.client;
    await waitFor(() => team.synced, 5000, 'team sync');
    team.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      team.doc.getArray('actions').push([entry]);
      entry.set('id', 'housing');
      entry.set('what', 'Appeler le CPAS pour le logement');
      entry.set('owner', { kind: 'member', id: motherId, name: 'Sarah Lemaire' });
      entry.set('dueDate', null);
      entry.set('status', 'todo');
      entry.set('needId', null);
    });
    const mother = await openWatchedPage(motherPhone, `${server.url}/families/${familyId}`, problems);
    const card = mother.getByTestId('member-actions');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('Appeler le CPAS');
    await card.getByTestId('member-action-open').click();
    const mine = mother.getByTestId('plan-my-action');
    await expect.poll(() => mine.textContent(), { timeout: 10_000 }).toContain('Appeler le CPAS');
    await mine.getByRole('button', { name: /J'ai commencé/ }).click();
    await waitFor(() => statusOf(team.doc, 'housing') === 'inProgress', 5000, 'started, live for the team');
    await expect.poll(() => mine.getAttribute('data-status')).toBe('inProgress');
    await mother.screenshot({ path: path.join(artifacts, 'family-my-actions-phone.png'), fullPage: true });
    await mine.getByRole('button', { name: /C'est fait/ }).click();
    await waitFor(() => statusOf(team.doc, 'housing') === 'done', 5000, 'done, live for the team');
    expect(await mother.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    team.close();
    await mother.close();
    expect(problems).toEqual([]);
  });
});

describe('2. decisions between meetings', () => {
  it('Sarah gives her position from her phone between meetings; the midwife records it once all answered', async () => {
    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const proposed = await midwife.post(`/families/${familyId}/decisions`, {
      what: 'Une aide familiale deux matinées par semaine',
      awaitedMemberIds: [motherId],
      positionsDueBy: due,
    });
    expect(proposed.status).toBe(201);
    const mother = await openWatchedPage(motherPhone, `${server.url}/families/${familyId}`, problems);
    const section = mother.getByTestId('section-between-meetings');
    await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain('On attend votre avis');
    const proposal = section.getByTestId('open-proposal');
    await proposal.getByTestId('position-agrees').check();
    await proposal.getByTestId('position-words').fill('Oui, le mardi et le jeudi matin');
    await mother.screenshot({
      path: path.join(artifacts, 'family-between-meetings-phone.png'),
      fullPage: true,
    });
    await section.screenshot({ path: path.join(artifacts, 'family-between-meetings-phone-section.png') });
    await proposal.getByTestId('position-submit').click();
    await expect.poll(() => proposal.textContent()).toContain('Merci. Votre avis est enregistré');
    expect(await mother.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mother.close();

    const page = await midwifePage(`${server.url}/families/${familyId}`);
    const item = page.getByTestId('section-between-meetings').getByTestId('open-proposal');
    await expect
      .poll(() => item.textContent(), { timeout: 10_000 })
      .toContain('Oui, le mardi et le jeudi matin');
    await page.screenshot({
      path: path.join(artifacts, 'family-between-meetings-desktop.png'),
      fullPage: true,
    });
    await item.getByTestId('proposal-record').click();
    await item.getByTestId('proposal-record-confirm').click();
    await expect.poll(() => page.getByTestId('open-proposal').count()).toBe(0);
    const decisions = (await midwife.get(`/families/${familyId}/decisions`)).body;
    expect(decisions[0]).toMatchObject({
      status: 'recorded',
      what: 'Une aide familiale deux matinées par semaine',
    });
    await page.context().close();
    expect(problems).toEqual([]);
  });
});

describe('3. notifications', () => {
  it('Sarah chooses email on her phone; an invitation to a meeting reaches her in the app, live, and by email', async () => {
    const mother = await openWatchedPage(motherPhone, `${server.url}/families/${familyId}`, problems);
    await mother.getByTestId('notifications-link').click();
    await mother.getByTestId('notify-address').fill('sarah@example.test');
    await mother.getByTestId('notify-save').click();
    await expect
      .poll(() => mother.getByTestId('notification-settings').textContent())
      .toContain('enregistré');
    const scheduled = await midwife.post(`/families/${familyId}/concertations`, {
      scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Le plan' }],
      invitedMemberIds: [motherId],
    });
    expect(scheduled.status).toBe(201);
    const item = mother.locator('[data-testid="notification-item"][data-kind="concertationInvitation"]');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toContain('Sophie Sage-femme vous invite à une concertation');
    await mother.screenshot({ path: path.join(artifacts, 'family-notifications-phone.png'), fullPage: true });
    await expect
      .poll(() => smtp.mails.filter((mail) => mail.to.includes('sarah@example.test')).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const mail = smtp.mails
      .find((mail) => mail.to.includes('sarah@example.test'))!
      .raw.replace(/=\r?\n/g, '');
    expect(mail).toContain(`/concertations/${scheduled.body.id}`);
    expect(mail).not.toContain('Lemaire');
    expect(await mother.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mother.close();
    expect(problems).toEqual([]);
  });
});
