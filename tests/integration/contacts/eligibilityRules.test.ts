import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TestApiClient } from '../../support/apiClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let admin: TestApiClient;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'root@rules.test',
    CONCERTO_ADMIN_PASSWORD: 'root-password-1',
  });
  admin = await signIn(server.url, 'root@rules.test', 'root-password-1');
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  family = await buildFamily(midwife.client);
  await midwife.client.post(`/families/${family.id}/screening`, { scenario: 'A' });
});
afterAll(() => server.dispose());

const eligibility = async () =>
  (await midwife.client.get(`/families/${family.id}`)).body.serviceEligibility.services;
const put = (client: TestApiClient, servicesByScenario: unknown, version?: number) =>
  client.request(
    'PUT',
    '/programme/eligibility',
    { servicesByScenario },
    version === undefined
      ? {}
      : {
          'If-Match': `"${version}"`,
        },
  );

describe("the programme's rule of which BIB scenario opens which funded service", () => {
  it("is Concerto's default until the admin records it; professionals read it, cannot change it", async () => {
    const read = await midwife.client.get('/programme/eligibility');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      servicesByScenario: { O: [], A: ['prenatalConsultation'] },
      isDefault: true,
      version: 0,
      mayChange: false,
    });
    const refused = await put(midwife.client, { O: [], A: ['coordination'], B: [] });
    expect(refused.status).toBe(403);
    expect((await midwife.client.get('/programme/eligibility')).body.isDefault).toBe(true);
    expect((await new TestApiClient(server.url).get('/programme/eligibility')).status).toBe(401);
  });

  it('the admin records it: every family is judged by it at once, recording included', async () => {
    expect(await eligibility()).toMatchObject({ prenatalConsultation: 'open', coordination: 'notOpened' });
    const saved = await put(
      admin,
      { O: [], A: ['prenatalConsultation', 'coordination'], B: ['coordination'] },
      0,
    );
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ isDefault: false, version: 1, changedBy: expect.any(String) });
    expect(await eligibility()).toMatchObject({ prenatalConsultation: 'open', coordination: 'open' });
    const visit = await midwife.client.post(`/families/${family.id}/contacts`, {
      kind: 'homeVisit',
      place: 'home',
      durationMinutes: 45,
      date: today(),
      memberIds: [family.members[0]!.id],
    });
    const recorded = await midwife.client.post(`/families/${family.id}/services`, {
      service: 'coordination',
      contactIds: [visit.body.contacts[0].id],
    });
    expect(recorded.status, recorded.text).toBe(201);
    // Scenario B now opens the coordination only.
    await midwife.client.post(`/families/${family.id}/screening`, { scenario: 'B' });
    expect(await eligibility()).toMatchObject({
      prenatalConsultation: 'notOpened',
      concertation: 'notOpened',
    });
  });

  it('a change based on an older version is refused with who changed it, and changes nothing', async () => {
    const stale = await put(admin, { O: [], A: [], B: [] }, 0);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale');
    expect(stale.body.error.details.version).toBe(1);
    expect((await admin.get('/programme/eligibility')).body.servicesByScenario.B).toEqual(['coordination']);
  });

  it('bad input: 400 naming what is wrong, nothing changed', async () => {
    for (const body of [
      { O: [], A: ['screening'], B: [] },
      { O: [], A: ['coordination', 'coordination'], B: [] },
      { O: [], A: [] },
      { O: [], A: [], B: [], C: [] },
    ]) {
      const refused = await put(admin, body, 1);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.text).toContain('servicesByScenario');
    }
    expect((await admin.get('/programme/eligibility')).body.version).toBe(1);
  });
});
