import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabUpdateModel } from '../../../server/src/models/collabUpdate.ts';
import { signIn, type TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startServerProcess } from '../../support/serverProcess.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';
import { dropTestDatabase } from '../../support/testDatabase.ts';

async function open(
  baseUrl: string,
  client: TestApiClient,
  spaceId: string,
  doc?: Y.Doc,
): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(baseUrl, spaceId, client.credentials, doc);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 10_000, 'first sync');
  return outcome.client;
}

describe('in-process persistence', () => {
  let server: TestServer;
  let midwife: BuiltProfessional;
  let planId: string;

  beforeAll(async () => {
    server = await startTestServer({
      CONCERTO_COLLAB_COMPACT_AFTER: '5',
      CONCERTO_COLLAB_IDLE_UNLOAD_MS: '50',
    });
    midwife = await buildProfessional(server.url);
    const family = await buildFamily(midwife.client);
    planId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
      (space: { kind: string }) => space.kind === 'sharedPlan',
    ).id;
  });
  afterAll(() => server.dispose());

  it('concurrent first connections share one load: stored text appears once', async () => {
    const seed = await open(server.url, midwife.client, planId);
    seed.doc.getText('notes').insert(0, 'loaded once');
    await server.collab.registry.flushAll();
    seed.close();
    await waitFor(async () => (await server.collab.registry.loaded()).length === 0, 3000, 'idle unload');
    const clients = await Promise.all(
      Array.from({ length: 6 }, () => open(server.url, midwife.client, planId)),
    );
    for (const client of clients) expect(client.doc.getText('notes').toString()).toBe('loaded once');
    expect(
      (await server.collab.registry.loaded()).filter((document) => document.name === planId),
    ).toHaveLength(1);
    clients.forEach((client) => client.close());
  });

  it('writes each batch within the window, compacts past the threshold, and unloads idle documents', async () => {
    const client = await open(server.url, midwife.client, planId);
    const text = client.doc.getText('compaction');
    for (let round = 0; round < 12; round += 1) {
      text.insert(text.length, `${round};`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await server.collab.registry.flushAll();
    const records = await CollabUpdateModel.countDocuments({ docName: planId });
    expect(records).toBeLessThanOrEqual(5);
    expect(await CollabUpdateModel.countDocuments({ docName: planId, kind: 'snapshot' })).toBe(1);
    client.close();
    await waitFor(async () => (await server.collab.registry.loaded()).length === 0, 3000, 'idle unload');
    const reader = await open(server.url, midwife.client, planId);
    expect(reader.doc.getText('compaction').toString()).toBe(
      Array.from({ length: 12 }, (_, round) => `${round};`).join(''),
    );
    reader.close();
  });

  it('projects plan actions so "my actions" lists them without opening documents', async () => {
    const client = await open(server.url, midwife.client, planId);
    const action = new Y.Map<unknown>();
    client.doc.getArray('actions').push([action]);
    action.set('id', 'action-1');
    action.set('what', 'Prendre rendez-vous à la maternité');
    action.set('owner', { kind: 'professional', id: midwife.id, name: midwife.displayName });
    action.set('dueDate', '2027-01-15');
    action.set('status', 'todo');
    await waitFor(
      async () => (await midwife.client.get('/me/actions')).body.length === 1,
      5000,
      'projection',
    );
    const [listed] = (await midwife.client.get('/me/actions')).body;
    expect(listed).toMatchObject({
      id: 'action-1',
      what: 'Prendre rendez-vous à la maternité',
      dueDate: '2027-01-15',
      familyLabel: 'Famille Test',
    });
    action.set('status', 'done');
    await waitFor(
      async () => (await midwife.client.get('/me/actions')).body.length === 0,
      5000,
      'done actions leave the list',
    );
    client.close();
  });
});

describe('kill -9 during typing', () => {
  it('loses nothing once the client reconnects, and duplicates nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-kill-'));
    const environment = { CONCERTO_DEMO_DATA: 'true', CONCERTO_SKIP_CLIENT_BUILD: '1' };
    let server = await startServerProcess(environment, { dataDir });
    try {
      const midwife = await signIn(server.url, 'sophie.lambert@concerto.demo', 'concerto-demo');
      const families = (await midwife.get('/families')).body;
      const familyId = families[0].id;
      const planId = (await midwife.get(`/families/${familyId}/spaces`)).body.find(
        (space: { kind: string }) => space.kind === 'sharedPlan',
      ).id;
      const typist = await open(server.url, midwife, planId);
      const text = typist.doc.getText('notes');
      let expected = '';
      for (let index = 0; index < 60; index += 1) {
        const letter = String.fromCharCode(97 + (index % 26));
        text.insert(text.length, letter);
        expected += letter;
        if (index === 40) server.child.kill('SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      await waitFor(
        () => server.child.exitCode !== null || server.child.signalCode !== null,
        5000,
        'server killed',
      );
      typist.close();

      server = await startServerProcess(environment, { dataDir, port: server.port });
      const again = await signIn(server.url, 'sophie.lambert@concerto.demo', 'concerto-demo');
      // The typist's offline copy reconnects and restores what the server had not written yet.
      const reconnected = await open(server.url, again, planId, typist.doc);
      await new Promise((resolve) => setTimeout(resolve, 400));
      reconnected.close();
      const fresh = await open(server.url, again, planId);
      await waitFor(
        () => fresh.doc.getText('notes').toString().length >= expected.length,
        5000,
        'restored text',
      );
      expect(fresh.doc.getText('notes').toString()).toBe(expected);
      fresh.close();
    } finally {
      await server.stop();
      await dropTestDatabase(server.databaseName);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
