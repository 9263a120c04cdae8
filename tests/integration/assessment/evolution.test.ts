import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

/** What evolves over the follow-up: indicator statuses, the BIB series, and the re-assessment reminders. */
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia AS' });
  family = await buildFamily(midwife.client);
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  const [motherId, partnerId] = family.members.map((member) => member.id) as [string, string];
  await midwife.client.post(`/families/${family.id}/indicators`, {
    key: 'housing',
    note: 'Logement insalubre',
    sharedWithMemberIds: [motherId],
  });
  await midwife.client.post(`/families/${family.id}/indicators`, {
    key: 'psychologicalWellbeing',
    note: 'Anxiété marquée',
  });
  mother = await inviteMember(server.url, midwife.client, family.id, motherId);
  partner = await inviteMember(server.url, midwife.client, family.id, partnerId);
  void partnerId;
});
afterAll(() => server.dispose());

async function indicatorsFor(client: TestApiClient) {
  return (await client.get(`/families/${family.id}`)).body.indicators as {
    id: string;
    key: string;
    status: string;
    statusHistory: { status: string; by: { displayName: string }; note: string | null }[];
  }[];
}

describe('indicator status: active, attenuated, resolved, with who and when', () => {
  it('a Role B social worker attenuates then resolves a social indicator; each change is kept with her name', async () => {
    const housing = (await indicatorsFor(socialWorker.client)).find(
      (indicator) => indicator.key === 'housing',
    )!;
    expect(housing.status).toBe('active');
    const path = `/families/${family.id}/indicators/${housing.id}/status`;
    const attenuated = await socialWorker.client.post(path, {
      status: 'attenuated',
      note: 'Relogement en cours',
    });
    expect(attenuated.status, attenuated.text).toBe(201);
    expect(attenuated.body.status).toBe('attenuated');
    expect((await socialWorker.client.post(path, { status: 'attenuated' })).status).toBe(400);
    await midwife.client.post(path, { status: 'resolved' });
    const after = (await indicatorsFor(midwife.client)).find((indicator) => indicator.key === 'housing')!;
    expect(after.status).toBe('resolved');
    expect(after.statusHistory.map((change) => [change.status, change.by.displayName, change.note])).toEqual([
      ['attenuated', 'Nadia AS', 'Relogement en cours'],
      ['resolved', 'Sophie Sage-femme', null],
    ]);
  });

  it('a medical indicator: Role B never reaches it (404), Role A resolves it', async () => {
    const medical = (await indicatorsFor(midwife.client)).find(
      (indicator) => indicator.key === 'psychologicalWellbeing',
    )!;
    const path = `/families/${family.id}/indicators/${medical.id}/status`;
    expect((await socialWorker.client.post(path, { status: 'resolved' })).status).toBe(404);
    const resolved = await midwife.client.post(path, { status: 'resolved', note: 'Suivi psy terminé' });
    expect(resolved.status, resolved.text).toBe(201);
    expect((await socialWorker.client.get(`/families/${family.id}`)).text).not.toContain('Suivi psy terminé');
  });

  it('the mother sees the status of what was shared with her; she cannot change it; the partner sees nothing', async () => {
    const forMother = await indicatorsFor(mother);
    expect(forMother.map((indicator) => [indicator.key, indicator.status])).toEqual([
      ['housing', 'resolved'],
    ]);
    const path = `/families/${family.id}/indicators/${forMother[0]!.id}/status`;
    expect((await mother.post(path, { status: 'active' })).status).toBe(403);
    expect(await indicatorsFor(partner)).toEqual([]);
    expect((await partner.post(path, { status: 'active' })).status).toBe(404);
  });

  it('an unknown status is a 400', async () => {
    const [first] = await indicatorsFor(midwife.client);
    const response = await midwife.client.post(`/families/${family.id}/indicators/${first!.id}/status`, {
      status: 'forgotten',
    });
    expect(response.status).toBe(400);
  });
});

