import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startServerProcess } from '../../support/serverProcess.ts';
import { spawnStandin } from '../../../tools/mongo-standin/src/process/standinProcess.ts';

const typists = 10;
const outageMs = 15_000;

async function open(url: string, who: BuiltProfessional, spaceId: string): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(url, spaceId, who.client.credentials);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 20_000, 'first sync');
  return outcome.client;
}

describe('the database process stops for 15 s while ten people type', () => {
  it('loses no edit, answers 503 on health meanwhile, logs the outage, and nothing crashes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-fault-'));
    let crashes = 0;
    const standin = await spawnStandin({ dataDir, onUnexpectedExit: () => (crashes += 1) });
    const databaseUri = standin.uri.replace('/?', '/concerto?');
    const server = await startServerProcess({
      MONGODB_URI: databaseUri,
      CONCERTO_SKIP_CLIENT_BUILD: '1',
      CONCERTO_COLLAB_IDLE_UNLOAD_MS: '200',
      LOG_LEVEL: 'debug',
    });
    const typed: string[] = [];
    let typing: NodeJS.Timeout | undefined;
    try {
      // The factories write accounts directly: this process connects to the database for that only.
      await mongoose.connect(databaseUri);
      const midwife = await buildProfessional(server.url);
      await mongoose.disconnect();
      const family = await buildFamily(midwife.client);
      const planId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
        (space: { kind: string }) => space.kind === 'sharedPlan',
      ).id;
      const clients = await Promise.all(
        Array.from({ length: typists }, () => open(server.url, midwife, planId)),
      );
      let round = 0;
      typing = setInterval(() => {
        clients.forEach((client, index) => {
          const word = `w${index}.${round};`;
          const notes = client.doc.getText('notes');
          notes.insert(notes.length, word);
          typed.push(word);
        });
        round += 1;
      }, 250);

      await new Promise((resolve) => setTimeout(resolve, 2000));
      // kill -9: the stand-in journals every write before acknowledging it, so nothing acknowledged is lost.
      await standin.kill();
      const healthDuringOutage: number[] = [];
      const outageEnds = Date.now() + outageMs;
      while (Date.now() < outageEnds) {
        healthDuringOutage.push(
          await fetch(`${server.url}/api/health`).then(
            (response) => response.status,
            () => 0,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await standin.restart();
      await waitFor(
        async () => (await fetch(`${server.url}/api/health`)).status === 200,
        30_000,
        'health 200',
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      clearInterval(typing);
      clients.forEach((client) => client.close());

      await waitFor(
        () => server.output().includes('"msg":"document unloaded"'),
        60_000,
        'the document unloaded once its edits are stored',
      );
      const reader = await open(server.url, midwife, planId);
      const stored = reader.doc.getText('notes').toString();
      reader.close();
      const missing = typed.filter((word) => !stored.includes(word));
      expect(typed.length).toBeGreaterThan(typists * 70);
      expect(missing, `${missing.length} of ${typed.length} edits missing`).toEqual([]);
      // Health says so within two seconds of the kill, and keeps saying so until the database is back.
      expect(healthDuringOutage.length).toBeGreaterThan(8);
      expect(healthDuringOutage.slice(4)).toEqual(healthDuringOutage.slice(4).map(() => 503));
      expect(server.output()).toContain('collaboration edits could not be saved: kept in memory, retrying');
      expect(server.output()).toContain('collaboration edits saved again after the database was unavailable');
      expect(server.child.exitCode).toBeNull();
      expect(standin.pid).toBeDefined();
      expect(crashes).toBe(0);
    } finally {
      clearInterval(typing);
      await server.stop();
      await standin.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
