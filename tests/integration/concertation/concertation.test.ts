import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { RoomState } from '@concerto/shared';
import type { TestApiClient } from '../../support/apiClient.ts';
import { waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
let concertationId: string;
const sockets: Socket[] = [];

function roomSocket(client: TestApiClient): Promise<{ socket: Socket; states: RoomState[] }> {
  const headers: Record<string, string> = {};
  if (client.credentials.cookie) headers.Cookie = client.credentials.cookie;
  if (client.credentials.token) headers.Authorization = `Bearer ${client.credentials.token}`;
  const socket = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
  });
  sockets.push(socket);
  const states: RoomState[] = [];
  socket.on('concertation:state', (state: RoomState) => states.push(state));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, states }));
    socket.once('connect_error', reject);
  });
}

const emit = (socket: Socket, event: string, payload: unknown) =>
  new Promise<{ ok: boolean; error?: string }>((resolve) => socket.emit(event, payload, resolve));

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Midwife' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Social' });
  family = await buildFamily(midwife.client);
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
  partner = await inviteMember(server.url, midwife.client, family.id, family.members[1]!.id);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.dispose();
});

describe('scheduling', () => {
  it('the first concertation is organised by whoever first met the family, with personal invitations', async () => {
    const tooEarly = await socialWorker.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      agenda: [{ title: 'Plan' }],
      remote: true,
    });
    expect(tooEarly.status).toBe(403);
    const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: 'Maison médicale',
      remote: true,
      agenda: [{ title: 'Besoins de la famille' }, { title: 'Fonctions' }, { title: 'Décisions' }],
      invitedProfessionalIds: [socialWorker.id],
      invitedMemberIds: family.members.map((member) => member.id),
      interpreter: { needed: true, language: 'ar' },
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.memberInvitations).toHaveLength(2);
    expect(scheduled.body.memberInvitations[0].code).toMatch(/^\d{6}$/);
    // No video service on this server: no call link, and the organiser is told why; the family sees nothing.
    expect(scheduled.body.call).toEqual({ url: null, dialIn: null, unconfigured: true });
    concertationId = scheduled.body.id;
    expect((await mother.get(`/concertations/${concertationId}`)).body.call).toBeNull();
  });

  it('refuses bad input with the field that is wrong', async () => {
    const response = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: 'tomorrow',
      agenda: [],
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['scheduledAt', 'agenda']));
  });

  it('gives each invitee a calendar file without the family name', async () => {
    const response = await mother.request('GET', `/concertations/${concertationId}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    expect(response.text).toContain('BEGIN:VEVENT');
    expect(response.text).toContain('DTSTART:');
    expect(response.text).not.toContain('Famille Test');
  });

  it('a member sees only herself among the invited members', async () => {
    const view = (await partner.get(`/concertations/${concertationId}`)).body;
    expect(view.invitedMembers.map((member: { displayName: string }) => member.displayName)).toEqual(['Tom']);
  });
});

describe('the room', () => {
  it('the server puts only allowed callers in the room, records attendance and shares the state', async () => {
    expect((await midwife.client.patch(`/concertations/${concertationId}`, { status: 'open' })).status).toBe(
      200,
    );
    const organiser = await roomSocket(midwife.client);
    const member = await roomSocket(mother);
    expect(await emit(organiser.socket, 'concertation:join', { concertationId })).toEqual({ ok: true });
    expect(await emit(member.socket, 'concertation:join', { concertationId })).toEqual({ ok: true });
    await waitFor(() => organiser.states.at(-1)?.participants.length === 2, 3000, 'two participants');

    expect(await emit(member.socket, 'concertation:hand', { concertationId, raised: true })).toEqual({
      ok: true,
    });
    await waitFor(
      () =>
        organiser.states
          .at(-1)
          ?.participants.some((participant) => participant.name === 'Maria' && participant.handRaised) ??
        false,
      3000,
      'hand raised',
    );

    expect(await emit(member.socket, 'concertation:agenda', { concertationId, index: 1 })).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await emit(organiser.socket, 'concertation:agenda', { concertationId, index: 1 })).toEqual({
      ok: true,
    });
    await waitFor(() => member.states.at(-1)?.currentAgendaIndex === 1, 3000, 'agenda moved');

    const view = (await midwife.client.get(`/concertations/${concertationId}`)).body;
    expect(view.attendance.find((entry: { name: string }) => entry.name === 'Maria')).toMatchObject({
      status: 'present',
      mode: 'remote',
    });
  });

  it('a caller cannot join a meeting of another family, nor act in a room it was not put in', async () => {
    const outsider = await buildProfessional(server.url);
    const other = await roomSocket(outsider.client);
    expect(await emit(other.socket, 'concertation:join', { concertationId })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await emit(other.socket, 'concertation:hand', { concertationId, raised: true })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await emit(other.socket, 'concertation:join', { concertationId: 'nope' })).toEqual({
      ok: false,
      error: 'invalid_request',
    });
  });

  it('the family chooses the referent; the team assigns the coordinator with a hand-over', async () => {
    const chosen = await mother.post(`/families/${family.id}/functions`, {
      function: 'referent',
      professionalId: socialWorker.id,
      concertationId,
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.chosenBy).toMatchObject({ kind: 'familyMember', displayName: 'Maria' });
    expect(
      (
        await mother.post(`/families/${family.id}/functions`, {
          function: 'coordinator',
          professionalId: midwife.id,
        })
      ).status,
    ).toBe(403);

    const first = await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: midwife.id,
      concertationId,
    });
    expect(first.status).toBe(201);
    expect(new Date(first.body.expectedEnd).getTime() - new Date(first.body.start).getTime()).toBeGreaterThan(
      360 * 86_400_000,
    );
    const noHandover = await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: socialWorker.id,
    });
    expect(noHandover.status).toBe(400);
    const handedOver = await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: socialWorker.id,
      handover: { whatWasHandedOver: 'Plan, contacts, rendez-vous à venir' },
    });
    expect(handedOver.body.handover).toMatchObject({
      from: { displayName: 'Sophie Midwife' },
      acknowledgedAt: null,
    });
    expect(
      (await midwife.client.post(`/families/${family.id}/functions/${handedOver.body.id}/acknowledgement`))
        .status,
    ).toBe(403);
    const acknowledged = await socialWorker.client.post(
      `/families/${family.id}/functions/${handedOver.body.id}/acknowledgement`,
    );
    expect(acknowledged.body.handover.acknowledgedAt).not.toBeNull();
    const functions = (await mother.get(`/families/${family.id}/functions`)).body;
    expect(functions.history).toHaveLength(3);
    expect(functions.current.map((assignment: { function: string }) => assignment.function).sort()).toEqual([
      'coordinator',
      'referent',
    ]);
    const noReason = await socialWorker.client.post(`/families/${family.id}/functions`, {
      function: 'caseManager',
      professionalId: midwife.id,
    });
    expect(noReason.status).toBe(400);
  });
});

describe('decisions', () => {
  let decisionId: string;
  let protectionId: string;

  it('a member gives her position in her own words without seeing the others first', async () => {
    const proposed = await midwife.client.post(`/families/${family.id}/decisions`, {
      concertationId,
      what: 'Visite à domicile de la sage-femme chaque semaine',
      owner: { kind: 'professional', id: midwife.id, name: 'Sophie Midwife' },
      dueDate: '2027-02-01',
    });
    expect(proposed.status).toBe(201);
    decisionId = proposed.body.id;
    expect(
      proposed.body.awaitingPositionFrom.map((entry: { displayName: string }) => entry.displayName),
    ).toEqual(['Maria']);
    const given = await mother.post(`/decisions/${decisionId}/positions`, {
      position: 'agrees',
      words: "D'accord, le mardi matin de préférence",
    });
    expect(given.status).toBe(201);
    expect(given.body.positions[0]).toMatchObject({
      displayName: 'Maria',
      position: 'agrees',
      words: "D'accord, le mardi matin de préférence",
    });
    expect(
      (await midwife.client.post(`/decisions/${decisionId}/positions`, { position: 'agrees' })).status,
    ).toBe(403);
  });

  it('a protection decision is hidden from the partner, everywhere', async () => {
    const protection = await midwife.client.post(`/families/${family.id}/decisions`, {
      concertationId,
      what: 'Hébergement de mise à l’abri si besoin — protection-marker',
      hiddenFromMemberIds: [family.members[1]!.id],
    });
    protectionId = protection.body.id;
    const partnerList = await partner.get(`/families/${family.id}/decisions`);
    expect(partnerList.text).not.toContain('protection-marker');
    expect((await partner.get(`/decisions/${protectionId}`)).status).toBe(404);
    expect((await partner.post(`/decisions/${protectionId}/positions`, { position: 'agrees' })).status).toBe(
      404,
    );
    expect((await mother.get(`/families/${family.id}/decisions`)).text).toContain('protection-marker');
  });

  it('a recorded decision is immutable; a correction is a new decision linked to it', async () => {
    expect((await midwife.client.post(`/decisions/${decisionId}/record`)).status).toBe(200);
    expect((await mother.post(`/decisions/${decisionId}/positions`, { position: 'disagrees' })).status).toBe(
      409,
    );
    const amendment = await midwife.client.post(`/decisions/${decisionId}/amendments`, {
      what: 'Visite à domicile toutes les deux semaines',
      reason: 'Rythme trop soutenu pour la famille',
    });
    expect(amendment.status).toBe(201);
    expect(amendment.body.amends).toBe(decisionId);
    const list = (await midwife.client.get(`/families/${family.id}/decisions`)).body;
    const original = list.find((decision: { id: string }) => decision.id === decisionId);
    expect(original).toMatchObject({
      status: 'recorded',
      what: 'Visite à domicile de la sage-femme chaque semaine',
      amendedBy: amendment.body.id,
    });
    expect(protectionId).toBeTruthy();
  });
});

describe('closing and minutes', () => {
  it('freezes minutes whose content differs correctly per participant, and logs the funded service', async () => {
    await midwife.client.post(`/families/${family.id}/strata`, {
      stratum: 'danger',
      reason: 'Danger identifié pendant la concertation',
    });
    expect((await mother.post(`/concertations/${concertationId}/close`)).status).toBe(403);
    const closed = await midwife.client.post(`/concertations/${concertationId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const organiserMinutes = await midwife.client.get(`/concertations/${concertationId}/minutes`);
    const motherMinutes = await mother.get(`/concertations/${concertationId}/minutes`);
    const partnerMinutes = await partner.get(`/concertations/${concertationId}/minutes`);
    expect(organiserMinutes.text).toContain('protection-marker');
    expect(motherMinutes.text).toContain('protection-marker');
    expect(partnerMinutes.status).toBe(200);
    expect(partnerMinutes.text).not.toContain('protection-marker');
    expect(organiserMinutes.body.stratumChanges.map((change: { to: string }) => change.to)).toContain(
      'danger',
    );
    expect(motherMinutes.body.stratumChanges).toBeUndefined();
    expect(organiserMinutes.body.functionChanges.length).toBeGreaterThanOrEqual(2);
    expect(
      motherMinutes.body.decisions.find((decision: { what: string }) =>
        decision.what.startsWith('Visite à domicile de'),
      )?.positions[0].words,
    ).toContain('mardi');

    const file = (await midwife.client.get(`/families/${family.id}`)).body;
    const logged = file.services.find((service: { service: string }) => service.service === 'concertation');
    expect(logged.note).toContain('Maria');
    expect(
      (await midwife.client.patch(`/concertations/${concertationId}`, { currentAgendaIndex: 0 })).status,
    ).toBe(409);
  });
});
