import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyMomentTimeline, MyWork } from '@concerto/shared';
import { purgeFile } from '../../../server/src/commands/filePurger.ts';
import { FamilyModel } from '../../../server/src/models/family.ts';
import { KeyMomentRecordModel } from '../../../server/src/models/keyMomentRecord.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// The rupture watch of a family born ten days ago: the team reads its timeline, records the discharge and
// the post-partum moments (health acts: Role A), and "my work" follows; a member and an outsider see nothing.
let server: TestServer;
let coordinator: BuiltProfessional;
let doctor: BuiltProfessional;
let socialWorker: BuiltProfessional;
let outsider: BuiltProfessional;
let mother: TestApiClient;
let familyId: string;
const medicalMarker = 'EPDS-SCORE-14';
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const timeline = async (client: TestApiClient, id = familyId) => {
  const response = await client.get(`/families/${id}/key-moments`);
  expect(response.status, response.text).toBe(200);
  return (response.body as KeyMomentTimeline).moments;
};
const momentsOf = async (client: TestApiClient, id = familyId) =>
  ((await client.get('/me/work')).body as MyWork).keyMoments.filter((moment) => moment.familyId === id);

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await buildProfessional(server.url, { healthRole: 'A' });
  doctor = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
  outsider = await buildProfessional(server.url, { healthRole: 'A' });
  const family = await buildFamily(coordinator.client, {
    dueDate: daysFromToday(-12),
    birthDate: daysFromToday(-10),
  });
  familyId = family.id;
  for (const professional of [doctor, socialWorker])
    await coordinator.client.post(`/families/${familyId}/team`, { professionalId: professional.id });
  await coordinator.client.post(`/families/${familyId}/functions`, {
    function: 'coordinator',
    professionalId: coordinator.id,
  });
  await coordinator.client.post(`/families/${familyId}/functions`, {
    function: 'referent',
    professionalId: doctor.id,
    onBehalfOfMemberId: family.members[0]!.id,
  });
  mother = await inviteMember(server.url, coordinator.client, familyId, family.members[0]!.id);
}, 60_000);
afterAll(() => server.dispose());

