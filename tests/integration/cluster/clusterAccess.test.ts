import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabCloseCode, roomEvents } from '@concerto/shared';
import { TestApiClient } from '../../support/apiClient.ts';
import { startCluster, type TestCluster } from '../../support/clusterProcesses.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  factoryPassword,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { redisServerInstalled } from '../../support/redisServer.ts';
import { connectRoom, emitWithAck } from '../../support/roomClient.ts';
import { testDeploymentUri, uriWithDatabase } from '../../support/testDatabase.ts';

if (!redisServerInstalled)
  console.warn('cluster tests skipped: redis-server is not installed (apt-get install redis-server)');

let cluster: TestCluster;
let a: string;
let b: string;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let teamNotesId: string;

async function open(url: string, client: TestApiClient, spaceId: string): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(url, spaceId, client.credentials);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 5000, 'first sync');
  return outcome.client;
}

describe.skipIf(!redisServerInstalled)('two instances over Redis share rights, sessions and limits', () => {
  beforeAll(async () => {
    cluster = await startCluster(2);
    [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    await mongoose.connect(uriWithDatabase(testDeploymentUri(), cluster.databaseName));
    midwife = await buildProfessional(a);
    family = await buildFamily(midwife.client);
    teamNotesId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
      (space: { kind: string }) => space.kind === 'teamNotes',
    ).id;
  }, 90_000);
  afterAll(async () => {
    await mongoose.disconnect();
    await cluster?.dispose();
  });

  it('a collaboration token made on one instance opens the websocket on another', async () => {
    const made = await midwife.client.post('/collab/tokens', { spaceId: teamNotesId });
    expect(made.status).toBe(201);
    const outcome = await CollabTestClient.connect(b, teamNotesId, { collabToken: made.body.token });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) outcome.client.close();
  });

  it('removal from the team on instance A closes the socket held on instance B within 1 s', async () => {
    const gp = await buildProfessional(a);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: gp.id });
    const connection = await open(b, gp.client, teamNotesId);
    const removedAt = Date.now();
    expect((await midwife.client.delete(`/families/${family.id}/team/${gp.id}`)).status).toBe(204);
    await waitFor(() => connection.closeCode !== null, 1000, 'close on B after removal on A');
    expect(connection.closeCode).toBe(CollabCloseCode.accessRevoked);
    expect(connection.closedAt! - removedAt).toBeLessThan(1000);
  });

  it('signing out on instance A closes the session’s socket on instance B within 1 s', async () => {
    const colleague = await buildProfessional(a);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: colleague.id });
    const connection = await open(b, colleague.client, teamNotesId);
    const signedOutAt = Date.now();
    await colleague.client.post('/auth/logout');
    await waitFor(() => connection.closeCode !== null, 1000, 'close on B after sign-out on A');
    expect(connection.closeCode).toBe(CollabCloseCode.unauthenticated);
    expect(connection.closedAt! - signedOutAt).toBeLessThan(1000);
  });

  it('failed sign-ins on instance A slow the next attempt on instance B', async () => {
    const target = await buildProfessional(a);
    const attempt = (url: string, password: string) =>
      new TestApiClient(url).post('/auth/login', { email: target.email, password, mode: 'token' });
    for (let failure = 0; failure < 3; failure += 1)
      expect((await attempt(a, 'wrong-password-x')).status).toBe(401);
    const onB = await attempt(b, factoryPassword);
    expect(onB.status).toBe(429);
  });

  it('a change made on instance A reaches the meeting room of a participant connected to instance B', async () => {
    const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Besoins de la famille' }, { title: 'Décisions' }],
    });
    expect(scheduled.status).toBe(201);
    const concertationId: string = scheduled.body.id;
    const socket = await connectRoom(b, midwife.client);
    try {
      expect(await emitWithAck(socket, roomEvents.join, { concertationId })).toEqual({ ok: true });
      const changed = new Promise<unknown>((resolve) => socket.once(roomEvents.changed, resolve));
      expect(
        (await midwife.client.patch(`/concertations/${concertationId}`, { currentAgendaIndex: 1 })).status,
      ).toBe(200);
      expect(await changed).toEqual({ what: 'concertation' });
    } finally {
      socket.disconnect();
    }
  });
});
