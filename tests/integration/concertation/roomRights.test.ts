import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ConcertationModel } from '../../../server/src/models/concertation.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { connectRoom, emitWithAck } from '../../support/roomClient.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let mother: TestApiClient;
let concertationId: string;
const sockets: Socket[] = [];

const roomSocket = async (client: TestApiClient) => {
  const socket = await connectRoom(server.url, client);
  sockets.push(socket);
  return socket;
};
const emit = emitWithAck;

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  const family = await buildFamily(midwife.client);
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
  const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    remote: true,
    agenda: [{ title: 'Plan' }],
    invitedMemberIds: [family.members[0]!.id],
  });
  concertationId = scheduled.body.id;
});
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.dispose();
});

describe('the room checks rights on every event', () => {
  it('a member whose invitation is gone can no longer act in a room she joined, even with no access event', async () => {
    const socket = await roomSocket(mother);
    expect(await emit(socket, 'concertation:join', { concertationId })).toEqual({ ok: true });
    expect(await emit(socket, 'concertation:hand', { concertationId, raised: true })).toEqual({ ok: true });
    const removed = new Promise((resolve) => socket.once('concertation:removed', resolve));
    // Changed behind the server's back (no announcement): only a check at each event can notice.
    await ConcertationModel.updateOne({ _id: concertationId }, { $set: { invitedMemberIds: [] } });
    expect(await emit(socket, 'concertation:reaction', { concertationId, reaction: 'thumbsUp' })).toEqual({
      ok: false,
      error: 'not_found',
    });
    await expect(removed).resolves.toEqual({ concertationId });
    expect(await emit(socket, 'concertation:hand', { concertationId, raised: false })).toEqual({
      ok: false,
      error: 'not_found',
    });
  });
});
