import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { TestApiClient } from '../../support/apiClient.ts';
import { startCluster, type TestCluster } from '../../support/clusterProcesses.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { redisServerInstalled } from '../../support/redisServer.ts';
import { testDeploymentUri, uriWithDatabase } from '../../support/testDatabase.ts';

let cluster: TestCluster;
let midwife: BuiltProfessional;
let gp: BuiltProfessional;
let familyId: string;

async function open(
  url: string,
  client: TestApiClient,
  spaceId: string,
  doc?: Y.Doc,
): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(url, spaceId, client.credentials, doc);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 10_000, 'first sync');
  return outcome.client;
}

/** A fresh family's team notes: each test edits its own document. */
async function newSpace(): Promise<string> {
  const family = await buildFamily(midwife.client);
  familyId = family.id;
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: gp.id });
  return (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
    (space: { kind: string }) => space.kind === 'teamNotes',
  ).id;
}

/** Types `count` letters one by one, `pauseMs` apart, calling `during(index)` after each. */
async function type(text: Y.Text, prefix: string, count: number, during?: (index: number) => unknown) {
  for (let index = 0; index < count; index += 1) {
    text.insert(text.length, `${prefix}${index};`);
    await during?.(index);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const typed = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index};`);
const containsAll = (text: string, parts: string[]) => parts.every((part) => text.includes(part));

describe.skipIf(!redisServerInstalled)('a document open on several instances', () => {
  beforeAll(async () => {
    cluster = await startCluster(3, {
      CONCERTO_COLLAB_COMPACT_AFTER: '4',
      CONCERTO_COLLAB_IDLE_UNLOAD_MS: '200',
    });
    await mongoose.connect(uriWithDatabase(testDeploymentUri(), cluster.databaseName));
    midwife = await buildProfessional(cluster.instances[0]!.url);
    gp = await buildProfessional(cluster.instances[0]!.url);
  }, 120_000);
  afterAll(async () => {
    await mongoose.disconnect();
    await cluster?.dispose();
  });

  it('two people co-editing from two instances converge, and a third instance loads it all from the database', async () => {
    const [a, b, c] = cluster.instances.map((instance) => instance.url) as [string, string, string];
    const spaceId = await newSpace();
    const onA = await open(a, midwife.client, spaceId);
    const onB = await open(b, gp.client, spaceId);
    await Promise.all([type(onA.doc.getText('notes'), 'a', 30), type(onB.doc.getText('notes'), 'b', 30)]);
    const expected = [...typed('a', 30), ...typed('b', 30)];
    await waitFor(
      () =>
        onA.doc.getText('notes').toString() === onB.doc.getText('notes').toString() &&
        containsAll(onA.doc.getText('notes').toString(), expected),
      5000,
      'both editors see both texts',
    );
    onA.close();
    onB.close();
    // Both instances unload it (compacting several times on the way, as two writers): C reads the store.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const reader = await open(c, midwife.client, spaceId);
    expect(containsAll(reader.doc.getText('notes').toString(), expected)).toBe(true);
    expect(reader.doc.getText('notes').length).toBe(onA.doc.getText('notes').length);
    reader.close();
  }, 60_000);

  it('presence crosses instances, with the name the server knows', async () => {
    const [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const spaceId = await newSpace();
    const onA = await open(a, midwife.client, spaceId);
    const onB = await open(b, gp.client, spaceId);
    onA.awareness.setLocalState({ user: { name: 'forged', color: '#112233' } });
    await waitFor(
      () =>
        [...onB.awareness.getStates().values()].some(
          (state) => (state as { user?: { name?: string } }).user?.name === midwife.displayName,
        ),
      3000,
      'presence of A seen on B',
    );
    onA.close();
    onB.close();
  });

  it('kill -9 of an instance: its editor reconnects to another, and no edit is lost', async () => {
    const victim = await cluster.addInstance();
    const survivor = cluster.instances[1]!;
    const spaceId = await newSpace();
    const typist = await open(victim.url, midwife.client, spaceId);
    const watcher = await open(survivor.url, gp.client, spaceId);
    const text = typist.doc.getText('notes');
    await type(text, 'k', 40, (index) => index === 30 && victim.child.kill('SIGKILL'));
    await waitFor(() => victim.child.signalCode !== null, 5000, 'instance killed');
    typist.close();
    // The editor's offline copy reconnects to the survivor and hands over what it lacks.
    const reconnected = await open(survivor.url, midwife.client, spaceId, typist.doc);
    await waitFor(
      () => containsAll(watcher.doc.getText('notes').toString(), typed('k', 40)),
      5000,
      'every edit on the survivor',
    );
    reconnected.close();
    watcher.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const fresh = await open(cluster.instances[2]!.url, gp.client, spaceId);
    const stored = fresh.doc.getText('notes').toString();
    expect(containsAll(stored, typed('k', 40))).toBe(true);
    expect(stored.length).toBe(typed('k', 40).join('').length);
    fresh.close();
  }, 60_000);

  it('Redis restarted mid-session: no instance crashes, sync resumes and nothing is lost', async () => {
    const [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const spaceId = await newSpace();
    const onA = await open(a, midwife.client, spaceId);
    const onB = await open(b, gp.client, spaceId);
    await type(onA.doc.getText('notes'), 'before', 5);
    await cluster.redis.stop('SIGKILL');
    // Typed while Redis is away: each instance keeps and stores its own editor's work meanwhile.
    await Promise.all([type(onA.doc.getText('notes'), 'x', 10), type(onB.doc.getText('notes'), 'y', 10)]);
    await cluster.redis.restart();
    await type(onA.doc.getText('notes'), 'after', 5);
    const expected = [...typed('before', 5), ...typed('x', 10), ...typed('y', 10), ...typed('after', 5)];
    await waitFor(
      () =>
        containsAll(onA.doc.getText('notes').toString(), expected) &&
        containsAll(onB.doc.getText('notes').toString(), expected),
      10_000,
      'both editors converge after Redis returns',
    );
    for (const instance of cluster.instances.slice(0, 2)) expect(instance.child.exitCode).toBeNull();
    expect((await midwife.client.get(`/families/${familyId}`)).status).toBe(200);
    onA.close();
    onB.close();
  }, 60_000);
});