describe('the timeline of key moments', () => {
  it('dates every moment from the birth and says what is late', async () => {
    const moments = await timeline(coordinator.client);
    expect(moments.map((moment) => moment.kind)).toHaveLength(11);
    expect(moments.find((moment) => moment.kind === 'birthNotice')).toMatchObject({
      dueDate: daysFromToday(-5),
      status: 'overdue',
      estimated: false,
      recordable: true,
    });
    expect(moments.find((moment) => moment.kind === 'sixWeekVisit')).toMatchObject({
      dueDate: daysFromToday(32),
      status: 'upcoming',
    });
  });

  it('"my work": the discharge to record goes to the coordinator and the referent, not to the rest of the team', async () => {
    expect(await momentsOf(coordinator.client)).toContainEqual(
      expect.objectContaining({
        kind: 'dischargeNotRecorded',
        days: 10,
        link: `/families/${familyId}#keyMoments`,
      }),
    );
    expect((await momentsOf(doctor.client)).map((moment) => moment.kind)).toContain('dischargeNotRecorded');
    expect((await momentsOf(socialWorker.client)).map((moment) => moment.kind)).not.toContain(
      'dischargeNotRecorded',
    );
  });

  it('a recorded discharge becomes the return home, in "my work" for the days around it', async () => {
    const recorded = await coordinator.client.post(`/families/${familyId}/key-moments`, {
      kind: 'returnHome',
      at: daysFromToday(-7),
      note: 'Sortie CHU Saint-Pierre',
    });
    expect(recorded.status, recorded.text).toBe(201);
    const returnHome = (recorded.body as KeyMomentTimeline).moments.find(
      (moment) => moment.kind === 'returnHome',
    );
    expect(returnHome).toMatchObject({
      status: 'done',
      dueDate: daysFromToday(-7),
      doneAt: daysFromToday(-7),
    });
    expect(returnHome?.record).toMatchObject({
      note: 'Sortie CHU Saint-Pierre',
      recordedBy: { id: coordinator.id },
    });
    const kinds = (await momentsOf(coordinator.client)).map((moment) => [moment.kind, moment.days]);
    expect(kinds).toContainEqual(['returnHome', 7]);
    expect(kinds.map(([kind]) => kind)).not.toContain('dischargeNotRecorded');
  });

  it('the post-partum moments are health acts: Role B may not record them nor read their notes', async () => {
    const refused = await socialWorker.client.post(`/families/${familyId}/key-moments`, {
      kind: 'postpartumDepressionScreening',
      at: daysFromToday(0),
    });
    expect(refused.status).toBe(403);
    const byDoctor = await doctor.client.post(`/families/${familyId}/key-moments`, {
      kind: 'postpartumDepressionScreening',
      at: daysFromToday(0),
      note: medicalMarker,
    });
    expect(byDoctor.status, byDoctor.text).toBe(201);
    // The social worker records what is hers (the birth notice) and sees the screening done, without its note.
    const birthNotice = await socialWorker.client.post(`/families/${familyId}/key-moments`, {
      kind: 'birthNotice',
      at: daysFromToday(-8),
    });
    expect(birthNotice.status, birthNotice.text).toBe(201);
    expect(birthNotice.text).not.toContain(medicalMarker);
    const seenByB = (await timeline(socialWorker.client)).find(
      (moment) => moment.kind === 'postpartumDepressionScreening',
    );
    expect(seenByB).toMatchObject({ status: 'done', recordable: false, record: { note: null } });
    expect((await socialWorker.client.get(`/families/${familyId}/key-moments`)).text).not.toContain(
      medicalMarker,
    );
    const seenByA = (await timeline(coordinator.client)).find(
      (moment) => moment.kind === 'postpartumDepressionScreening',
    );
    expect(seenByA?.record?.note).toBe(medicalMarker);
    expect((await momentsOf(coordinator.client)).map((moment) => moment.kind)).not.toContain('birthNotice');
  });

  it('bad input answers 400 saying what is wrong', async () => {
    const post = (body: Record<string, unknown>) =>
      coordinator.client.post(`/families/${familyId}/key-moments`, body);
    const future = await post({ kind: 'childcareEntry', at: daysFromToday(3) });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'at', message: 'the day cannot be in the future' }]);
    const beforeBirth = await post({ kind: 'sixWeekVisit', at: daysFromToday(-11) });
    expect(beforeBirth.body.error.details).toEqual([
      { path: 'at', message: 'the day cannot be before the birth' },
    ]);
    expect((await post({ kind: 'returnHome', at: daysFromToday(15) })).status).toBe(400);
    expect((await post({ kind: 'screening', at: daysFromToday(0) })).status).toBe(400);
    expect((await post({ kind: 'returnToWork', at: 'tomorrow' })).status).toBe(400);
    expect((await post({ kind: 'returnToWork', outcome: 'maybe', at: daysFromToday(0) })).status).toBe(400);
  });

  it('a family member reads the file but not the watch (403); an outsider learns nothing (404)', async () => {
    expect((await mother.get(`/families/${familyId}`)).status).toBe(200);
    expect((await mother.get(`/families/${familyId}/key-moments`)).status).toBe(403);
    expect(
      (await mother.post(`/families/${familyId}/key-moments`, { kind: 'birthNotice', at: daysFromToday(0) }))
        .status,
    ).toBe(403);
    expect((await outsider.client.get(`/families/${familyId}/key-moments`)).status).toBe(404);
    expect(
      (
        await outsider.client.post(`/families/${familyId}/key-moments`, {
          kind: 'birthNotice',
          at: daysFromToday(0),
        })
      ).status,
    ).toBe(404);
  });
});

describe('screening by the end of the first trimester', () => {
  it("an unscreened pregnancy in its second trimester is in the coordinator's work until a screening is recorded", async () => {
    // Due in 100 days: week 25 of the pregnancy.
    const family = await buildFamily(coordinator.client, { dueDate: daysFromToday(100) });
    await coordinator.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: coordinator.id,
    });
    expect(await momentsOf(coordinator.client, family.id)).toContainEqual(
      expect.objectContaining({
        kind: 'unscreenedAfterFirstTrimester',
        days: 82,
        link: `/families/${family.id}#screening`,
      }),
    );
    const screened = await coordinator.client.post(`/families/${family.id}/screening`, { scenario: 'A' });
    expect(screened.status, screened.text).toBe(201);
    expect((await momentsOf(coordinator.client, family.id)).map((moment) => moment.kind)).not.toContain(
      'unscreenedAfterFirstTrimester',
    );
    expect(
      (await timeline(coordinator.client, family.id)).find((moment) => moment.kind === 'screening'),
    ).toMatchObject({
      status: 'done',
      doneThrough: 'screening',
      doneAt: daysFromToday(0),
    });
  });
});

describe("the file's end", () => {
  it('recorded moments are purged with the file', async () => {
    const family = await buildFamily(coordinator.client, {
      dueDate: undefined,
      birthDate: daysFromToday(-100),
    });
    await coordinator.client.post(`/families/${family.id}/key-moments`, {
      kind: 'childcareEntry',
      at: daysFromToday(-1),
    });
    const id = new mongoose.Types.ObjectId(family.id);
    expect(await KeyMomentRecordModel.countDocuments({ familyId: id })).toBe(1);
    await FamilyModel.updateOne(
      { _id: id },
      {
        $set: {
          closure: {
            kind: 'left',
            at: new Date(),
            byUserId: coordinator.id,
            reason: 'test',
            purgeAfter: new Date(),
          },
        },
      },
    );
    await purgeFile(id);
    expect(await KeyMomentRecordModel.countDocuments({ familyId: id })).toBe(0);
  });
});
