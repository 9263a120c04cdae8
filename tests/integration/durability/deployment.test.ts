import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startStandin, type Standin } from '../../../tools/mongo-standin/src/index.ts';
import { startFakeStandalone, type FakeStandalone } from '../../support/fakeStandalone.ts';
import { startTestServer } from '../../support/testServer.ts';

describe('the server refuses a database it cannot use safely', () => {
  let fake: FakeStandalone | undefined;
  let standin: Standin | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await fake?.close();
    await standin?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a standalone MongoDB and says how to make it a replica set', async () => {
    fake = await startFakeStandalone();
    await expect(startTestServer({ MONGODB_URI: fake.uri })).rejects.toThrow(
      /standalone server, not a replica set.*--replSet rs0.*rs\.initiate\(\).*replicaSet=rs0/,
    );
  });

  it('refuses to start when an index cannot be built, naming the collection', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-indexes-'));
    standin = await startStandin({ dataDir });
    const client = await MongoClient.connect(`${standin.uri}/?directConnection=true`);
    // Two accounts with one email: the unique index on users.email cannot be built.
    await client
      .db('concerto')
      .collection('users')
      .insertMany([
        { email: 'twice@concerto.test', displayName: 'One' },
        { email: 'twice@concerto.test', displayName: 'Two' },
      ]);
    await client.close();
    await expect(startTestServer({ MONGODB_URI: `${standin.uri}/concerto` })).rejects.toThrow(
      /indexes of the users collection failed: .*duplicate key/,
    );
  });
});
