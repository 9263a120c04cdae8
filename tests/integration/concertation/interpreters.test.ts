import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { GuestPassModel } from '../../../server/src/models/guestPass.ts';
import { TestApiClient } from '../../support/apiClient.ts';
import { waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteInterpreter,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { connectRoom, emitWithAck, recordRoom } from '../../support/roomClient.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let outsider: BuiltProfessional;
let mother: TestApiClient;
let familyId: string;
let meetingId: string;
let otherMeetingId: string;
const sockets: Socket[] = [];

const roomSocket = async (client: TestApiClient) => {
  const socket = await connectRoom(server.url, client);
  sockets.push(socket);
  return socket;
};
const schedule = (client: TestApiClient, hoursAhead: number, title: string) =>
  client.post(`/families/${familyId}/concertations`, {
    scheduledAt: new Date(Date.now() + hoursAhead * 3_600_000).toISOString(),
    remote: true,
    agenda: [{ title }, { title: 'Décisions' }],
    invitedProfessionalIds: [socialWorker.id],
    invitedMemberIds: [],
  });

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
  outsider = await buildProfessional(server.url, { healthRole: 'A' });
  const family = await buildFamily(midwife.client);
  familyId = family.id;
  await midwife.client.post(`/families/${familyId}/team`, { professionalId: socialWorker.id });
  await midwife.client.post(`/families/${familyId}/functions`, {
    function: 'coordinator',
    professionalId: midwife.id,
  });
  mother = await inviteMember(server.url, midwife.client, familyId, family.members[0]!.id);
  meetingId = (await schedule(midwife.client, 1, 'Besoins de la famille')).body.id;
  otherMeetingId = (await schedule(midwife.client, 48, 'Réunion suivante')).body.id;
});
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.dispose();
});

describe('inviting an interpreter to one meeting', () => {
  it('those who run the meeting invite; the rest of the team may not (403); those not at the meeting see nothing (404)', async () => {
    const body = { name: 'Amina Haddad', language: 'arabe', organisation: 'Setis Bruxelles' };
    const invited = await midwife.client.post(`/concertations/${meetingId}/interpreters`, body);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      name: 'Amina Haddad',
      language: 'arabe',
      organisation: 'Setis Bruxelles',
    });
    expect(invited.body.link).toMatch(/\/interpreter\/[\w-]{40,}$/);
    expect(invited.body.code).toMatch(/^\d{6}$/);
    // A few hours after the meeting's planned end, never days.
    const expiresIn = Date.parse(invited.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 3_600_000);
    expect(expiresIn).toBeLessThan(6 * 3_600_000);
    expect((await socialWorker.client.post(`/concertations/${meetingId}/interpreters`, body)).status).toBe(
      403,
    );
    expect((await outsider.client.post(`/concertations/${meetingId}/interpreters`, body)).status).toBe(404);
    // The mother is not invited to this meeting.
    expect((await mother.post(`/concertations/${meetingId}/interpreters`, body)).status).toBe(404);
    const listed = await midwife.client.get(`/concertations/${meetingId}/interpreters`);
    expect(listed.body).toHaveLength(1);
    // The link and the code are shown once: never in the list.
    expect(listed.text).not.toContain(invited.body.code);
    expect(listed.text).not.toContain(String(invited.body.link).split('/interpreter/')[1]);
    expect((await socialWorker.client.get(`/concertations/${meetingId}/interpreters`)).status).toBe(403);
    // Her line in the meeting's attendance: "interpreter (language)".
    const meeting = await midwife.client.get(`/concertations/${meetingId}`);
    expect(meeting.body.attendance).toContainEqual(
      expect.objectContaining({
        participantKind: 'guest',
        name: 'Amina Haddad',
        detail: 'arabe — Setis Bruxelles',
      }),
    );
  });

  it('answers 400 naming what is missing', async () => {
    const refused = await midwife.client.post(`/concertations/${meetingId}/interpreters`, {
      name: ' ',
      language: '',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('name');
    expect(refused.text).toContain('language');
  });

  it('the code is single use and throttled: a wrong one counts, the right one opens a guest session once', async () => {
    const invited = await midwife.client.post(`/concertations/${meetingId}/interpreters`, {
      name: 'Tarik Benali',
      language: 'berbère',
    });
    const token = String(invited.body.link).split('/interpreter/')[1];
    const wrongCode = invited.body.code === '000000' ? '111111' : '000000';
    const anonymous = new TestApiClient(server.url);
    const wrong = await anonymous.post('/interpreter-invitations/redeem', { token, code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invitation_code_wrong', details: { attemptsLeft: 4 } });
    // A member's invitation route does not take an interpreter's link.
    expect(
      (await anonymous.post('/invitations/redeem', { token, code: invited.body.code })).body.error.code,
    ).toBe('invitation_invalid');
    const redeemed = await anonymous.post('/interpreter-invitations/redeem', {
      token,
      code: invited.body.code,
    });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ kind: 'guest', displayName: 'Tarik Benali' });
    expect(redeemed.body.meeting).toEqual({ id: meetingId, language: 'berbère' });
    const again = await anonymous.post('/interpreter-invitations/redeem', { token, code: invited.body.code });
    expect(again.body.error.code).toBe('invitation_invalid');
  });
});

