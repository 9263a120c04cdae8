import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { openSynced, waitFor, type CollabTestClient } from '../support/collabClient.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const coordinatorName = 'Sophie Coordinatrice';
const socialWorkerName = 'Nadia Assistante';
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let coordinator: TestApiClient;
let socialWorker: TestApiClient;
let familyId: string;
let planId: string;

const entries = (doc: Y.Doc, list: string) => doc.getArray<Y.Map<unknown>>(list).toArray();
const indexOf = (doc: Y.Doc, list: string, id: string) =>
  entries(doc, list).findIndex((entry) => entry.get('id') === id);

function addEntry(doc: Y.Doc, list: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    doc.getArray(list).push([entry]);
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
  });
}

/** Text as read aloud: one line, single spaces, no decorative dot. */
const oneLine = (text: string) => text.replace('●', '').replace(/\s+/g, ' ').trim();
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifacts, name), fullPage: true });
const open = (context: BrowserContext, pathname: string, problems: string[]) =>
  openWatchedPage(context, `${server.url}${pathname}`, problems);
const coordinatorContext = (options: Parameters<Browser['newContext']>[0]) =>
  signedInContext(browser, server.url, coordinator.credentials.token!, options);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@history.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@history.test', 'admin-password-1');
  const staff = [
    {
      organisation: 'Maternité Historique',
      kind: 'hospital',
      role: 'A',
      name: coordinatorName,
      email: 'sophie',
    },
    { organisation: 'CPAS Historique', kind: 'cpas', role: 'B', name: socialWorkerName, email: 'nadia' },
  ];
  const signedIn: TestApiClient[] = [];
  for (const person of staff) {
    const roleA = person.role === 'A' ? { healthRole: 'A', inamiNumber: '41234502002' } : { healthRole: 'B' };
    const created = await admin.post('/organisations', {
      name: person.organisation,
      kind: person.kind,
      accessManager: {
        displayName: `Gestion ${person.organisation}`,
        email: `manager-${person.email}@history.test`,
        password: 'manager-password-1',
        profession: 'Gestion',
        ...roleA,
      },
    });
    expect(created.status, created.text).toBe(201);
    const manager = await signIn(server.url, `manager-${person.email}@history.test`, 'manager-password-1');
    const added = await manager.post(`/organisations/${created.body.id}/professionals`, {
      displayName: person.name,
      email: `${person.email}@history.test`,
      password: 'staff-password-1',
      profession: person.role === 'A' ? 'Sage-femme' : 'Assistante sociale',
      ...roleA,
    });
    expect(added.status, added.text).toBe(201);
    signedIn.push(await signIn(server.url, `${person.email}@history.test`, 'staff-password-1'));
  }
  [coordinator, socialWorker] = signedIn as [TestApiClient, TestApiClient];
  const family = await coordinator.post('/families', {
    label: 'Famille Historique',
    members: [{ displayName: 'Amina Historique', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  expect(family.status, family.text).toBe(201);
  familyId = family.body.id;
  const me = (await socialWorker.get('/me')).body;
  expect((await coordinator.post(`/families/${familyId}/team`, { professionalId: me.id })).status).toBe(201);
  const spaces = (await coordinator.get(`/families/${familyId}/spaces`)).body as {
    id: string;
    kind: string;
  }[];
  planId = spaces.find((space) => space.kind === 'sharedPlan')!.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the history of the plan, in the browser', () => {
  it('a coordinator sees who changed what after two people edited the plan, and restores an item', async () => {
    const problems: string[] = [];
    // The coordinator writes the plan's first needs and action, then names the version.
    const sophie: CollabTestClient = await openSynced(server.url, planId, coordinator.credentials);
    addEntry(sophie.doc, 'needs', { id: 'need-housing', text: 'Trouver un logement', inFamilyWords: false });
    addEntry(sophie.doc, 'actions', {
      id: 'action-cpas',
      what: 'Rendez-vous au CPAS pour la demande de logement',
      owner: null,
      dueDate: null,
      status: 'todo',
      needId: 'need-housing',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const context = await coordinatorContext(desktop);
    const plan = await open(context, `/families/${familyId}/spaces/${planId}`, problems);
    await plan.getByTestId('plan-action').first().waitFor();
    const history = await open(context, `/families/${familyId}/spaces/${planId}/history`, problems);
    await history.getByTestId('name-version-input').fill('Avant la concertation du 12 mars');
    await history.getByTestId('name-version-submit').click();
    await history.getByText('Version « Avant la concertation du 12 mars » gardée.').waitFor();

    // The social worker rewords the need, removes the action and adds a goal.
    const nadia = await openSynced(server.url, planId, socialWorker.credentials);
    await waitFor(() => entries(nadia.doc, 'actions').length === 1, 5000, 'Nadia sees the plan');
    entries(nadia.doc, 'needs')[0]!.set('text', 'Trouver un logement stable avant la naissance');
    nadia.doc.getArray('actions').delete(indexOf(nadia.doc, 'actions', 'action-cpas'), 1);
    addEntry(nadia.doc, 'goals', {
      id: 'goal-home',
      text: 'Un logement pour le retour de maternité',
      inFamilyWords: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Back on the plan: what Nadia changed since the coordinator's last visit is marked with her name.
    await plan.reload();
    await plan.getByTestId('visit-summary').waitFor();
    const marks = (await plan.getByTestId('visit-mark').allInnerTexts()).map(oneLine);
    expect(marks.join(' | ')).toContain(`Modifié depuis votre dernière visite par ${socialWorkerName}`);
    expect(marks.join(' | ')).toContain(`Nouveau depuis votre dernière visite par ${socialWorkerName}`);
    await shot(plan, 'history-plan-marks-desktop.png');

    await plan.getByTestId('space-history-link').click();
    await plan.getByTestId('version-item').first().waitFor();
    await plan.getByRole('button', { name: /Avant la concertation du 12 mars/ }).click();
    await plan.getByTestId('history-change').first().waitFor();
    const changes = await plan.getByTestId('history-change').allInnerTexts();
    const said = changes.map(oneLine).join('\n');
    expect(said).toContain(`Modifié Besoin par ${socialWorkerName}`);
    expect(said).toContain('Trouver un logement stable avant la naissance');
    expect(said).toContain(`Supprimé Action par ${socialWorkerName}`);
    expect(said).toContain(`Ajouté Objectif par ${socialWorkerName}`);
    const versions = await plan.getByTestId('version-item').allInnerTexts();
    expect(versions.map(oneLine).join('\n')).toContain(`Modifiée par ${coordinatorName}`);
    await expect.poll(() => plan.getByTestId('history-edited-since').innerText()).toContain(socialWorkerName);
    await shot(plan, 'history-desktop.png');

    // Restoring the removed action is a new edit of the live plan, seen by Nadia at once.
    const removed = plan.locator('[data-testid="history-change"][data-kind="removed"]');
    await removed.getByTestId('history-restore').click();
    await waitFor(() => indexOf(nadia.doc, 'actions', 'action-cpas') >= 0, 5000, 'the action is back');
    await expect
      .poll(() => plan.locator('[data-testid="history-change"][data-kind="removed"]').count())
      .toBe(0);

    // On her phone, after Nadia's next change: the plan marks it, and the history reads in one column.
    entries(nadia.doc, 'goals')[0]!.set('text', 'Un logement pour le retour de la maternité');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const phoneContext = await coordinatorContext(phone);
    const phonePlan = await open(phoneContext, `/families/${familyId}/spaces/${planId}`, problems);
    await phonePlan.getByTestId('visit-mark').first().waitFor();
    expect(oneLine(await phonePlan.getByTestId('visit-mark').first().innerText())).toBe(
      `Modifié depuis votre dernière visite par ${socialWorkerName}`,
    );
    expect(await phonePlan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phonePlan, 'history-plan-marks-phone.png');
    const phonePage = await open(phoneContext, `/families/${familyId}/spaces/${planId}/history`, problems);
    await phonePage.getByTestId('version-item').first().waitFor();
    await phonePage.getByRole('button', { name: /Avant la concertation du 12 mars/ }).click();
    await phonePage.getByTestId('history-change').first().waitFor();
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phonePage, 'history-phone.png');
    sophie.close();
    nadia.close();
    await context.close();
    await phoneContext.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
