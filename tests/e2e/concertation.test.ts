import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, TestApiClient } from '../support/apiClient.ts';
import { launchChromium } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const staffPassword = 'staff-password-1';
const needText = 'Trouver une crèche près de la maison';
const visitDecision = 'Visite à domicile de la sage-femme chaque semaine';
const herWords = "D'accord, plutôt le mardi matin quand David travaille";
const protectionDecision = 'Hébergement de mise à l’abri si besoin — marqueur-protection';
let server: ServerProcess;
let browser: Browser;
let familyId: string;
let memberIds: { sarah: string; david: string };
let midwife: TestApiClient;
const cookies: Record<'midwife' | 'socialWorker', string> = { midwife: '', socialWorker: '' };
const contexts: BrowserContext[] = [];

/** Signs in through the API as a browser would (cookie mode) and returns the session cookie's value. */
async function sessionCookie(request: { path: string; body: unknown }): Promise<string> {
  const response = await fetch(`${server.url}/api${request.path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request.body),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('concerto_session='));
  if (!response.ok || !cookie) throw new Error(`${request.path} failed: ${response.status}`);
  return cookie.split(';')[0]!.slice('concerto_session='.length);
}

async function createStaff(admin: TestApiClient, organisation: string, staff: Record<string, string>) {
  const manager = `manager.${staff.email}`;
  const created = await admin.post('/organisations', {
    name: organisation,
    kind: staff.healthRole === 'A' ? 'hospital' : 'cpas',
    accessManager: {
      displayName: `Gestion ${organisation}`,
      email: manager,
      password: 'manager-password-1',
      profession: 'Gestion',
      // Role A is granted only by a Role A access manager of a health organisation.
      healthRole: staff.healthRole,
      ...(staff.healthRole === 'A' ? { inamiNumber: '41234502002' } : {}),
    },
  });
  const managerClient = await signIn(server.url, manager, 'manager-password-1');
  const professional = await managerClient.post(`/organisations/${created.body.id}/professionals`, {
    ...staff,
    ...(staff.healthRole === 'A' ? { inamiNumber: '41234502002' } : {}),
    password: staffPassword,
  });
  return professional.body.id as string;
}

/** A browser page, on a desktop or on a phone, signed in with the given session cookie. */
async function openPage(cookie: string | null, phone = false): Promise<Page> {
  const context = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } },
  );
  if (cookie) await context.addCookies([{ name: 'concerto_session', value: cookie, url: server.url }]);
  contexts.push(context);
  return context.newPage();
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifacts, name), fullPage: true });
const decision = (page: Page, what: string) =>
  page.locator('[data-testid="decision-item"]').filter({ hasText: what });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@e2e.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@e2e.test', 'admin-password-1');
  const staff = (email: string, displayName: string, profession: string, healthRole: 'A' | 'B') => ({
    email,
    displayName,
    profession,
    healthRole,
  });
  await createStaff(
    admin,
    'Maternité E2E',
    staff('midwife@e2e.test', 'Sophie Sage-femme', 'Sage-femme', 'A'),
  );
  const socialWorkerId = await createStaff(
    admin,
    'CPAS E2E',
    staff('social@e2e.test', 'Nadia Assistante', 'Assistante sociale', 'B'),
  );
  const gpId = await createStaff(
    admin,
    'Maison médicale E2E',
    staff('gp@e2e.test', 'Marc Généraliste', 'Médecin généraliste', 'A'),
  );
  for (const [who, email] of [
    ['midwife', 'midwife@e2e.test'],
    ['socialWorker', 'social@e2e.test'],
  ] as const)
    cookies[who] = await sessionCookie({ path: '/auth/login', body: { email, password: staffPassword } });
  midwife = new TestApiClient(server.url, { cookie: `concerto_session=${cookies.midwife}` });
  const family = await midwife.post('/families', {
    label: 'Famille Lemaire',
    members: [
      { displayName: 'Sarah Lemaire', role: 'pregnantPerson', preferredLanguage: 'fr' },
      { displayName: 'David Lemaire', role: 'secondParent', preferredLanguage: 'fr' },
    ],
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  familyId = family.body.id;
  memberIds = { sarah: family.body.members[0].id, david: family.body.members[1].id };
  for (const professionalId of [socialWorkerId, gpId])
    await midwife.post(`/families/${familyId}/team`, { professionalId });
  // Sarah co-edits the shared plan in her own words; David is not in its audience.
  const plan = (await midwife.get(`/families/${familyId}/spaces`)).body.find(
    (space: { kind: string }) => space.kind === 'sharedPlan',
  );
  await midwife.patch(`/families/${familyId}/spaces/${plan.id}`, {
    audience: { ...plan.audience, members: [{ memberId: memberIds.sarah, access: 'contribute' }] },
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('a concertation with the family present on her phone', () => {
  it('is scheduled, held live by three people, closed, and each reader gets their own minutes', async () => {
    // The coordinator schedules it through the form and gets each member's personal link and code once.
    const coordinator = await openPage(cookies.midwife);
    await coordinator.goto(`${server.url}/families/${familyId}`);
    await coordinator.getByTestId('section-concertations').getByTestId('schedule-concertation').click();
    await coordinator.getByTestId('schedule-place').fill('Maison médicale du Nord');
    const members = coordinator.getByTestId('schedule-members');
    await members.getByLabel('Sarah Lemaire').check();
    await members.getByLabel('David Lemaire').check();
    await coordinator.getByTestId('schedule-submit').click();
    const invitationOf = async (name: string) => {
      const card = coordinator.locator(`[data-testid="member-invitation"][data-member="${name}"]`);
      return {
        token: new URL((await card.getByTestId('invitation-link').textContent())!).pathname,
        code: (await card.getByTestId('invitation-code').textContent())!,
      };
    };
    const sarahInvitation = await invitationOf('Sarah Lemaire');
    const davidInvitation = await invitationOf('David Lemaire');
    await coordinator.getByTestId('go-to-concertation').click();
    await coordinator.getByTestId('open-room').click();
    await coordinator.getByTestId('room').waitFor();
    const concertationId = coordinator.url().split('/').pop()!;

    const socialWorker = await openPage(cookies.socialWorker);
    await socialWorker.goto(`${server.url}/concertations/${concertationId}`);
    await socialWorker.getByTestId('join-room').click();

    // Sarah redeems her personal invitation on her phone and finds the meeting in her space.
    const member = await openPage(null, true);
    const memberFailures: string[] = [];
    member.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/') && response.status() >= 400)
        memberFailures.push(`${response.status()} ${response.url()}`);
    });
    await member.goto(`${server.url}${sarahInvitation.token}`);
    await member.getByTestId('redeem-code').fill(sarahInvitation.code);
    await member.getByTestId('redeem-submit').click();
    await member.getByTestId('section-concertations').getByTestId('concertation-link').click();
    await member.getByTestId('join-room').click();
    await member.getByTestId('room').waitFor();

    const everyone = [coordinator, socialWorker, member];
    for (const page of everyone)
      await expect.poll(() => page.getByTestId('presence-item').count(), { timeout: 10_000 }).toBe(3);
    expect(await member.locator('[data-testid="presence-item"][data-name="Nadia Assistante"]').count()).toBe(
      1,
    );

    await coordinator.getByTestId('agenda-next').click();
    for (const page of everyone)
      await expect.poll(() => page.getByTestId('agenda-current').textContent()).toContain('plan de soins');

    await member.getByTestId('raise-hand').click();
    await expect
      .poll(() =>
        coordinator.locator('[data-testid="presence-item"][data-hand="raised"]').getAttribute('data-name'),
      )
      .toBe('Sarah Lemaire');

    // A need added to the shared plan by the coordinator appears live for those who may open the plan.
    await coordinator.getByTestId('plan-add-needs').click();
    await coordinator.getByTestId('plan-needs-text').fill(needText);
    await coordinator.getByTestId('plan-needs-submit').click();
    for (const page of everyone)
      await expect
        .poll(() => page.getByTestId('room-plan').textContent(), { timeout: 10_000 })
        .toContain(needText);

    // Sarah chooses her referent herself, among the professionals already on the team.
    await member
      .getByTestId('choose-referent')
      .selectOption({ label: 'Marc Généraliste — Médecin généraliste' });
    await member.getByTestId('choose-referent-submit').click();
    await expect
      .poll(() => member.getByTestId('function-referent').textContent())
      .toContain('Choisi par Sarah Lemaire');
    await expect
      .poll(() => member.getByTestId('referent-notice').textContent())
      .toContain('Marc Généraliste');
    // The others see her choice live: the room tells them the functions changed.
    await expect
      .poll(() => coordinator.getByTestId('function-referent').textContent())
      .toContain('Marc Généraliste');
    await expect
      .poll(() => socialWorker.getByTestId('function-referent').textContent())
      .toContain('Marc Généraliste');
    const functions = (await midwife.get(`/families/${familyId}/functions`)).body;
    expect(functions.current[0]).toMatchObject({
      function: 'referent',
      professional: { displayName: 'Marc Généraliste' },
      chosenBy: { kind: 'familyMember', displayName: 'Sarah Lemaire' },
    });

    // A proposal: Sarah gives her position in her own words on her phone; the team records it.
    await coordinator.getByTestId('propose-decision').click();
    await coordinator.getByTestId('decision-what').fill(visitDecision);
    await coordinator.getByTestId('decision-owner').selectOption({ label: 'Sophie Sage-femme' });
    // Linked to the need just added to the plan, picked from the plan's live document.
    await coordinator.getByTestId('plan-item-picker').getByLabel(needText).check();
    await coordinator.getByTestId('decision-submit').click();
    await expect
      .poll(() => decision(coordinator, visitDecision).textContent())
      .toContain('Liée à 1 élément du plan');
    const proposal = decision(member, visitDecision);
    await proposal.getByTestId('position-agrees').check();
    await proposal.getByTestId('position-words').fill(herWords);
    await proposal.getByTestId('position-submit').click();
    await expect.poll(() => decision(coordinator, visitDecision).textContent()).toContain(herWords);
    await decision(coordinator, visitDecision).getByTestId('record-decision').click();
    await decision(coordinator, visitDecision).getByTestId('record-decision-confirm').click();
    await expect.poll(() => proposal.getAttribute('data-status')).toBe('recorded');

    // A protection decision, hidden from David (her partner), recorded by the team.
    await coordinator.getByTestId('propose-decision').click();
    await coordinator.getByTestId('decision-what').fill(protectionDecision);
    await coordinator.getByTestId('decision-form').getByLabel('David Lemaire').check();
    await coordinator.getByTestId('decision-submit').click();
    await decision(coordinator, protectionDecision).getByTestId('record-decision').click();
    await decision(coordinator, protectionDecision).getByTestId('record-decision-confirm').click();
    await expect
      .poll(() => decision(socialWorker, protectionDecision).getAttribute('data-status'))
      .toBe('recorded');

    await shot(coordinator, 'concertation-coordinator.png');
    await shot(socialWorker, 'concertation-social-worker.png');
    await shot(member, 'concertation-member-phone.png');
    expect(
      await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    // The organiser closes; everyone is told, and each gets their own copy of the minutes.
    await coordinator.getByTestId('close-concertation').click();
    await coordinator.getByTestId('close-concertation-confirm').click();
    await coordinator.getByTestId('minutes').waitFor();
    await member.getByTestId('room-closed').getByTestId('minutes-link').click();
    await socialWorker.getByTestId('room-closed').waitFor();
    await socialWorker.goto(`${server.url}/concertations/${concertationId}/minutes`);
    for (const page of everyone)
      await expect.poll(() => page.getByTestId('minutes-decision').count()).toBe(2);
    await shot(coordinator, 'minutes-coordinator.png');
    await shot(socialWorker, 'minutes-social-worker.png');
    await shot(member, 'minutes-member-phone.png');
    const memberMinutes = (await member.getByTestId('minutes').textContent())!;
    expect(memberMinutes).toContain(herWords);
    expect(memberMinutes).toContain(protectionDecision);
    expect(await coordinator.getByTestId('minutes').textContent()).toContain(needText);

    const david = new TestApiClient(server.url, {
      cookie: `concerto_session=${await sessionCookie({
        path: '/invitations/redeem',
        body: { token: davidInvitation.token.split('/').pop(), code: davidInvitation.code },
      })}`,
    });
    const davidMinutes = await david.get(`/concertations/${concertationId}/minutes`);
    expect(davidMinutes.status).toBe(200);
    expect(davidMinutes.text).toContain(visitDecision);
    expect(davidMinutes.text).not.toContain('marqueur-protection');
    expect(memberFailures).toEqual([]);
  });
});
