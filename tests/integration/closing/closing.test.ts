import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { CollabCloseCode, defaultAudience } from '@concerto/shared';
import { FamilyModel } from '../../../server/src/models/family.ts';
import { FamilyPurgeModel } from '../../../server/src/models/familyPurge.ts';
import { UserModel } from '../../../server/src/models/user.ts';
import { purgeExpiredFiles } from '../../../server/src/commands/filePurger.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { connectRoom, emitWithAck } from '../../support/roomClient.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// A file past day 1000: the coordinator closes it, it becomes read-only on every channel, the referent and
// the GP each get a summary through their own rights, and after the retention period it is purged.
let server: TestServer;
let coordinator: BuiltProfessional;
let referentB: BuiltProfessional;
let doctor: BuiltProfessional;
let mother: TestApiClient;
let familyId: string;
let motherId: string;
const medicalMarker = 'MEDICAL-EPDS-19';
const socialMarker = 'SOCIAL-LOGEMENT-HUMIDE';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await buildProfessional(server.url, { healthRole: 'A' });
  referentB = await buildProfessional(server.url, { healthRole: 'B' });
  doctor = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Dr Généraliste' });
  await UserModel.updateOne({ _id: doctor.id }, { $set: { profession: 'Médecin généraliste' } });
  const family = await buildFamily(coordinator.client, { dueDate: undefined, birthDate: daysAgo(740) });
  familyId = family.id;
  motherId = family.members[0]!.id;
  for (const professional of [referentB, doctor])
    await coordinator.client.post(`/families/${familyId}/team`, { professionalId: professional.id });
  await coordinator.client.post(`/families/${familyId}/functions`, {
    function: 'coordinator',
    professionalId: coordinator.id,
  });
  await coordinator.client.post(`/families/${familyId}/functions`, {
    function: 'referent',
    professionalId: referentB.id,
    onBehalfOfMemberId: motherId,
  });
  await coordinator.client.post(`/families/${familyId}/indicators`, {
    key: 'psychologicalWellbeing',
    note: medicalMarker,
  });
  await coordinator.client.post(`/families/${familyId}/indicators`, { key: 'housing', note: socialMarker });
  mother = await inviteMember(server.url, coordinator.client, familyId, motherId);
}, 60_000);
afterAll(() => server.dispose());

async function work(client: TestApiClient) {
  const response = await client.get('/me/work');
  expect(response.status).toBe(200);
  return response.body as {
    keyMoments: { kind: string; familyId: string }[];
    closingSummaries: { familyId: string; indicators: { note: string }[]; functions: unknown[] }[];
  };
}

