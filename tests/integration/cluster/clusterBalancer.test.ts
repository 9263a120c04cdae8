import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomEvents } from '@concerto/shared';
import { TestApiClient } from '../../support/apiClient.ts';
import { nginxInstalled, startBalancer, type Balancer } from '../../support/balancer.ts';
import { startCluster, type TestCluster } from '../../support/clusterProcesses.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { redisServerInstalled } from '../../support/redisServer.ts';
import { connectRoom, emitWithAck, recordRoom } from '../../support/roomClient.ts';
import { testDeploymentUri, uriWithDatabase } from '../../support/testDatabase.ts';

if (!nginxInstalled)
  console.warn('balancer test skipped: nginx is not installed (apt-get install nginx-light)');

let cluster: TestCluster;
let balancer: Balancer;
let midwife: BuiltProfessional;
let familyId: string;
let viaBalancer: TestApiClient;

describe.skipIf(!redisServerInstalled || !nginxInstalled)(
  'the compose file’s nginx in front of two instances',
  () => {
    beforeAll(async () => {
      cluster = await startCluster(2);
      await mongoose.connect(uriWithDatabase(testDeploymentUri(), cluster.databaseName));
      balancer = await startBalancer(cluster.instances.map((instance) => instance.url));
      midwife = await buildProfessional(cluster.instances[0]!.url);
      familyId = (await buildFamily(midwife.client)).id;
      viaBalancer = new TestApiClient(balancer.url, midwife.client.credentials);
    }, 90_000);
    afterAll(async () => {
      balancer?.stop();
      await mongoose.disconnect();
      await cluster?.dispose();
    });

    it('keeps a family’s requests on one instance and balances the others', async () => {
      for (let round = 0; round < 6; round += 1) {
        expect((await viaBalancer.get(`/families/${familyId}`)).status).toBe(200);
        expect((await viaBalancer.get('/me')).status).toBe(200);
      }
      const servedBy = (prefix: string) =>
        new Set(
          balancer
            .routes()
            .filter((route) => route.path.startsWith(prefix))
            .map((route) => route.upstreams[0]),
        );
      expect(servedBy(`/api/families/${familyId}`).size).toBe(1);
      expect(servedBy('/api/me').size).toBe(2);
    });

    it('carries the collaboration websocket and the meeting room’s Socket.io', async () => {
      const spaceId = (await viaBalancer.get(`/families/${familyId}/spaces`)).body[0].id;
      const collab = await CollabTestClient.connect(balancer.url, spaceId, midwife.client.credentials);
      if (!collab.ok) throw new Error(`collaboration refused through nginx: ${collab.status}`);
      await waitFor(() => collab.client.synced, 5000, 'collaboration synced through nginx');
      collab.client.close();

      const scheduled = await viaBalancer.post(`/families/${familyId}/concertations`, {
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        remote: true,
        agenda: [{ title: 'Besoins de la famille' }],
      });
      const concertationId: string = scheduled.body.id;
      const throughBalancer = await connectRoom(
        `${balancer.url}?concertation=${concertationId}`,
        midwife.client,
      );
      const onEach = await Promise.all(
        cluster.instances.map((instance) => connectRoom(instance.url, midwife.client)),
      );
      const heard = onEach.map(recordRoom);
      for (const socket of [throughBalancer, ...onEach])
        expect(await emitWithAck(socket, roomEvents.join, { concertationId })).toEqual({ ok: true });
      expect(
        await emitWithAck(throughBalancer, roomEvents.reaction, { concertationId, reaction: 'clap' }),
      ).toEqual({
        ok: true,
      });
      await waitFor(
        () => heard.every((record) => record.reactions.length > 0),
        3000,
        'reaction on both instances',
      );
      [throughBalancer, ...onEach].forEach((socket) => socket.disconnect());
    });

    it('sends a family’s requests to the other instance once its own is killed', async () => {
      await viaBalancer.get(`/families/${familyId}`);
      const port = balancer
        .routes()
        .filter((route) => route.path === `/api/families/${familyId}`)
        .at(-1)!
        .upstreams[0]!.split(':')[1];
      const victim = cluster.instances.find((instance) => new URL(instance.url).port === port)!;
      victim.child.kill('SIGKILL');
      await waitFor(() => victim.child.signalCode !== null, 5000, 'instance killed');
      expect((await viaBalancer.get(`/families/${familyId}`)).status).toBe(200);
      expect((await viaBalancer.get(`/families/${familyId}`)).status).toBe(200);
    });
  },
);
