import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { MongoClient, ObjectId } from 'mongodb';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../../server/src/config.ts';
import { startServer } from '../../../server/src/server.ts';
import { openSynced, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional } from '../../support/factories.ts';
import {
  dropTestDatabase,
  testDeploymentUri,
  uniqueDatabaseName,
  uriWithDatabase,
} from '../../support/testDatabase.ts';

const databaseName = uniqueDatabaseName('concerto-shutdown');
const dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-shutdown-'));

afterAll(async () => {
  await dropTestDatabase(databaseName);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a graceful shutdown', () => {
  it('stores the last edits, who made them and the automatic version before the database closes', async () => {
    // Every warning the server logs is kept: a shutdown must log none.
    const warnings: string[] = [];
    const sink = new Writable({
      write(line: Buffer, _encoding, done) {
        const entry = JSON.parse(String(line)) as { level: number; msg: string; err?: { message: string } };
        if (entry.level >= 40) warnings.push(`${entry.msg} ${entry.err?.message ?? ''}`.trim());
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: uriWithDatabase(testDeploymentUri(), databaseName),
      CONCERTO_DATA_DIR: dataDir,
      // The longest write window: the shutdown below comes before it ends, so the shutdown writes the edit.
      CONCERTO_COLLAB_FLUSH_MS: '250',
    });
    const server = await startServer(config, pino({ level: 'warn' }, sink));
    let stopped = false;
    try {
      const midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
      const family = await buildFamily(midwife.client);
      const planId = (await midwife.client.get(`/families/${family.id}/spaces`)).body.find(
        (space: { kind: string }) => space.kind === 'sharedPlan',
      ).id as string;
      const typist = await openSynced(server.url, planId, midwife.client.credentials);
      typist.doc.getText('notes').insert(0, 'Dernière phrase avant l’arrêt');
      const [document] = await server.collab.registry.loaded();
      await waitFor(
        () => document?.doc.getText('notes').toString() === 'Dernière phrase avant l’arrêt',
        5000,
        'the edit reached the server',
      );

      await server.stop();
      stopped = true;
      typist.close();

      const client = new MongoClient(uriWithDatabase(testDeploymentUri(), databaseName));
      try {
        const database = client.db(databaseName);
        const stored = new Y.Doc();
        for (const record of await database.collection('collabupdates').find({ docName: planId }).toArray())
          Y.applyUpdate(stored, new Uint8Array(record.data.buffer));
        expect(stored.getText('notes').toString()).toBe('Dernière phrase avant l’arrêt');
        const editors = await database.collection('spaceeditors').find({ docName: planId }).toArray();
        expect(editors.map((editor) => editor.name)).toEqual(['Sophie Sage-femme']);
        const versions = await database
          .collection('spaceversions')
          .find({ spaceId: new ObjectId(planId) })
          .toArray();
        expect(versions.map((version) => version.reason)).toEqual(['automatic']);
        const kept = new Y.Doc();
        Y.applyUpdate(kept, new Uint8Array(versions[0]!.state.buffer));
        expect(kept.getText('notes').toString()).toBe('Dernière phrase avant l’arrêt');
      } finally {
        await client.close();
      }
      expect(warnings).toEqual([]);
    } finally {
      if (!stopped) await server.stop();
    }
  }, 60_000);
});
