import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let gp: BuiltProfessional;
let socialWorker: BuiltProfessional;
let caseManager: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
let motherId: string;
let partnerId: string;

type Assignment = {
  function: string;
  professional: { id: string; displayName: string } | null;
  chosenBy: { kind: string; id: string; displayName: string };
  enteredBy: { id: string; displayName: string } | null;
};
const current = async (client: TestApiClient, name: string) =>
  ((await client.get(`/families/${family.id}/functions`)).body.current as Assignment[]).find(
    (held) => held.function === name,
  );

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sage-femme Lina' });
  gp = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Dr Généraliste' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'AS Cpas' });
  caseManager = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Case Manager Caché' });
  family = await buildFamily(midwife.client);
  motherId = family.members[0]!.id;
  partnerId = family.members[1]!.id;
  for (const professional of [gp, socialWorker])
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: professional.id });
  await midwife.client.post(`/families/${family.id}/team`, {
    professionalId: caseManager.id,
    hiddenFromMemberIds: [partnerId],
  });
  mother = await inviteMember(server.url, midwife.client, family.id, motherId);
  partner = await inviteMember(server.url, midwife.client, family.id, partnerId);
});
afterAll(() => server.dispose());

describe("the family's choice of referent is each member's own", () => {
  it('the partner can neither replace the referent the mother chose nor choose in her name', async () => {
    const chosen = await mother.post(`/families/${family.id}/functions`, {
      function: 'referent',
      professionalId: gp.id,
    });
    expect(chosen.status, chosen.text).toBe(201);
    const replaced = await partner.post(`/families/${family.id}/functions`, {
      function: 'referent',
      professionalId: midwife.id,
    });
    expect(replaced.status).toBe(409);
    expect(replaced.body.error.code).toBe('referent_chosen_by_another_member');
    const inHerName = await partner.post(`/families/${family.id}/functions`, {
      function: 'referent',
      professionalId: midwife.id,
      onBehalfOfMemberId: motherId,
    });
    expect(inHerName.status).toBe(403);
    expect(await current(midwife.client, 'referent')).toMatchObject({
      professional: { id: gp.id },
      chosenBy: { kind: 'familyMember', id: motherId },
      enteredBy: null,
    });
  });

  it('a professional recording the choice for a member is named in the record', async () => {
    const recorded = await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'referent',
      professionalId: midwife.id,
      onBehalfOfMemberId: motherId,
    });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body.enteredBy).toEqual({ id: midwife.id, displayName: 'Sage-femme Lina' });
    // The mother reads who entered her choice.
    expect(await current(mother, 'referent')).toMatchObject({
      chosenBy: { kind: 'familyMember', displayName: 'Maria' },
      enteredBy: { displayName: 'Sage-femme Lina' },
    });
  });
});

describe('functions follow the team', () => {
  it('removing a professional who holds a function answers 409 until it is handed over', async () => {
    await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: gp.id,
    });
    const refused = await socialWorker.client.delete(`/families/${family.id}/team/${gp.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'function_held' });
    expect(refused.body.error.message).toContain('coordinator');
    expect((await current(midwife.client, 'coordinator'))?.professional?.id).toBe(gp.id);

    await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: socialWorker.id,
      handover: { whatWasHandedOver: 'Plan en cours et contacts' },
    });
    expect((await socialWorker.client.delete(`/families/${family.id}/team/${gp.id}`)).status).toBe(204);
    const functions = (await midwife.client.get(`/families/${family.id}/functions`)).body.current;
    expect(functions.some((held: Assignment) => held.professional?.id === gp.id)).toBe(false);
  });

  it('functions are not given when adding to the team: the family chooses', async () => {
    const newcomer = await buildProfessional(server.url);
    const response = await midwife.client.post(`/families/${family.id}/team`, {
      professionalId: newcomer.id,
      functions: ['referent'],
    });
    expect(response.status).toBe(400);
  });

  it('a case manager hidden from the partner is never named in his function list', async () => {
    const assigned = await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'caseManager',
      professionalId: caseManager.id,
      reason: 'Situation de danger',
    });
    expect(assigned.status, assigned.text).toBe(201);
    const partnerView = await partner.get(`/families/${family.id}/functions`);
    expect(partnerView.status).toBe(200);
    expect(partnerView.text).not.toContain('Case Manager Caché');
    expect(partnerView.text).not.toContain(caseManager.id);
    const motherView = await mother.get(`/families/${family.id}/functions`);
    expect(motherView.text).toContain('Case Manager Caché');
  });
});

describe("the programme's rules", () => {
  it('the coordination flat rate and the prenatal consultation are recorded by Role A only', async () => {
    const url = `/families/${family.id}/services`;
    // Scenario B opens the coordination; a home visit of the log proves it.
    await midwife.client.post(`/families/${family.id}/screening`, { scenario: 'B' });
    const visit = await midwife.client.post(`/families/${family.id}/contacts`, {
      kind: 'homeVisit',
      place: 'home',
      durationMinutes: 60,
    });
    const contactIds = [visit.body.contacts[0].id];
    for (const service of ['coordination', 'prenatalConsultation'])
      expect((await socialWorker.client.post(url, { service, contactIds })).status).toBe(403);
    expect((await socialWorker.client.post(url, { service: 'screening' })).status).toBe(201);
    expect((await midwife.client.post(url, { service: 'coordination', contactIds })).status).toBe(201);
  });

  it("the mother's age (teenage or late pregnancy) is socio-demographic: Role B records and reads it", async () => {
    const recorded = await socialWorker.client.post(`/families/${family.id}/indicators`, {
      key: 'pregnancyAge',
      aboutMemberId: motherId,
      note: 'Grossesse à 17 ans',
    });
    expect(recorded.status, recorded.text).toBe(201);
    const view = await socialWorker.client.get(`/families/${family.id}`);
    expect(view.text).toContain('Grossesse à 17 ans');
  });
});
