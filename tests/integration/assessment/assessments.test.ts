import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

/** Assessments under Role A/B and per-member rules: who reads what, and who is never told. */
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let shelterWorker: BuiltProfessional;
let outsider: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
let motherId: string;
let partnerId: string;
const clinicalMarker = 'EPDS 19, suivi psychiatrique antérieur';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const path = () => `/families/${family.id}/assessments`;

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia AS' });
  shelterWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Maison Refuge' });
  outsider = await buildProfessional(server.url, { healthRole: 'A' });
  family = await buildFamily(midwife.client);
  [motherId, partnerId] = family.members.map((member) => member.id) as [string, string];
  const team = `/families/${family.id}/team`;
  await midwife.client.post(team, { professionalId: socialWorker.id });
  // The partner may be the source of danger: the shelter's worker is hidden from him.
  await midwife.client.post(team, { professionalId: shelterWorker.id, hiddenFromMemberIds: [partnerId] });
  mother = await inviteMember(server.url, midwife.client, family.id, motherId);
  partner = await inviteMember(server.url, midwife.client, family.id, partnerId);
});
afterAll(() => server.dispose());

describe('the initial assessment and re-assessments', () => {
  it('a Role A midwife records the initial assessment with both networks, a referent outside Concerto and clinical observations', async () => {
    const recorded = await midwife.client.post(path(), {
      at: day(-2),
      setting: 'home',
      needs: 'Trouver un logement plus grand avant la naissance',
      expectations: 'Être aidée pour les papiers',
      strengths: 'Très entourée par sa sœur',
      informalNetwork: [{ name: 'Amina', relation: 'sœur', support: 'Garde le grand frère' }],
      formalNetwork: [
        { name: 'Dr Janssens', role: 'Médecin généraliste', organisation: 'Maison médicale', referent: true },
        { name: 'Maison Refuge', professionalId: shelterWorker.id },
      ],
      interpreterUsed: true,
      clinicalObservations: clinicalMarker,
      nextReviewDate: day(30),
      sharedWithMemberIds: [motherId, partnerId],
    });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body).toMatchObject({
      kind: 'initial',
      at: day(-2),
      setting: 'home',
      interpreterUsed: true,
      clinicalObservations: clinicalMarker,
      recordedBy: { displayName: 'Sophie Sage-femme' },
      sharedWithMemberIds: [motherId, partnerId],
    });
    expect(recorded.body.formalNetwork[0]).toMatchObject({
      name: 'Dr Janssens',
      referent: true,
      professionalId: null,
    });
  });

  it('a Role B social worker reads needs and networks, never the clinical observations, and cannot write them', async () => {
    const read = await socialWorker.client.get(path());
    expect(read.status).toBe(200);
    expect(read.body.assessments[0].needs).toContain('logement');
    expect(read.body.assessments[0].informalNetwork[0].name).toBe('Amina');
    expect(read.body.assessments[0]).not.toHaveProperty('clinicalObservations');
    expect(read.text).not.toContain(clinicalMarker);
    expect(read.body.policies).toEqual({ record: true, recordClinical: false });
    const refused = await socialWorker.client.post(path(), {
      at: day(0),
      setting: 'consultation',
      needs: 'Revoir',
      clinicalObservations: 'Une observation',
    });
    expect(refused.status).toBe(403);
    expect((await midwife.client.get(path())).body.assessments).toHaveLength(1);
  });

  it('a later assessment is a re-assessment; the list is oldest first and the next review follows the latest', async () => {
    const review = await socialWorker.client.post(path(), {
      at: day(0),
      setting: 'consultation',
      needs: 'Le logement est trouvé ; reste la crèche',
      nextReviewDate: day(5),
    });
    expect(review.status, review.text).toBe(201);
    expect(review.body.kind).toBe('review');
    const list = (await midwife.client.get(path())).body;
    expect(list.assessments.map((entry: { kind: string }) => entry.kind)).toEqual(['initial', 'review']);
    expect(list.review).toEqual({ state: 'due', date: day(5), days: 5 });
  });

  it('a member reads only what was shared with her, never the clinical observations; the professional hidden from the partner is left out', async () => {
    const forMother = await mother.get(path());
    expect(forMother.status).toBe(200);
    expect(forMother.body.assessments).toHaveLength(1);
    expect(forMother.text).not.toContain(clinicalMarker);
    expect(forMother.body.assessments[0]).not.toHaveProperty('sharedWithMemberIds');
    expect(
      forMother.body.assessments[0].formalNetwork.map((contact: { name: string }) => contact.name),
    ).toEqual(['Dr Janssens', 'Maison Refuge']);
    expect(forMother.body.policies.record).toBe(false);
    const forPartner = await partner.get(path());
    expect(forPartner.body.assessments).toHaveLength(1);
    expect(forPartner.text).not.toContain('Maison Refuge');
    expect(forPartner.text).not.toContain(clinicalMarker);
  });

  it('sharing is chosen member by member: the re-assessment is shown to the mother, never to the partner', async () => {
    const [, review] = (await midwife.client.get(path())).body.assessments;
    const shared = await midwife.client.patch(`${path()}/${review.id}`, { sharedWithMemberIds: [motherId] });
    expect(shared.status, shared.text).toBe(200);
    expect(shared.body.sharedWithMemberIds).toEqual([motherId]);
    expect((await mother.get(path())).body.assessments).toHaveLength(2);
    expect((await partner.get(path())).text).not.toContain('crèche');
    expect((await mother.patch(`${path()}/${review.id}`, { sharedWithMemberIds: [] })).status).toBe(403);
    expect((await partner.patch(`${path()}/${review.id}`, { sharedWithMemberIds: [partnerId] })).status).toBe(
      404,
    );
  });

  it('a member cannot record one; an outsider gets 404 everywhere', async () => {
    expect((await mother.post(path(), { at: day(0), setting: 'home', needs: 'x' })).status).toBe(403);
    expect((await outsider.client.get(path())).status).toBe(404);
    expect((await outsider.client.post(path(), { at: day(0), setting: 'home', needs: 'x' })).status).toBe(
      404,
    );
  });

  it('the member downloads the assessments shared with her and no other', async () => {
    const data = (await mother.get(`/families/${family.id}/my-data`)).body;
    expect(data.assessments.map((entry: { needs: string }) => entry.needs)).toEqual([
      'Trouver un logement plus grand avant la naissance',
      'Le logement est trouvé ; reste la crèche',
    ]);
    expect(JSON.stringify(data)).not.toContain(clinicalMarker);
  });

  it('reads are audited', async () => {
    await socialWorker.client.get(path());
    const coordinator = await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: midwife.id,
    });
    expect(coordinator.status, coordinator.text).toBe(201);
    const trail = (await midwife.client.get(`/families/${family.id}/audit`)).body as {
      part: string;
      access: string;
      actor: { displayName: string };
    }[];
    expect(
      trail.some(
        (entry) =>
          entry.part === 'assessments' && entry.access === 'read' && entry.actor.displayName === 'Nadia AS',
      ),
    ).toBe(true);
  });
});

