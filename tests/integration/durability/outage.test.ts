import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { SavingState, savingMessageType } from '@concerto/shared';
import { startStandin, type Standin } from '../../../tools/mongo-standin/src/index.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

/** The saving states a client was told, in order. */
function savingStates(client: CollabTestClient): number[] {
  return client.received
    .map((message) => decoding.createDecoder(message))
    .filter((decoder) => decoding.readVarUint(decoder) === savingMessageType)
    .map((decoder) => decoding.readVarUint(decoder));
}

async function open(server: TestServer, who: BuiltProfessional, spaceId: string): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(server.url, spaceId, who.client.credentials);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 10_000, 'first sync');
  return outcome.client;
}

describe('a database outage while people type', () => {
  let dataDir: string;
  let standin: Standin;
  let server: TestServer;
  let midwife: BuiltProfessional;
  let planId: string;
  const startedAt = Date.now();
  const log = (what: string) => console.log(`${Date.now() - startedAt} ms ${what}`);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-outage-'));
    standin = await startStandin({ dataDir });
    server = await startTestServer({
      MONGODB_URI: `${standin.uri}/concerto`,
      CONCERTO_COLLAB_IDLE_UNLOAD_MS: '100',
    });
    midwife = await buildProfessional(server.url);
    const family = await buildFamily(midwife.client);
    planId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
      (space: { kind: string }) => space.kind === 'sharedPlan',
    ).id;
  });
  afterAll(async () => {
    await server?.dispose();
    await standin?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every edit, answers 503 meanwhile, and tells editors saving is delayed', async () => {
    const typists = await Promise.all(Array.from({ length: 3 }, () => open(server, midwife, planId)));
    const typed: string[] = [];
    let phase = 'before';
    let round = 0;
    const typing = setInterval(() => {
      typists.forEach((typist, index) => {
        const word = `${phase}-${index}-${round};`;
        typist.doc.getText('notes').insert(typist.doc.getText('notes').length, word);
        typed.push(word);
      });
      round += 1;
    }, 100);
    try {
      await new Promise((resolve) => setTimeout(resolve, 800));
      log('stopping the stand-in');
      const port = standin.port;
      await standin.close();
      phase = 'during';
      await waitFor(
        async () => (await fetch(`${server.url}/api/health`)).status === 503,
        15_000,
        'health 503',
      );
      log('health 503');
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'unavailable', db: 'down' });
      const families = await midwife.client.get('/families');
      log(`REST ${families.status}`);
      expect(families.status).toBe(503);
      expect(families.headers.get('retry-after')).toBe('5');
      expect(families.body.error.code).toBe('database_unavailable');
      await waitFor(
        () => typists.every((typist) => savingStates(typist).includes(SavingState.delayed)),
        15_000,
        'saving delayed',
      );
      log('editors told');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      standin = await startStandin({ dataDir, port });
      log('stand-in back');
      phase = 'after';
      await waitFor(
        async () => (await fetch(`${server.url}/api/health`)).status === 200,
        20_000,
        'health 200',
      );
      log('health 200');
      await waitFor(
        () => typists.every((typist) => savingStates(typist).at(-1) === SavingState.saved),
        20_000,
        'saved again',
      );
      log('saved again');
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      clearInterval(typing);
    }
    typists.forEach((typist) => typist.close());
    await waitFor(async () => (await server.collab.registry.loaded()).length === 0, 20_000, 'unloaded');
    const reader = await open(server, midwife, planId);
    const stored = reader.doc.getText('notes').toString();
    const missing = typed.filter((word) => !stored.includes(word));
    log(`${typed.length} words typed, ${missing.length} missing`);
    expect(missing).toEqual([]);
    reader.close();
  }, 90_000);
});
