import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { startStandin } from '../src/index.ts';
import { caught } from './standin-harness.ts';

describe('MongoDB stand-in: connecting', () => {
  it('works with the bare uri plus dbName, as the server connects, and presents a replica-set primary', async () => {
    const standin = await startStandin();
    expect(standin.uri).toBe(`mongodb://127.0.0.1:${standin.port}`);
    const connection = await mongoose
      .createConnection(standin.uri, { dbName: 'bare', serverSelectionTimeoutMS: 2000 })
      .asPromise();
    const db = connection.db;
    if (!db) throw new Error('not connected');
    const hello = await db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      setName: 'rs0',
      hosts: [`127.0.0.1:${standin.port}`],
      logicalSessionTimeoutMinutes: 30,
      minWireVersion: 0,
      ok: 1,
    });
    expect(hello['maxWireVersion']).toBeGreaterThanOrEqual(9);
    expect(await db.admin().command({ buildInfo: 1 })).toMatchObject({ version: '8.0.0', ok: 1 });
    expect(await db.admin().command({ getParameter: 1, featureCompatibilityVersion: 1 })).toMatchObject({
      featureCompatibilityVersion: { version: '8.0' },
    });
    expect((await caught(() => db.admin().command({ getParameter: 1, noSuchKnob: 1 })))['code']).toBe(72);

    // Transactions work without directConnection too (the driver discovered a replica set).
    const session = await connection.startSession();
    await session.withTransaction(async () => {
      await db.collection('things').insertOne({ inTransaction: true }, { session });
    });
    await session.endSession();
    expect(await db.collection('things').countDocuments()).toBe(1);

    await connection.close();
    // close is a plain function (callers keep a reference to it) and safe to call twice.
    const { close } = standin;
    await close();
    await close();
  });
});
