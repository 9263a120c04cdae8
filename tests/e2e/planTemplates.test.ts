import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestApiClient, signIn } from '../support/apiClient.ts';
import { launchChromium, openWatchedPage, signedInContext } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.ts';

// A family met late, in its third trimester: the midwife adds the first trimester's themes as catch-up in
// one click, notes a risk and links an action to it, writes the birth plan; the mother reads it on her phone.
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
let server: ServerProcess;
let browser: Browser;
let midwifeToken: string;
let motherToken: string;
let planPath: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@templates.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const admin = await signIn(server.url, 'admin@templates.test', 'admin-password-1');
  const organisation = await admin.post('/organisations', {
    name: 'Maternité Modèles',
    kind: 'hospital',
    accessManager: {
      displayName: 'Gestion Modèles',
      email: 'manager@templates.test',
      password: 'manager-password-1',
      profession: 'Gestion',
      healthRole: 'A',
      inamiNumber: '41234502002',
    },
  });
  expect(organisation.status, organisation.text).toBe(201);
  const manager = await signIn(server.url, 'manager@templates.test', 'manager-password-1');
  await manager.post(`/organisations/${organisation.body.id}/professionals`, {
    displayName: 'Léa Sage-femme',
    email: 'midwife@templates.test',
    password: 'staff-password-1',
    profession: 'Sage-femme',
    healthRole: 'A',
    inamiNumber: '41234502002',
  });
  const midwife = await signIn(server.url, 'midwife@templates.test', 'staff-password-1');
  midwifeToken = midwife.credentials.token!;
  const family = await midwife.post('/families', {
    label: 'Famille Haddad',
    members: [{ displayName: 'Yasmine Haddad', role: 'pregnantPerson', preferredLanguage: 'fr' }],
    // Week 31: the follow-up starts in the third trimester.
    dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    entryPoint: { kind: 'initialAssessment', place: 'Consultation prénatale' },
    stratum: 'specific',
  });
  expect(family.status, family.text).toBe(201);
  const spaces = await midwife.get(`/families/${family.body.id}/spaces`);
  const plan = spaces.body.find((space: { kind: string }) => space.kind === 'sharedPlan');
  planPath = `/families/${family.body.id}/spaces/${plan.id}`;
  const motherId = family.body.members[0].id;
  const invitation = await midwife.post(`/families/${family.body.id}/members/${motherId}/invitations`, {});
  const redeemed = await new TestApiClient(server.url).post('/invitations/redeem', {
    token: new URL(invitation.body.link).pathname.split('/').pop(),
    code: invitation.body.code,
  });
  expect(redeemed.status).toBe(200);
  motherToken = /concerto_session=([^;]+)/.exec(redeemed.headers.get('set-cookie') ?? '')?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) await server.stop();
});

describe('trimester templates in the plan', () => {
  it('catch-up themes in one click, a risk an action answers, a birth plan the mother reads on her phone', async () => {
    const problems: string[] = [];
    const professionalContext = await signedInContext(browser, server.url, midwifeToken, desktop);
    const page = await openWatchedPage(professionalContext, `${server.url}${planPath}`, problems);
    await page.getByTestId('plan-open-templates').click({ timeout: 15_000 });
    const catchUp = page.getByTestId('plan-templates-catchUp');
    const creche = catchUp.locator('[data-key="T1.crechePreRegistration"]');
    expect(await creche.innerText()).toContain("Préinscrire l'enfant en crèche");
    expect(await page.getByTestId('plan-templates-now').innerText()).toContain(
      'Anticiper le retour à domicile',
    );
    await page.screenshot({ path: path.join(artifacts, 'plan-templates.png'), fullPage: true });
    await creche.getByTestId('plan-template-add').click();
    const actions = page.getByTestId('plan-actions').getByTestId('plan-action');
    await expect
      .poll(() => actions.allInnerTexts())
      .toEqual([expect.stringContaining("Préinscrire l'enfant en crèche")]);
    expect(await actions.first().getByTestId('plan-action-priority-badge').innerText()).toBe('Prioritaire');
    // The row stays where it was, saying it is in the plan (focus on it), instead of vanishing under her.
    expect(await creche.getByTestId('plan-template-added').innerText()).toContain('Ajoutée au plan');
    expect(await creche.getByTestId('plan-template-add').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'plan-template-added',
    );
    // "Add all" asks first, naming how many; cancelling adds nothing.
    await page.getByTestId('plan-templates-add-all-catchUp').click();
    expect(await catchUp.getByRole('group').getAttribute('aria-label')).toBe(
      'Ajouter au plan les 16 actions à rattraper, comme prioritaires ?',
    );
    await catchUp.getByRole('button', { name: 'Annuler' }).click();
    expect(await actions.count()).toBe(1);
    await page.getByTestId('plan-close-templates').click();
    // Reopened, the picker no longer offers what the plan holds.
    await page.getByTestId('plan-open-templates').click();
    expect(await page.getByTestId('plan-templates-catchUp').innerText()).toContain("Vérifier l'assurabilité");
    expect(await creche.count()).toBe(0);
    await page.getByTestId('plan-close-templates').click();

    await page.getByTestId('plan-add-risk').click();
    await page.getByTestId('plan-risk-text').fill('Pas de place en crèche dans le quartier');
    await page.getByTestId('plan-risk-submit').click();
    await expect.poll(() => page.getByTestId('plan-risk').allInnerTexts()).toHaveLength(1);
    await actions
      .first()
      .getByRole('button', { name: /Modifier/ })
      .click();
    await page.getByTestId('plan-action-answers').getByRole('checkbox').check();
    await page.getByTestId('plan-action-priority').selectOption('low');
    await page.getByTestId('plan-action-submit').click();
    await expect
      .poll(() => actions.first().innerText())
      .toMatch(/Répond à : Pas de place en crèche dans le quartier/);
    expect(await actions.first().getByTestId('plan-action-priority-badge').innerText()).toBe('Peut attendre');

    // The birth plan is saved while she types: the mother reads it with the field still focused here.
    const feeding = page.getByTestId('birth-plan-feeding');
    await feeding.fill('Allaitement souhaité, avec le soutien de la sage-femme');

    const motherContext = await signedInContext(browser, server.url, motherToken, phone);
    const mother = await openWatchedPage(motherContext, `${server.url}${planPath}`, problems);
    const birthPlan = mother.getByTestId('plan-birth-plan');
    await expect
      .poll(() => birthPlan.innerText(), { timeout: 15_000 })
      .toContain('Allaitement souhaité, avec le soutien de la sage-femme');
    expect(await mother.getByTestId('plan-actions').innerText()).toContain(
      'Répond à : Pas de place en crèche',
    );
    // She reads the birth plan; she does not get its fields to edit, nor the ready-made actions.
    expect(await mother.getByTestId('birth-plan-feeding').count()).toBe(0);
    expect(await mother.getByTestId('plan-open-templates').count()).toBe(0);
    await mother.screenshot({ path: path.join(artifacts, 'plan-templates-phone.png'), fullPage: true });
    expect(await mother.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(artifacts, 'plan-templates-added.png'), fullPage: true });
    await professionalContext.close();
    await motherContext.close();
    expect(problems).toEqual([]);
  });
});
