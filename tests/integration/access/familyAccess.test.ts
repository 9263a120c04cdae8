import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApiClient } from '../../support/apiClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwifeA: BuiltProfessional;
let socialWorkerB: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
const medicalNote = 'EPDS 17 anxiety medical-secret-marker';

beforeAll(async () => {
  server = await startTestServer();
  midwifeA = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorkerB = await buildProfessional(server.url, { healthRole: 'B' });
  family = await buildFamily(midwifeA.client);
  expect(
    (await midwifeA.client.post(`/families/${family.id}/team`, { professionalId: socialWorkerB.id })).status,
  ).toBe(201);
  const medical = await midwifeA.client.post(`/families/${family.id}/indicators`, {
    key: 'psychologicalWellbeing',
    aboutMemberId: family.members[0]!.id,
    note: medicalNote,
  });
  expect(medical.status).toBe(201);
  expect(
    (
      await midwifeA.client.post(`/families/${family.id}/indicators`, {
        key: 'housing',
        note: 'overcrowded flat',
      })
    ).status,
  ).toBe(201);
});
afterAll(() => server.dispose());

/** Every read a professional can make of the file: none may carry what they may not read. */
async function everyResponseOf(client: TestApiClient, familyId: string) {
  return Promise.all([
    client.get(`/families/${familyId}`),
    client.get('/families'),
    client.get(`/families/${familyId}/flags`),
    client.get(`/families/${familyId}/audit`),
    client.patch(`/families/${familyId}`, { label: 'Famille Test' }),
    client.post(`/families/${familyId}/indicators`, { key: 'income', note: 'no income' }),
    client.post(`/families/${familyId}/strata`, { stratum: 'specific', reason: 'improving' }),
    client.post(`/families/${familyId}/indicators`, { key: 'violence', note: 'attempt' }),
    client.request('GET', `/families/${familyId}/fhir`),
    client.get('/me/work'),
    client.get(`/families/${familyId}/decisions`),
    client.get(`/families/${familyId}/referrals`),
    client.get(`/families/${familyId}/spaces`),
    client.get('/professionals?search=a'),
  ]);
}

describe('Role A and Role B on the team', () => {
  it('Role A reads everything, medical indicators included, with policies saying so', async () => {
    const view = (await midwifeA.client.get(`/families/${family.id}`)).body;
    expect(view.indicators.map((indicator: { key: string }) => indicator.key).sort()).toEqual([
      'housing',
      'psychologicalWellbeing',
    ]);
    expect(view.policies['family.indicators.medical.record']).toBe(true);
    expect(view.stratum).toBe('complex');
  });

  it('Role B sees social data but no medical indicator in any response, list, error or write answer', async () => {
    const responses = await everyResponseOf(socialWorkerB.client, family.id);
    for (const response of responses) {
      expect(response.text).not.toContain(medicalNote);
      expect(response.text).not.toContain('psychologicalWellbeing');
    }
    const [view, , flags, , , , , medicalWrite] = responses;
    expect(view!.body.indicators.map((indicator: { key: string }) => indicator.key)).toContain('housing');
    expect(view!.body.policies['family.indicators.medical.record']).toBe(false);
    expect(flags!.status).toBe(404);
    expect(medicalWrite!.status).toBe(403);
  });

  it('Role B raises a suspicion flag that only Role A reads', async () => {
    const raised = await socialWorkerB.client.post(`/families/${family.id}/flags`, {
      indicatorKey: 'violence',
      note: 'bruises seen at home visit',
    });
    expect(raised.status).toBe(201);
    expect(raised.text).not.toContain('bruises');
    expect((await socialWorkerB.client.get(`/families/${family.id}/flags`)).status).toBe(404);
    const flags = await midwifeA.client.get(`/families/${family.id}/flags`);
    expect(flags.body.map((flag: { note: string }) => flag.note)).toContain('bruises seen at home visit');
  });

  it('refuses a flag on a social indicator with 400', async () => {
    const response = await socialWorkerB.client.post(`/families/${family.id}/flags`, {
      indicatorKey: 'housing',
      note: 'not sensitive',
    });
    expect(response.status).toBe(400);
  });
});

describe('no therapeutic link: nothing, answered as 404', () => {
  it('a professional not on the team gets the same 404 as for a file that does not exist', async () => {
    const outsider = await buildProfessional(server.url, { healthRole: 'A' });
    const existing = await outsider.client.get(`/families/${family.id}`);
    const missing = await outsider.client.get(`/families/${'0'.repeat(24)}`);
    expect(existing.status).toBe(404);
    expect(existing.body).toEqual(missing.body);
    for (const response of await everyResponseOf(outsider.client, family.id)) {
      expect(response.text).not.toContain(medicalNote);
      expect(response.text).not.toContain('overcrowded');
      expect(response.text).not.toContain('Famille Test');
    }
    expect(
      (await outsider.client.post(`/families/${family.id}/team`, { professionalId: outsider.id })).status,
    ).toBe(404);
  });

  it('a removed member loses the link at once', async () => {
    const temporary = await buildProfessional(server.url, { healthRole: 'A' });
    await midwifeA.client.post(`/families/${family.id}/team`, { professionalId: temporary.id });
    expect((await temporary.client.get(`/families/${family.id}`)).status).toBe(200);
    expect((await midwifeA.client.delete(`/families/${family.id}/team/${temporary.id}`)).status).toBe(204);
    expect((await temporary.client.get(`/families/${family.id}`)).status).toBe(404);
    expect(
      (await temporary.client.get('/families')).body.map((summary: { id: string }) => summary.id),
    ).not.toContain(family.id);
    const view = (await midwifeA.client.get(`/families/${family.id}`)).body;
    expect(
      view.team.find((membership: { professionalId: string }) => membership.professionalId === temporary.id)
        .endedAt,
    ).not.toBeNull();
  });

  it('anonymous callers get 401', async () => {
    expect((await new TestApiClient(server.url).get(`/families/${family.id}`)).status).toBe(401);
  });
});

describe('my families', () => {
  it('lists the files where I am on the team with phase, day of 1000, stratum and next step', async () => {
    const list = (await socialWorkerB.client.get('/families')).body;
    const summary = list.find((entry: { id: string }) => entry.id === family.id);
    expect(summary).toMatchObject({
      label: 'Famille Test',
      phase: 'prenatalT3',
      stratum: expect.any(String),
      nextStep: 'recordConsent',
    });
    expect(summary.dayOf1000).toBeGreaterThan(200);
  });
});

describe('strata history', () => {
  it('keeps every change with from, to, author and reason, both ways', async () => {
    const own = await buildFamily(midwifeA.client, { stratum: 'specific' });
    await midwifeA.client.post(`/families/${own.id}/strata`, {
      stratum: 'danger',
      reason: 'identified danger',
    });
    const back = await midwifeA.client.post(`/families/${own.id}/strata`, {
      stratum: 'complex',
      reason: 'safety plan in place',
    });
    expect(
      back.body.strataHistory.map((change: { from: string | null; to: string }) => [change.from, change.to]),
    ).toEqual([
      [null, 'specific'],
      ['specific', 'danger'],
      ['danger', 'complex'],
    ]);
    expect(back.body.strataHistory[2].author.displayName).toBe(midwifeA.displayName);
    const missingReason = await midwifeA.client.post(`/families/${own.id}/strata`, { stratum: 'lowRisk' });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.error.details[0].path).toBe('reason');
  });
});
