import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, TestApiClient } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

/**
 * One situation of the guidelines (seed 004) followed end to end with the programme's own records: a
 * complex family first seen late in the second trimester — « le deuxième trimestre joue un rôle tampon »
 * (L251). The rupture watch flags her as unscreened and the midwife coordinator screens her at 26 weeks
 * (BIB scenario B, which opens the funded services, L429); she records the initial assessment in the
 * family's words (L397-399) with a review date that comes back in "Mon travail" (L419), and confirms the
 * stratum, whose expected function (coordination, L1158) she holds; the social worker of the CPAS (Role B)
 * reads the assessment, makes the home visit with her and an interpreter (L399, L411) and records it; the
 * coordination is recorded as a funded service with that visit as its proof; the mother sees her visit on
 * her phone; a concertation is held with her present, an interpreter invited to that meeting alone. Demo accounts: Sophie Lambert (midwife, Role A) and
 * Nadia El Amrani (social worker, Role B).
 */
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const patience = { timeout: 20_000 };
const mother = 'Salma Mansouri';
const label = 'Famille Mansouri';
let server: ServerProcess;
let browser: Browser;
let sophie: TestApiClient;
let nadia: TestApiClient;
let familyId: string;
let motherId: string;
const problems: string[] = [];

const visitNote = 'Logement humide, démarches CPAS lancées';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifacts, `vignette-${name}.png`), fullPage: true });