describe('bad input says what is wrong, and nothing is saved', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no needs', { at: day(0), setting: 'home', needs: ' ' }, 'needs'],
    ['a future date', { at: day(3), setting: 'home', needs: 'x' }, 'at'],
    [
      'a review before the assessment',
      { at: day(0), setting: 'home', needs: 'x', nextReviewDate: day(-1) },
      'nextReviewDate',
    ],
    [
      'an unknown member',
      { at: day(0), setting: 'home', needs: 'x', sharedWithMemberIds: ['0'.repeat(24)] },
      'sharedWithMemberIds',
    ],
    [
      'a professional off the team',
      {
        at: day(0),
        setting: 'home',
        needs: 'x',
        formalNetwork: [{ name: 'X', professionalId: '0'.repeat(24) }],
      },
      'formalNetwork.0.professionalId',
    ],
    [
      'two referents',
      {
        at: day(0),
        setting: 'home',
        needs: 'x',
        formalNetwork: [
          { name: 'A', referent: true },
          { name: 'B', referent: true },
        ],
      },
      'formalNetwork',
    ],
  ];
  for (const [what, body, field] of cases)
    it(`${what}: 400 naming ${field}`, async () => {
      const before = (await midwife.client.get(path())).body.assessments.length;
      const response = await midwife.client.post(path(), body);
      expect(response.status).toBe(400);
      expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
      expect((await midwife.client.get(path())).body.assessments).toHaveLength(before);
    });
});