describe("the interpreter's session opens her meeting's room and nothing else", () => {
  let interpreter: TestApiClient;
  let passId: string;

  beforeAll(async () => {
    const invited = await inviteInterpreter(server.url, midwife.client, meetingId, {
      name: 'Leyla Demir',
      language: 'turc',
    });
    interpreter = invited.client;
    passId = invited.pass.id;
  });

  it('reads her meeting as the room shows it: agenda and current item, never the file', async () => {
    const me = await interpreter.get('/me');
    expect(me.body).toMatchObject({ kind: 'guest', displayName: 'Leyla Demir', meeting: { id: meetingId } });
    const meeting = await interpreter.get('/interpreter/meeting');
    expect(meeting.status).toBe(200);
    expect(meeting.body.agenda.map((item: { title: string }) => item.title)).toEqual([
      'Besoins de la famille',
      'Décisions',
    ]);
    expect(meeting.text).not.toContain(familyId);
    for (const path of [
      `/families/${familyId}`,
      `/families/${familyId}/concertations`,
      `/families/${familyId}/spaces`,
      `/families/${familyId}/decisions`,
      `/concertations/${meetingId}`,
      `/concertations/${meetingId}/minutes`,
      `/concertations/${meetingId}/calendar.ics`,
      `/concertations/${otherMeetingId}`,
      '/families',
      '/directory',
      '/me/notifications',
      '/me/work',
    ]) {
      // Each exists for the midwife: the 404 is the pass's limit, not a wrong path.
      expect((await midwife.client.get(path)).status, `midwife ${path}`).not.toBe(404);
      expect((await interpreter.get(path)).status, path).toBe(404);
    }
    // Nor is the meeting page there for anyone else.
    expect((await mother.get('/interpreter/meeting')).status).toBe(404);
    expect((await midwife.client.get('/interpreter/meeting')).status).toBe(404);
  });

  it('joins her room, is seen there as the interpreter, raises her hand; another meeting stays shut', async () => {
    await midwife.client.patch(`/concertations/${meetingId}`, { status: 'open' });
    const organiser = await roomSocket(midwife.client);
    const organiserHears = recordRoom(organiser);
    expect(await emitWithAck(organiser, 'concertation:join', { concertationId: meetingId })).toEqual({
      ok: true,
    });
    const guest = await roomSocket(interpreter);
    const guestHears = recordRoom(guest);
    expect(await emitWithAck(guest, 'concertation:join', { concertationId: otherMeetingId })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await emitWithAck(guest, 'concertation:join', { concertationId: meetingId })).toEqual({
      ok: true,
    });
    expect(
      await emitWithAck(guest, 'concertation:hand', { concertationId: meetingId, raised: true }),
    ).toEqual({
      ok: true,
    });
    expect(await emitWithAck(guest, 'concertation:agenda', { concertationId: meetingId, index: 1 })).toEqual({
      ok: false,
      error: 'forbidden',
    });
    await waitFor(
      () =>
        organiserHears.state?.participants.some(
          (participant) => participant.kind === 'guest' && participant.handRaised,
        ) ?? false,
      5000,
      'the organiser sees the interpreter with her hand raised',
    );
    const seen = organiserHears.state!.participants.find((participant) => participant.kind === 'guest')!;
    expect(seen).toMatchObject({ name: 'Leyla Demir', detail: 'turc', key: `guest:${passId}` });
    // She sees who speaks: the organiser, by name.
    await waitFor(
      () =>
        guestHears.state?.participants.some((participant) => participant.name === 'Sophie Sage-femme') ??
        false,
      5000,
      'the interpreter sees the midwife',
    );
    const attendance = (await midwife.client.get(`/concertations/${meetingId}`)).body.attendance;
    expect(attendance).toContainEqual(
      expect.objectContaining({ participantKind: 'guest', participantId: passId, status: 'present' }),
    );
    expect(await emitWithAck(guest, 'concertation:leave', { concertationId: meetingId })).toEqual({
      ok: true,
    });
  });

  it('is withdrawn at once: her socket is cut, her session ends, the link opens nothing', async () => {
    const guest = await roomSocket(interpreter);
    const heard = recordRoom(guest);
    expect(await emitWithAck(guest, 'concertation:join', { concertationId: meetingId })).toEqual({
      ok: true,
    });
    expect(
      (await socialWorker.client.delete(`/concertations/${meetingId}/interpreters/${passId}`)).status,
    ).toBe(403);
    expect((await midwife.client.delete(`/concertations/${meetingId}/interpreters/${passId}`)).status).toBe(
      204,
    );
    await waitFor(() => heard.disconnectedAt !== null, 5000, 'the interpreter is cut off');
    expect((await interpreter.get('/me')).status).toBe(401);
    expect((await interpreter.get('/interpreter/meeting')).status).toBe(401);
    const listed = (await midwife.client.get(`/concertations/${meetingId}/interpreters`)).body as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(listed.find((pass) => pass.id === passId)?.revokedAt).not.toBeNull();
    // She took part: her attendance stays in the meeting's record.
    const attendance = (await midwife.client.get(`/concertations/${meetingId}`)).body.attendance;
    expect(attendance.some((entry: { participantId: string }) => entry.participantId === passId)).toBe(true);
  });

  it('writes every step to the audit trail, which the family does not see', async () => {
    const trail = (await midwife.client.get(`/families/${familyId}/audit`)).body as {
      part: string;
      actor: { kind: string; displayName: string };
    }[];
    const steps = trail.filter((entry) => entry.part.startsWith('interpreter'));
    for (const part of [
      'interpreterInvited',
      'interpreterRedeemed',
      'interpreterJoined',
      'interpreterLeft',
      'interpreterRevoked',
    ])
      expect(
        steps.some((entry) => entry.part === part),
        part,
      ).toBe(true);
    expect(steps.find((entry) => entry.part === 'interpreterJoined')?.actor).toMatchObject({
      kind: 'guest',
      displayName: 'Leyla Demir',
    });
    const familyTrail = await mother.get(`/families/${familyId}/audit`);
    expect(familyTrail.text).not.toContain('Leyla Demir');
  });
});

describe('a pass ends with its meeting', () => {
  it('stops working once expired, and once the meeting is closed', async () => {
    const first = await inviteInterpreter(server.url, midwife.client, otherMeetingId, { name: 'Ana' });
    expect((await first.client.get('/interpreter/meeting')).status).toBe(200);
    await GuestPassModel.updateOne(
      { _id: first.pass.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect((await first.client.get('/me')).status).toBe(401);

    const second = await inviteInterpreter(server.url, midwife.client, meetingId, { name: 'Bea' });
    expect((await second.client.get('/interpreter/meeting')).status).toBe(200);
    expect((await midwife.client.post(`/concertations/${meetingId}/close`, {})).status).toBe(200);
    expect((await second.client.get('/interpreter/meeting')).status).toBe(404);
    const socket = await roomSocket(second.client);
    expect(await emitWithAck(socket, 'concertation:join', { concertationId: meetingId })).toEqual({
      ok: false,
      error: 'not_found',
    });
    // Nor can an interpreter be invited to a closed meeting.
    const late = await midwife.client.post(`/concertations/${meetingId}/interpreters`, {
      name: 'Chris',
      language: 'anglais',
    });
    expect(late.status).toBe(409);
  });
});