async function open(client: TestApiClient, pathname: string, options: Parameters<Browser['newContext']>[0]) {
  const context: BrowserContext = await signedInContext(
    browser,
    server.url,
    client.credentials.token!,
    options,
  );
  return openWatchedPage(context, `${server.url}${pathname}`, problems);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({ CONCERTO_DEMO_DATA: 'true' });
  sophie = await signIn(server.url, 'sophie.lambert@concerto.demo', 'concerto-demo');
  nadia = await signIn(server.url, 'nadia.elamrani@concerto.demo', 'concerto-demo');
  // She walks into the maternity's consultation at 26 weeks: due in 14 weeks, never screened.
  const created = await sophie.post('/families', {
    label,
    members: [
      { displayName: mother, role: 'pregnantPerson', preferredLanguage: 'ar', interpreterNeeded: true },
    ],
    dueDate: day(98),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'complex',
  });
  expect(created.status, created.text).toBe(201);
  familyId = created.body.id;
  motherId = created.body.members[0].id;
  const me = (await sophie.get('/me')).body as { id: string };
  const nadiaId = ((await nadia.get('/me')).body as { id: string }).id;
  expect((await sophie.post(`/families/${familyId}/team`, { professionalId: nadiaId })).status).toBe(201);
  const coordinator = await sophie.post(`/families/${familyId}/functions`, {
    function: 'coordinator',
    professionalId: me.id,
  });
  expect(coordinator.status, coordinator.text).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('vignette: a complex situation first seen late in the second trimester', () => {
  it('the watch flags her as unscreened; screened at 26 weeks from her file, the services open and the alert clears', async () => {
    const work = await open(sophie, '/work', desktop);
    const alert = work.locator('[data-moment="unscreenedAfterFirstTrimester"]', { hasText: label });
    await expect.poll(() => alert.textContent(), patience).toContain('à rattraper au 2e trimestre');
    await shot(work, '1-work-unscreened');
    await alert.getByRole('link').click();
    await work.waitForURL(new RegExp(`/families/${familyId}`), patience);
    const section = work.getByTestId('section-screening');
    await expect.poll(() => section.textContent(), patience).toContain('pas encore été enregistré');
    await section.getByRole('button', { name: 'Enregistrer le dépistage' }).click();
    await section.locator('#scenario-B').check();
    await section.getByTestId('screening-submit').click();
    await expect
      .poll(
        () => section.locator('[data-testid="screening-scenario"]').getAttribute('data-scenario'),
        patience,
      )
      .toBe('B');
    expect(await section.textContent()).toContain('Sophie Lambert');
    // Scenario B opens the three funded services (coordination included), none delivered yet.
    const coordination = section.locator('[data-testid="service-item"][data-service="coordination"]');
    await expect.poll(() => coordination.getAttribute('data-eligibility'), patience).toBe('open');
    await section.screenshot({ path: path.join(artifacts, 'vignette-1-screening.png') });
    const again = await openWatchedPage(work.context(), `${server.url}/work`, problems);
    await again.getByTestId('work-item').first().waitFor(patience);
    expect(
      await again.locator('[data-moment^="unscreened"]', { hasText: label }).count(),
      'the screening clears the alert',
    ).toBe(0);
    await work.context().close();
  }, 90_000);

  it('the initial assessment: her needs in her own words, her strengths, both networks, a review date; the stratum confirmed', async () => {
    const page = await open(sophie, `/families/${familyId}#assessment`, desktop);
    const section = page.getByTestId('section-assessment');
    await expect.poll(() => section.textContent(), patience).toContain('Aucune évaluation');
    await page.getByTestId('assessment-record-open').click();
    await page
      .getByTestId('assessment-needs')
      .fill('« Je ne connais personne ici, j’ai peur d’accoucher seule »');
    await page.getByTestId('assessment-expectations').fill('Comprendre le suivi et préparer la naissance');
    await page.getByTestId('assessment-strengths').fill('Parle bien le français écrit, très motivée');
    await page.getByTestId('informal-add').click();
    await page.getByTestId('informal-name').fill('Mme Haddou, voisine');
    await page.getByTestId('formal-add').click();
    await page.getByTestId('formal-name').fill('Centre de planning familial de Molenbeek');
    await page.locator('#assessment-interpreter').check();
    await page.getByTestId('assessment-next-review').fill(day(7));
    await page.getByTestId('assessment-submit').click();
    const card = page.getByTestId('assessment-card');
    await expect.poll(() => card.textContent(), patience).toContain('j’ai peur d’accoucher seule');
    expect(await card.textContent()).toContain('Mme Haddou');
    await section.screenshot({ path: path.join(artifacts, 'vignette-2-assessment.png') });
    // The assessment asks whether the stratum still holds; a complex situation needs a coordinator: her.
    const review = page.getByTestId('stratum-review');
    await expect.poll(() => review.getAttribute('data-trigger'), patience).toBe('assessment');
    await page.getByTestId('stratum-confirm').click();
    await expect.poll(() => review.count(), patience).toBe(0);
    const need = page.getByTestId('stratum-need');
    expect(await need.getAttribute('data-need')).toBe('coordination');
    expect(await need.getAttribute('data-met')).toBe('true');
    expect(await need.textContent()).toContain('Assurée par Sophie Lambert');
    await page
      .getByTestId('stratum-needs')
      .screenshot({ path: path.join(artifacts, 'vignette-2-stratum-needs.png') });
    await page.context().close();
  }, 90_000);

  it('the review date comes back in "Mon travail"; the social worker reads the assessment on her phone', async () => {
    const work = await open(sophie, '/work', desktop);
    const review = work.locator('[data-kind="assessment"]', { hasText: label });
    await expect.poll(() => review.textContent(), patience).toContain('Réévaluation prévue le');
    await shot(work, '3-work-review');
    await work.context().close();
    const page = await open(nadia, `/families/${familyId}#assessment`, phone);
    const card = page.getByTestId('assessment-card');
    await expect.poll(() => card.textContent(), patience).toContain('Mme Haddou');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page
      .getByTestId('section-assessment')
      .screenshot({ path: path.join(artifacts, 'vignette-3-assessment-phone.png') });
    await page.context().close();
  }, 90_000);

  it('the social worker records the home visit made with the midwife and an interpreter', async () => {
    const page = await open(nadia, `/families/${familyId}#contacts`, desktop);
    const section = page.getByTestId('section-contacts');
    await section.getByText("Aucun contact enregistré pour l'instant.").waitFor(patience);
    await page.getByTestId('contact-open').click();
    await page.getByLabel('Durée (minutes)').fill('90');
    await expect.poll(() => page.getByLabel('Lieu').inputValue()).toBe('home');
    await page.getByLabel(/Sophie Lambert/).check();
    await page.getByLabel(mother).check();
    await page.getByLabel('Autres personnes présentes').fill('Mme Haddou (voisine)');
    await page.getByLabel('Avec un interprète').check();
    await page.getByLabel('Langue interprétée').selectOption('ar');
    await page.getByLabel(/Note courte/).fill(visitNote);
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('contact-recorded').waitFor(patience);
    const item = page.getByTestId('contact-item').first();
    await expect.poll(() => item.innerText(), patience).toContain('Visite à domicile');
    const text = await item.innerText();
    expect(text).toContain('1 h 30');
    expect(text).toContain('Au domicile');
    expect(text).toContain('avec interprète (arabe)');
    expect(text).toMatch(/Nadia El Amrani, Sophie Lambert|Sophie Lambert, Nadia El Amrani/);
    expect(text).toContain(`${mother}, Mme Haddou (voisine)`);
    await expect
      .poll(() => page.getByTestId('contact-totals').innerText(), patience)
      .toContain('1 contact · 1 h 30');
    await section.screenshot({ path: path.join(artifacts, 'vignette-4-home-visit.png') });
    await page.context().close();
  }, 90_000);

  it('the coordination is recorded as a funded service, the home visit as its proof', async () => {
    const page = await open(sophie, `/families/${familyId}#screening`, desktop);
    const section = page.getByTestId('section-screening');
    const coordination = section.locator('[data-testid="service-item"][data-service="coordination"]');
    await expect.poll(() => coordination.getAttribute('data-eligibility'), patience).toBe('open');
    expect(await section.innerText()).toContain('Scénario BIB B');
    await section.getByRole('button', { name: 'Enregistrer une prestation' }).click();
    await page.getByLabel('Prestation', { exact: true }).selectOption('coordination');
    const visit = section.locator('#service-contacts input[type="checkbox"]');
    await visit.first().waitFor(patience);
    expect(await visit.count()).toBe(1);
    await visit.check();
    expect(await page.getByTestId('service-proof-total').innerText()).toContain('1 h 30');
    await page.getByTestId('service-submit').click();
    const delivery = coordination.getByTestId('service-delivery');
    await delivery.waitFor(patience);
    const text = await delivery.innerText();
    expect(text).toContain('Preuve : 1 contact · 1 h 30');
    expect(text).toContain('Au domicile');
    expect(text).toContain(mother);
    await section.screenshot({ path: path.join(artifacts, 'vignette-5-funded-service.png') });
    await page.context().close();
  }, 90_000);

  it('the mother signs in on her phone and sees the visit she took part in, without the team’s note', async () => {
    const invitation = await sophie.post(`/families/${familyId}/members/${motherId}/invitations`, {});
    expect(invitation.status, invitation.text).toBe(201);
    const context = await browser.newContext(phone);
    const page = await openWatchedPage(
      context,
      `${server.url}${new URL(invitation.body.link as string).pathname}`,
      problems,
    );
    await page.getByTestId('redeem-code').fill(invitation.body.code as string);
    await page.getByTestId('redeem-submit').click();
    await page.getByTestId('member-space').waitFor(patience);
    // Her file says Arabic; she reads French well and chooses it on her phone.
    await page.getByTestId('language-select').selectOption('fr');
    const mine = page.getByTestId('section-contacts');
    await expect.poll(() => mine.textContent(), patience).toContain('Vos rencontres avec l');
    // The list arrives on its own request, after the heading.
    await mine.getByTestId('contact-item').waitFor(patience);
    const text = await mine.innerText();
    expect(text).toContain('Visite à domicile');
    expect(text).not.toContain(visitNote);
    // People outside Concerto stay in the team's record.
    expect(text).not.toContain('Haddou');
    expect(await mine.getByTestId('contact-open').count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await mine.screenshot({ path: path.join(artifacts, 'vignette-6-mother-phone.png') });
    await context.close();
  }, 90_000);
  it('a concertation is scheduled with her, her interpreter invited to it alone, held with her present; its minutes say so', async () => {
    const page = await open(sophie, `/families/${familyId}`, desktop);
    await page.getByTestId('section-concertations').getByTestId('schedule-concertation').click();
    await page.getByTestId('schedule-place').fill('CHU Saint-Pierre, salle de concertation');
    await page.getByTestId('schedule-members').getByLabel(mother).check();
    await page.getByTestId('schedule-submit').click();
    await page.getByTestId('go-to-concertation').waitFor(patience);
    await shot(page, '7-concertation-scheduled');
    await page.getByTestId('go-to-concertation').click();
    await page.waitForURL(/\/concertations\/[0-9a-f]{24}/, patience);
    const concertationId = page.url().split('/concertations/')[1]!.slice(0, 24);
    // Her interpreter joins as a guest of this one meeting, not of the care team (no screen yet: the API).
    const invited = await sophie.post(`/concertations/${concertationId}/interpreters`, {
      name: 'Amina Haddad',
      language: 'arabe',
      organisation: 'Setis Bruxelles',
    });
    expect(invited.status, invited.text).toBe(201);
    const redeemed = await new TestApiClient(server.url).post('/interpreter-invitations/redeem', {
      token: String(invited.body.link).split('/interpreter/')[1],
      code: invited.body.code,
    });
    expect(redeemed.status, redeemed.text).toBe(200);
    const interpreter = new TestApiClient(server.url, {
      cookie: String(redeemed.headers.get('set-cookie')).split(';')[0]!,
    });
    const meeting = await interpreter.get('/interpreter/meeting');
    expect(meeting.status, meeting.text).toBe(200);
    expect(meeting.body).toMatchObject({ id: concertationId, language: 'arabe' });
    expect((await interpreter.get(`/families/${familyId}`)).status).toBe(404);
    expect((await interpreter.get(`/families/${familyId}/contacts`)).status).toBe(404);
    // The meeting itself is walked by concertation.test.ts; here it is opened, attended and closed.
    const opened = await sophie.patch(`/concertations/${concertationId}`, { status: 'open' });
    expect(opened.status, opened.text).toBe(200);
    const present = await sophie.post(`/concertations/${concertationId}/attendance`, {
      participantKind: 'familyMember',
      participantId: motherId,
      status: 'present',
      mode: 'onSite',
    });
    expect(present.status, present.text).toBe(200);
    const closed = await sophie.post(`/concertations/${concertationId}/close`, {});
    expect(closed.status, closed.text).toBe(200);
    const minutes = await openWatchedPage(
      page.context(),
      `${server.url}/concertations/${concertationId}/minutes`,
      problems,
    );
    await expect.poll(() => minutes.locator('main').textContent(), patience).toContain(mother);
    await shot(minutes, '8-minutes');
    await page.context().close();
    expect(problems).toEqual([]);
  }, 90_000);
});
