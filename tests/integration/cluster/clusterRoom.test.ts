import mongoose from 'mongoose';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { roomEvents, type RoomState } from '@concerto/shared';
import type { TestApiClient } from '../../support/apiClient.ts';
import { startCluster, type TestCluster } from '../../support/clusterProcesses.ts';
import { waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { redisServerInstalled } from '../../support/redisServer.ts';
import { connectRoom, emitWithAck, recordRoom, type RoomRecord } from '../../support/roomClient.ts';
import { testDeploymentUri, uriWithDatabase } from '../../support/testDatabase.ts';

let cluster: TestCluster;
let a: string;
let b: string;
let midwife: BuiltProfessional;
let familyId: string;
const sockets: Socket[] = [];

/** A team member with a session of her own (built on instance A, usable on every instance). */
async function teamMember(): Promise<BuiltProfessional> {
  const colleague = await buildProfessional(a);
  await midwife.client.post(`/families/${familyId}/team`, { professionalId: colleague.id });
  return colleague;
}

/** A fresh meeting of the family: each test has its own room. */
async function newMeeting(): Promise<string> {
  const scheduled = await midwife.client.post(`/families/${familyId}/concertations`, {
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    remote: true,
    agenda: [{ title: 'Besoins de la famille' }, { title: 'Décisions' }],
  });
  expect(scheduled.status).toBe(201);
  return scheduled.body.id;
}

/** Joins the room of `concertationId` through the instance at `url`, recording what it hears. */
async function join(url: string, client: TestApiClient, concertationId: string) {
  const socket = await connectRoom(url, client);
  sockets.push(socket);
  const record = recordRoom(socket);
  expect(await emitWithAck(socket, roomEvents.join, { concertationId })).toEqual({ ok: true });
  const act = (event: string, payload: object) => emitWithAck(socket, event, { concertationId, ...payload });
  return { socket, record, act };
}

const named = (record: RoomRecord, name: string) =>
  record.state?.participants.find((participant) => participant.name === name);
const names = (state: RoomState | null) => state?.participants.map((participant) => participant.name) ?? [];

describe.skipIf(!redisServerInstalled)('the meeting room across instances', () => {
  beforeAll(async () => {
    cluster = await startCluster(2);
    [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    await mongoose.connect(uriWithDatabase(testDeploymentUri(), cluster.databaseName));
    midwife = await buildProfessional(a);
    familyId = (await buildFamily(midwife.client)).id;
  }, 90_000);
  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
  });
  afterAll(async () => {
    await mongoose.disconnect();
    await cluster?.dispose();
  });

  it('participants on two instances see each other, raised hands, reactions, the agenda item and the timer', async () => {
    const gp = await teamMember();
    const concertationId = await newMeeting();
    const onA = await join(a, midwife.client, concertationId);
    const onB = await join(b, gp.client, concertationId);
    await waitFor(() => Boolean(named(onA.record, gp.displayName)), 3000, 'B’s participant listed on A');
    await waitFor(() => Boolean(named(onB.record, midwife.displayName)), 3000, 'A’s participant listed on B');

    expect(await onB.act(roomEvents.hand, { raised: true })).toEqual({ ok: true });
    await waitFor(
      () => named(onA.record, gp.displayName)?.handRaised === true,
      3000,
      'hand raised on B seen on A',
    );

    expect(await onA.act(roomEvents.reaction, { reaction: 'clap' })).toEqual({ ok: true });
    await waitFor(() => onB.record.reactions.length > 0, 3000, 'reaction from A heard on B');
    expect(onB.record.reactions[0]).toMatchObject({ name: midwife.displayName, reaction: 'clap' });

    expect(await onA.act(roomEvents.agenda, { index: 1 })).toEqual({ ok: true });
    expect(await onA.act(roomEvents.timer, { action: 'start' })).toEqual({ ok: true });
    await waitFor(
      () => onB.record.state?.currentAgendaIndex === 1 && onB.record.state.timer.running,
      3000,
      'agenda item and timer moved on A seen on B',
    );

    onB.socket.disconnect();
    await waitFor(() => !named(onA.record, gp.displayName), 3000, 'B’s participant gone from A');
    expect(names(onA.record.state)).toEqual([midwife.displayName]);
  });

  it('removal from the team on instance A takes the room socket held on B out within 1 s; sign-out closes it', async () => {
    const concertationId = await newMeeting();
    const removedOne = await teamMember();
    const signedOut = await teamMember();
    const watcher = await join(a, midwife.client, concertationId);
    const removed = await join(b, removedOne.client, concertationId);
    const leaving = await join(b, signedOut.client, concertationId);
    await waitFor(() => names(watcher.record.state).length === 3, 3000, 'all three in the room');

    const removedAt = Date.now();
    expect((await midwife.client.delete(`/families/${familyId}/team/${removedOne.id}`)).status).toBe(204);
    await waitFor(() => removed.record.removedAt !== null, 1000, 'taken out on B after removal on A');
    expect(removed.record.removedAt! - removedAt).toBeLessThan(1000);
    expect(await removed.act(roomEvents.hand, { raised: true })).toEqual({ ok: false, error: 'not_found' });

    const signedOutAt = Date.now();
    expect((await signedOut.client.post('/auth/logout')).status).toBeLessThan(300);
    await waitFor(
      () => leaving.record.disconnectedAt !== null,
      1000,
      'socket on B closed after sign-out on A',
    );
    expect(leaving.record.sessionEndedAt).not.toBeNull();
    expect(leaving.record.disconnectedAt! - signedOutAt).toBeLessThan(1000);
    await waitFor(
      () => names(watcher.record.state).join() === midwife.displayName,
      3000,
      'both gone from the room seen on A',
    );
  });

  it('kill -9 of an instance: its participants leave the others’ room, and come back through another with their hand and the timer as they were', async () => {
    const victim = await cluster.addInstance();
    const gp = await teamMember();
    const concertationId = await newMeeting();
    const organiser = await join(b, midwife.client, concertationId);
    const doomed = await join(victim.url, gp.client, concertationId);
    expect(await doomed.act(roomEvents.hand, { raised: true })).toEqual({ ok: true });
    expect(await organiser.act(roomEvents.timer, { action: 'start' })).toEqual({ ok: true });
    await waitFor(() => named(organiser.record, gp.displayName)?.handRaised === true, 3000, 'hand seen');
    const timer = organiser.record.state!.timer;

    victim.child.kill('SIGKILL');
    // Its sockets cannot say goodbye: the others notice that the instance stopped proving it lives.
    await waitFor(
      () => !named(organiser.record, gp.displayName),
      10_000,
      'participant of the dead instance gone',
    );

    const back = await join(b, gp.client, concertationId);
    await waitFor(
      () => named(organiser.record, gp.displayName)?.handRaised === true,
      3000,
      'back, hand raised',
    );
    await waitFor(() => back.record.state !== null, 3000, 'state after coming back');
    expect(back.record.state!.timer).toEqual(timer);
    expect(named(back.record, gp.displayName)?.handRaised).toBe(true);
  }, 60_000);

  it('Redis restarted mid-session: no instance crashes, room events and presence resume, and nothing said meanwhile is lost', async () => {
    const gp = await teamMember();
    const concertationId = await newMeeting();
    const onA = await join(a, midwife.client, concertationId);
    const onB = await join(b, gp.client, concertationId);
    await waitFor(
      () => names(onA.record.state).length === 2 && names(onB.record.state).length === 2,
      3000,
      'both in',
    );

    await cluster.redis.stop('SIGKILL');
    // While Redis is away each instance keeps working for its own participants, and stores what they decide.
    expect(await onB.act(roomEvents.hand, { raised: true })).toEqual({ ok: true });
    expect(await onA.act(roomEvents.agenda, { index: 1 })).toEqual({ ok: true });
    expect(names(onB.record.state)).toHaveLength(2);
    await cluster.redis.restart();

    await waitFor(
      () =>
        named(onA.record, gp.displayName)?.handRaised === true && onB.record.state?.currentAgendaIndex === 1,
      10_000,
      'what was done on each side during the outage reaches the other',
    );
    // Each instance writes its participants back when Redis returns: both lists are whole again.
    await waitFor(
      () => names(onA.record.state).length === 2 && names(onB.record.state).length === 2,
      5000,
      'both participants listed on both instances',
    );
    // Told to re-read what they may have missed.
    expect(onA.record.changes).toContain('decisions');
    const reactionsBefore = onB.record.reactions.length;
    await waitFor(
      async () => {
        await onA.act(roomEvents.reaction, { reaction: 'thanks' });
        await new Promise((resolve) => setTimeout(resolve, 200));
        return onB.record.reactions.length > reactionsBefore;
      },
      10_000,
      'reactions cross instances again',
    );
    for (const instance of cluster.instances.slice(0, 2)) expect(instance.child.exitCode).toBeNull();
  }, 40_000);
});
