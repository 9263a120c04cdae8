import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn, type TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let coordinator: TestApiClient;
let socialWorker: TestApiClient;
let familyId: string;
let spaceId: string;
let members: { id: string; displayName: string }[];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@stale.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@stale.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'CPAS des Conflits',
    kind: 'cpas',
    accessManager: {
      displayName: 'Gestion CPAS',
      email: 'manager@stale.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'B',
    },
  });
  expect(organisation.status, organisation.text).toBe(201);
  const manager = await signIn(server.url, 'manager@stale.test', 'manager-password-1');
  const signedIn: TestApiClient[] = [];
  for (const [name, email] of [
    ['Sophie Coordinatrice', 'sophie'],
    ['Nadia Assistante', 'nadia'],
  ] as const) {
    const added = await manager.post(`/organisations/${organisation.body.id}/professionals`, {
      displayName: name,
      email: `${email}@stale.test`,
      password: 'staff-password-1',
      profession: 'Assistante sociale',
      healthRole: 'B',
    });
    expect(added.status, added.text).toBe(201);
    signedIn.push(await signIn(server.url, `${email}@stale.test`, 'staff-password-1'));
  }
  [coordinator, socialWorker] = signedIn as [TestApiClient, TestApiClient];
  const family = await coordinator.post('/families', {
    label: 'Famille Conflit',
    members: [
      { displayName: 'Amina Conflit', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'Karim Conflit', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  expect(family.status, family.text).toBe(201);
  familyId = family.body.id;
  members = family.body.members;
  const me = (await socialWorker.get('/me')).body;
  expect((await coordinator.post(`/families/${familyId}/team`, { professionalId: me.id })).status).toBe(201);
  const space = await coordinator.post(`/families/${familyId}/spaces`, {
    title: 'Suivi logement',
    audience: { team: 'allTeam', members: [] },
  });
  expect(space.status, space.text).toBe(201);
  spaceId = space.body.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const spaceOn = (page: Page) => page.getByTestId('space-item').filter({ hasText: 'Suivi logement' });
const formOn = (page: Page) => spaceOn(page).getByTestId('space-audience-form');
const memberAccess = (page: Page, index: number) =>
  formOn(page).getByTestId(`audience-member-${members[index]!.id}`);

async function openEditor(page: Page): Promise<void> {
  await spaceOn(page).getByTestId('space-audience-open').click();
  await formOn(page).waitFor();
}

const audienceNow = async () => {
  const spaces = (await coordinator.get(`/families/${familyId}/spaces`)).body;
  return spaces.find((space: { id: string }) => space.id === spaceId).audience.members;
};

describe("two coordinators change the same space's audience", () => {
  it('the one whose page was stale is told who changed it, reloads it and keeps her choices', async () => {
    const problems: string[] = [];
    const sophieContext = await signedInContext(browser, server.url, coordinator.credentials.token!, desktop);
    const nadiaContext = await signedInContext(browser, server.url, socialWorker.credentials.token!, phone);
    const sophie = await openWatchedPage(
      sophieContext,
      `${server.url}/families/${familyId}#spaces`,
      problems,
    );
    const nadia = await openWatchedPage(nadiaContext, `${server.url}/families/${familyId}#spaces`, problems);
    await openEditor(sophie);
    await openEditor(nadia);

    // Sophie lets Amina read the space; Nadia, on her phone, still sees the space as it was.
    await memberAccess(sophie, 0).selectOption('read');
    await formOn(sophie).getByTestId('space-audience-submit').click();
    await sophie.getByText('Audience de « Suivi logement » enregistrée.').waitFor();

    await memberAccess(nadia, 1).selectOption('read');
    await formOn(nadia).getByTestId('space-audience-submit').click();
    const notice = formOn(nadia).getByTestId('stale-notice');
    await expect.poll(() => notice.textContent()).toContain('Sophie Coordinatrice');
    expect(await notice.textContent()).toContain("qui peut ouvrir l'espace");
    expect(await memberAccess(nadia, 1).inputValue()).toBe('read');
    await formOn(nadia).screenshot({ path: path.join(artifacts, 'stale-audience-phone.png') });
    expect(await audienceNow()).toEqual([{ memberId: members[0]!.id, access: 'read' }]);

    // Reloading shows Sophie's change above the form; Nadia's choice is still there, she adds Amina back.
    await notice.getByTestId('stale-reload').click();
    await formOn(nadia).getByTestId('stale-reloaded').waitFor();
    await expect.poll(() => spaceOn(nadia).getByTestId('space-audience').textContent()).toContain('Amina');
    expect(await memberAccess(nadia, 1).inputValue()).toBe('read');
    await memberAccess(nadia, 0).selectOption('read');
    await formOn(nadia).getByTestId('space-audience-submit').click();
    await nadia.getByText('Audience de « Suivi logement » enregistrée.').waitFor();
    expect(await audienceNow()).toEqual([
      { memberId: members[0]!.id, access: 'read' },
      { memberId: members[1]!.id, access: 'read' },
    ]);

    // Now Sophie's page is the stale one, on a desktop screen.
    await spaceOn(sophie).getByTestId('space-audience-open').click();
    await memberAccess(sophie, 1).selectOption('write');
    await formOn(sophie).getByTestId('space-audience-submit').click();
    const desktopNotice = formOn(sophie).getByTestId('stale-notice');
    await expect.poll(() => desktopNotice.textContent()).toContain('Nadia Assistante');
    await spaceOn(sophie).screenshot({ path: path.join(artifacts, 'stale-audience-desktop.png') });
    await desktopNotice.getByTestId('stale-reload').click();
    await formOn(sophie).getByTestId('stale-reloaded').waitFor();
    expect(await memberAccess(sophie, 1).inputValue()).toBe('write');

    // The refused saves answered 409; nothing else went wrong on either page.
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
    await sophieContext.close();
    await nadiaContext.close();
  }, 120_000);
});
