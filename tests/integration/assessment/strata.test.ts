import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { FamilyModel } from '../../../server/src/models/family.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

/** Strata that say what they need: expected functions, refusals as dated events, reviews at key moments. */
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let outsider: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partnerId: string;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const needsPath = () => `/families/${family.id}/strata/needs`;
const changeStratum = (client: TestApiClient, stratum: string) =>
  client.post(`/families/${family.id}/strata`, { stratum, reason: 'Réévaluation en équipe' });

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia AS' });
  outsider = await buildProfessional(server.url, { healthRole: 'A' });
  family = await buildFamily(midwife.client, { stratum: 'complex' });
  partnerId = family.members[1]!.id;
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
});
afterAll(() => server.dispose());

describe('what the stratum needs', () => {
  it('a complex situation asks for a coordinator, and says so until one is named', async () => {
    let needs = (await socialWorker.client.get(needsPath())).body;
    expect(needs).toMatchObject({ stratum: 'complex', need: 'coordination', answeredBy: [] });
    await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: socialWorker.id,
    });
    needs = (await midwife.client.get(needsPath())).body;
    expect(needs.answeredBy).toEqual([
      { function: 'coordinator', professional: { id: socialWorker.id, displayName: 'Nadia AS' } },
    ]);
  });

  it('"the family coordinates itself" is recorded for a specific family only', async () => {
    const path = `/families/${family.id}/strata/self-coordination`;
    const refused = await midwife.client.post(path, { on: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('self_coordination_not_possible');
    expect((await changeStratum(midwife.client, 'specific')).status).toBe(201);
    const recorded = await socialWorker.client.post(path, { on: true });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body).toMatchObject({
      need: 'referentOrCoordination',
      selfCoordination: { possible: true, on: true, by: { displayName: 'Nadia AS' } },
    });
  });

  it('a member never reads it (404) nor writes it (403); an outsider gets 404', async () => {
    expect((await mother.get(needsPath())).status).toBe(404);
    const refusal = { at: day(0), what: 'Les visites à domicile', explicit: true };
    expect((await mother.post(`/families/${family.id}/strata/refusals`, refusal)).status).toBe(403);
    expect((await mother.post(`/families/${family.id}/strata/reviews`, {})).status).toBe(403);
    expect((await outsider.client.get(needsPath())).status).toBe(404);
    expect((await outsider.client.post(`/families/${family.id}/strata/refusals`, refusal)).status).toBe(404);
  });
});

describe('refusal, expressed several times and explicitly', () => {
  const log = (client: TestApiClient, refusal: Record<string, unknown>) =>
    client.post(`/families/${family.id}/strata/refusals`, refusal);

  it('the refusal stratum is refused until explicit refusals were logged on two days', async () => {
    const first = await changeStratum(midwife.client, 'refusal');
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe('refusal_not_repeated');
    expect(
      (
        await log(socialWorker.client, {
          at: day(-10),
          memberId: partnerId,
          what: 'Les visites à domicile',
          explicit: true,
        })
      ).status,
    ).toBe(201);
    // Said in passing, not explicitly: it is logged, but does not count.
    const hinted = await log(midwife.client, {
      at: day(-3),
      what: 'Le suivi psychologique',
      explicit: false,
    });
    expect(hinted.body.refusalEstablished).toBe(false);
    expect((await changeStratum(midwife.client, 'refusal')).status).toBe(409);
    const second = await log(midwife.client, {
      at: day(-2),
      what: 'Toute rencontre avec le CPAS',
      explicit: true,
    });
    expect(second.body.refusalEstablished).toBe(true);
    expect(
      second.body.refusals.map((refusal: { at: string; member: { displayName: string } | null }) => [
        refusal.at,
        refusal.member?.displayName ?? null,
      ]),
    ).toEqual([
      [day(-10), 'Tom'],
      [day(-3), null],
      [day(-2), null],
    ]);
    expect((await changeStratum(midwife.client, 'refusal')).status).toBe(201);
    const needs = (await midwife.client.get(needsPath())).body;
    expect(needs).toMatchObject({ stratum: 'refusal', need: 'coordinationOrCaseManagement' });
    expect(needs.answeredBy.map((holder: { function: string }) => holder.function)).toEqual(['coordinator']);
    // The family no longer coordinates itself once the stratum does not allow it.
    expect(needs.selfCoordination).toMatchObject({ possible: false, on: false });
  });

  it('bad input: 400 naming the field, nothing logged', async () => {
    const before = (await midwife.client.get(needsPath())).body.refusals.length;
    for (const [body, field] of [
      [{ at: day(2), what: 'Le suivi', explicit: true }, 'at'],
      [{ at: day(0), what: '', explicit: true }, 'what'],
      [{ at: day(0), what: 'Le suivi' }, 'explicit'],
      [{ at: day(0), what: 'Le suivi', explicit: true, memberId: '0'.repeat(24) }, 'memberId'],
    ] as const) {
      const response = await log(midwife.client, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
    }
    expect((await midwife.client.get(needsPath())).body.refusals).toHaveLength(before);
  });
});

describe('a stratum review prompted at key moments', () => {
  it('after a re-assessment: in the file and in "Mon travail" of the coordinator, until confirmed', async () => {
    expect((await midwife.client.get(needsPath())).body.review).toBeNull();
    await midwife.client.post(`/families/${family.id}/assessments`, {
      at: day(0),
      setting: 'home',
      needs: 'Rien',
    });
    expect((await midwife.client.get(needsPath())).body.review).toMatchObject({ trigger: 'assessment' });
    const work = async (client: TestApiClient) =>
      ((await client.get('/me/work')).body.stratumReviews as { familyId: string; trigger: string }[]).filter(
        (review) => review.familyId === family.id,
      );
    expect(await work(socialWorker.client)).toEqual([
      expect.objectContaining({ trigger: 'assessment', link: `/families/${family.id}#strata` }),
    ]);
    expect(await work(midwife.client)).toEqual([]);
    const confirmed = await socialWorker.client.post(`/families/${family.id}/strata/reviews`, {
      note: 'Toujours en refus',
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.review).toBeNull();
    expect(confirmed.body.confirmations.at(-1)).toMatchObject({
      stratum: 'refusal',
      note: 'Toujours en refus',
    });
    expect(await work(socialWorker.client)).toEqual([]);
  });

  it('at birth', async () => {
    const born = await buildFamily(midwife.client, { stratum: 'specific', dueDate: day(10) });
    // The file was opened and its stratum set weeks before the birth.
    const weeksAgo = new Date(Date.now() - 40 * 86_400_000);
    await FamilyModel.collection.updateOne(
      { _id: new mongoose.Types.ObjectId(born.id) },
      { $set: { createdAt: weeksAgo, 'strataHistory.0.at': weeksAgo } },
    );
    const path = `/families/${born.id}/strata/needs`;
    expect((await midwife.client.get(path)).body.review).toBeNull();
    const recorded = await midwife.client.patch(`/families/${born.id}`, { birthDate: day(-1) });
    expect(recorded.status, recorded.text).toBe(200);
    expect((await midwife.client.get(path)).body.review).toMatchObject({ trigger: 'birth' });
    // Changing the stratum is a review too.
    await midwife.client.post(`/families/${born.id}/strata`, {
      stratum: 'lowRisk',
      reason: 'Naissance sans souci',
    });
    expect((await midwife.client.get(path)).body.review).toBeNull();
  });
});
