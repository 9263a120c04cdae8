import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { startStandin, type Standin } from '../src/index.ts';
import { connectTo, nativeDb } from './standin-harness.ts';

describe('MongoDB stand-in: TTL indexes', () => {
  let standin: Standin;
  let connection: Connection;
  beforeAll(async () => {
    standin = await startStandin({ ttlMonitorIntervalMs: 50 });
    connection = await connectTo(standin, 'ttl');
  });
  afterAll(async () => {
    await connection.close();
    await standin.close();
  });

  it('removes documents whose date is past the TTL, as mongod does, and keeps the others', async () => {
    const sessions = nativeDb(connection).collection('sessions');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 60 });
    await sessions.insertMany([
      { name: 'expired', expiresAt: new Date(Date.now() - 61_000) },
      { name: 'fresh', expiresAt: new Date() },
      { name: 'not a date', expiresAt: 'tomorrow' },
      { name: 'no field' },
    ]);
    await expect
      .poll(async () => (await sessions.find({}).toArray()).map((document) => document['name']).sort())
      .toEqual(['fresh', 'no field', 'not a date']);
    const ttlIndex = (await sessions.listIndexes().toArray()).find(
      (index) => index['name'] === 'expiresAt_1',
    );
    expect(ttlIndex?.['expireAfterSeconds']).toBe(60);
  });
});