describe('BIB screenings as a dated series', () => {
  it('keeps every screening; the latest by date is the current scenario, whatever the order of recording', async () => {
    const path = `/families/${family.id}/screening`;
    expect((await socialWorker.client.post(path, { scenario: 'A', at: day(-20) })).status).toBe(201);
    // An older screening recorded afterwards does not replace the newer scenario.
    expect((await midwife.client.post(path, { scenario: 'O', at: day(-60) })).status).toBe(201);
    let file = (await midwife.client.get(`/families/${family.id}`)).body;
    expect(file.screening.scenario).toBe('A');
    await midwife.client.post(path, { scenario: 'B', at: day(0) });
    file = (await midwife.client.get(`/families/${family.id}`)).body;
    expect(file.screening).toMatchObject({ scenario: 'B', at: day(0) });
    expect(
      file.screenings.map((entry: { scenario: string; at: string }) => [entry.scenario, entry.at]),
    ).toEqual([
      ['O', day(-60)],
      ['A', day(-20)],
      ['B', day(0)],
    ]);
    expect(file.screenings[1].recordedBy.displayName).toBe('Nadia AS');
    expect((await mother.get(`/families/${family.id}`)).body).not.toHaveProperty('screenings');
  });

  it('a screening in the future is a 400 and is not kept', async () => {
    const response = await midwife.client.post(`/families/${family.id}/screening`, {
      scenario: 'O',
      at: day(2),
    });
    expect(response.status).toBe(400);
    expect((await midwife.client.get(`/families/${family.id}`)).body.screenings).toHaveLength(3);
  });
});

describe('"Mon travail" reminds of assessments to do', () => {
  it('the coordinator is reminded of a missing initial assessment, then of a review due; the others are not', async () => {
    const other = await buildFamily(midwife.client, { label: 'Famille Rappel' });
    await midwife.client.post(`/families/${other.id}/team`, { professionalId: socialWorker.id });
    await midwife.client.post(`/families/${other.id}/functions`, {
      function: 'coordinator',
      professionalId: midwife.id,
    });
    const reviewsOf = async (client: TestApiClient) =>
      (
        (await client.get('/me/work')).body.assessmentReviews as {
          familyId: string;
          state: string;
          date: string | null;
        }[]
      ).filter((review) => review.familyId === other.id);
    expect(await reviewsOf(midwife.client)).toEqual([
      expect.objectContaining({ state: 'initialMissing', date: null }),
    ]);
    expect(await reviewsOf(socialWorker.client)).toEqual([]);
    const path = `/families/${other.id}/assessments`;
    await midwife.client.post(path, {
      at: day(-1),
      setting: 'home',
      needs: 'Se reposer',
      nextReviewDate: day(40),
    });
    expect(await reviewsOf(midwife.client)).toEqual([]);
    await midwife.client.post(path, {
      at: day(0),
      setting: 'phone',
      needs: 'Crèche',
      nextReviewDate: day(6),
    });
    expect(await reviewsOf(midwife.client)).toEqual([
      expect.objectContaining({ state: 'due', date: day(6) }),
    ]);
    await midwife.client.post(path, {
      at: day(-10),
      setting: 'home',
      needs: 'Rattrapage',
      nextReviewDate: day(-2),
    });
    const [latest] = await reviewsOf(midwife.client);
    // The latest assessment by date (today's) sets the next review, not the last one typed in.
    expect(latest).toMatchObject({ state: 'due', link: `/families/${other.id}#assessment` });
  });

  it('a review whose date passed is overdue', async () => {
    const late = await buildFamily(midwife.client, { label: 'Famille En retard' });
    await midwife.client.post(`/families/${late.id}/assessments`, {
      at: day(-30),
      setting: 'consultation',
      needs: 'Soutien à l’allaitement',
      nextReviewDate: day(-3),
    });
    // Nobody holds a function in this file: the whole team is reminded.
    const reviews = (await midwife.client.get('/me/work')).body.assessmentReviews as { familyId: string }[];
    expect(reviews.find((review) => review.familyId === late.id)).toMatchObject({
      state: 'overdue',
      days: -3,
    });
  });
});