describe('day 1000: close or extend', () => {
  it('asks the coordinator, and only her, in "my work" and on the file', async () => {
    const mine = await work(coordinator.client);
    expect(mine.keyMoments).toContainEqual(expect.objectContaining({ kind: 'endOfThousandDays', familyId }));
    const theirs = await work(referentB.client);
    expect(theirs.keyMoments.map((moment) => moment.kind)).not.toContain('endOfThousandDays');
    const file = await coordinator.client.get(`/families/${familyId}`);
    expect(file.body.followUp.closingDue).toBe(true);
    expect(file.body.policies['family.closing.decide']).toBe(true);
  });

  it('refuses to close before the second birthday: the family leaves instead', async () => {
    const young = await buildFamily(coordinator.client, { dueDate: undefined, birthDate: daysAgo(300) });
    const closing = await coordinator.client.post(`/families/${young.id}/closure`, {
      kind: 'closed',
      reason: 'Situation stable',
    });
    expect(closing.status).toBe(409);
    expect(closing.body.error.code).toBe('thousand_days_not_over');
    const future = await coordinator.client.post(`/families/${young.id}/closure`, {
      kind: 'left',
      reason: 'Déménagement',
      at: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(future.status).toBe(400);
    expect(future.text).toContain('future');
  });

  it('extends the follow-up with a reason and a review date, which stops the question until then', async () => {
    const past = await coordinator.client.post(`/families/${familyId}/follow-up-extensions`, {
      reason: 'Suivi logement en cours',
      reviewDate: daysAgo(1),
    });
    expect(past.status).toBe(400);
    expect(
      (
        await referentB.client.post(`/families/${familyId}/follow-up-extensions`, {
          reason: 'Suivi logement en cours',
          reviewDate: daysAgo(-30),
        })
      ).status,
    ).toBe(403);
    const extended = await coordinator.client.post(`/families/${familyId}/follow-up-extensions`, {
      reason: 'Suivi logement en cours',
      reviewDate: daysAgo(-30),
    });
    expect(extended.status).toBe(201);
    expect(extended.body.followUp.closingDue).toBe(false);
    expect(extended.body.followUp.extensions[0].reason).toBe('Suivi logement en cours');
    expect((await work(coordinator.client)).keyMoments.map((moment) => moment.kind)).not.toContain(
      'endOfThousandDays',
    );
  });
});

describe('a closed file', () => {
  let editor: CollabTestClient;
  let planId: string;
  let concertationId: string;

  beforeAll(async () => {
    const spaces = (await coordinator.client.get(`/families/${familyId}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    planId = spaces.find((space) => space.kind === 'sharedPlan')!.id;
    const opened = await CollabTestClient.connect(server.url, planId, coordinator.client.credentials);
    if (!opened.ok) throw new Error('the coordinator opens the plan');
    editor = opened.client;
    await waitFor(() => editor.synced, 5000, 'sync');
    const meeting = await coordinator.client.post(`/families/${familyId}/concertations`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Bilan des 1000 jours' }],
      invitedProfessionalIds: [referentB.id],
      invitedMemberIds: [motherId],
    });
    expect(meeting.status).toBe(201);
    concertationId = String(meeting.body.id);
    const room = await connectRoom(server.url, referentB.client);
    expect((await emitWithAck(room, 'concertation:join', { concertationId })).ok).toBe(true);
    room.disconnect();
    const closing = await coordinator.client.post(`/families/${familyId}/closure`, {
      kind: 'closed',
      reason: 'Les 1000 jours sont terminés, situation stable',
    });
    expect(closing.status).toBe(201);
    expect(closing.body.closure).toMatchObject({ kind: 'closed' });
  });

  it('answers every write with 403 file_closed, and still reads', async () => {
    const writes: [TestApiClient, string, string, unknown][] = [
      [coordinator.client, 'PATCH', `/families/${familyId}`, { label: 'Autre nom' }],
      [coordinator.client, 'POST', `/families/${familyId}/indicators`, { key: 'housing', note: 'x' }],
      [coordinator.client, 'POST', `/families/${familyId}/team`, { professionalId: doctor.id }],
      [
        coordinator.client,
        'POST',
        `/families/${familyId}/spaces`,
        { title: 'Nouvel espace', audience: defaultAudience('custom') },
      ],
      [
        coordinator.client,
        'POST',
        `/families/${familyId}/concertations`,
        {
          scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          remote: true,
          agenda: [{ title: 'Besoins' }],
          invitedProfessionalIds: [],
          invitedMemberIds: [],
        },
      ],
      [coordinator.client, 'POST', `/families/${familyId}/closure`, { kind: 'left', reason: 'Encore' }],
      [
        mother,
        'POST',
        `/families/${familyId}/consents`,
        { memberId: motherId, scope: 'concertation', granted: false },
      ],
    ];
    for (const [client, method, path, body] of writes) {
      const response = await client.request(method, path, body);
      expect(`${method} ${path} ${response.status} ${response.body?.error?.code}`).toBe(
        `${method} ${path} 403 file_closed`,
      );
    }
    expect((await coordinator.client.get(`/families/${familyId}`)).status).toBe(200);
    expect((await mother.get(`/families/${familyId}`)).status).toBe(200);
    const file = await coordinator.client.get(`/families/${familyId}`);
    expect(file.body.policies['family.update']).toBe(false);
    expect(file.body.closure.purgeAfter).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('holds no more meetings: the room refuses to open, the meeting stays readable', async () => {
    const room = await connectRoom(server.url, referentB.client);
    expect((await emitWithAck(room, 'concertation:join', { concertationId })).ok).toBe(false);
    room.disconnect();
    expect((await referentB.client.get(`/concertations/${concertationId}`)).status).toBe(200);
  });

  it('closes open editors and reopens the plan read-only', async () => {
    await waitFor(() => editor.closeCode !== null, 3000, 'editor closed');
    expect(editor.closeCode).toBe(CollabCloseCode.accessChanged);
    const again = await CollabTestClient.connect(server.url, planId, coordinator.client.credentials);
    if (!again.ok) throw new Error('the team still reads the plan');
    await waitFor(() => again.client.synced, 5000, 'sync');
    again.client.doc.getArray('needs').push(['écrit après clôture']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const onServer = (await server.collab.registry.loaded()).find((document) => document.name === planId);
    expect(onServer?.doc.getArray('needs').toJSON() ?? []).not.toContain('écrit après clôture');
    again.client.close();
  });

  it('hands the GP and the referent a summary each, without medical content for Role B', async () => {
    const gp = (await work(doctor.client)).closingSummaries.find((summary) => summary.familyId === familyId);
    const referent = (await work(referentB.client)).closingSummaries.find(
      (summary) => summary.familyId === familyId,
    );
    expect(JSON.stringify(gp)).toContain(medicalMarker);
    expect(JSON.stringify(gp)).toContain(socialMarker);
    expect(JSON.stringify(referent)).toContain(socialMarker);
    expect(JSON.stringify(referent)).not.toContain(medicalMarker);
    expect(referent!.functions.length).toBeGreaterThan(0);
    expect((await work(coordinator.client)).closingSummaries).toEqual([]);
  });

  it('is purged after its retention period, leaving a record without personal data', async () => {
    expect(await purgeExpiredFiles()).toBe(0);
    await FamilyModel.updateOne(
      { _id: familyId },
      { $set: { 'closure.purgeAfter': new Date(Date.now() - 1000) } },
    );
    expect(await purgeExpiredFiles()).toBe(1);
    expect((await coordinator.client.get(`/families/${familyId}`)).status).toBe(404);
    const id = new mongoose.Types.ObjectId(familyId);
    for (const name of mongoose.connection.modelNames()) {
      if (name === 'FamilyPurge') continue;
      const model = mongoose.connection.model(name);
      if (model.schema.path('familyId')) expect(await model.countDocuments({ familyId: id }), name).toBe(0);
    }
    expect(await FamilyModel.countDocuments({ _id: id })).toBe(0);
    const record = await FamilyPurgeModel.findOne({ familyId: id }).lean();
    expect(record).toMatchObject({ kind: 'closed', closedBy: new mongoose.Types.ObjectId(coordinator.id) });
    expect(JSON.stringify(record)).not.toMatch(/Famille Test|Maria|Tom/);
    expect((await work(doctor.client)).closingSummaries.map((summary) => summary.familyId)).not.toContain(
      familyId,
    );
  });
});
