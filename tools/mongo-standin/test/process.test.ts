import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnStandin, type StandinProcess } from '../src/process/standinProcess.ts';

describe('the stand-in in its own process', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function started(): Promise<StandinProcess> {
    const dataDir = await mkdtemp(join(tmpdir(), 'standin-process-'));
    const standin = await spawnStandin({ dataDir });
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    cleanups.push(() => standin.stop());
    return standin;
  }

  async function withClient<T>(uri: string, work: (client: MongoClient) => Promise<T>): Promise<T> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }

  it('prints a replica-set URI the driver connects to, and keeps its data and port across stop and restart', async () => {
    const standin = await started();
    expect(standin.uri).toBe(`mongodb://127.0.0.1:${standin.port}/?replicaSet=rs0`);
    await withClient(standin.uri, (client) =>
      client.db('app').collection<{ _id: number; text: string }>('notes').insertOne({ _id: 1, text: 'kept' }),
    );
    const firstPid = standin.pid;
    await standin.stop();
    expect(standin.pid).toBeUndefined();
    await standin.restart();
    expect(standin.pid).not.toBe(firstPid);
    const note = await withClient(standin.uri, (client) =>
      client.db('app').collection<{ _id: number; text: string }>('notes').findOne({ _id: 1 }),
    );
    expect(note).toEqual({ _id: 1, text: 'kept' });
  });

  it('can be killed (SIGKILL) and restarted on the same port while a client stays open', async () => {
    const standin = await started();
    const client = new MongoClient(standin.uri, { serverSelectionTimeoutMS: 10_000 });
    cleanups.push(() => client.close());
    await client.db('app').command({ ping: 1 });
    await standin.kill();
    await expect(
      client.db('app').command({ ping: 1 }, { timeoutMS: 500 } as Record<string, unknown>),
    ).rejects.toThrow();
    await standin.restart();
    await expect(client.db('app').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('keeps every acknowledged write when killed with SIGKILL right after the acknowledgement', async () => {
    const standin = await started();
    const client = new MongoClient(standin.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 });
    const notes = client.db('app').collection<{ _id: number; text: string }>('notes');
    // Concurrent writers, so several writes share each group commit.
    await Promise.all(
      Array.from({ length: 10 }, async (_, writer) => {
        for (let n = 0; n < 20; n += 1) await notes.insertOne({ _id: writer * 100 + n, text: `note ${n}` });
      }),
    );
    const session = client.startSession();
    await session.withTransaction(async () => {
      await notes.insertOne({ _id: 5000, text: 'in a transaction' }, { session });
      await notes.updateOne({ _id: 0 }, { $set: { text: 'changed in a transaction' } }, { session });
    });
    await session.endSession();
    await standin.kill('SIGKILL');
    await client.close();

    await standin.restart();
    const count = await withClient(standin.uri, (reader) =>
      reader.db('app').collection('notes').countDocuments(),
    );
    expect(count).toBe(201);
    const changed = await withClient(standin.uri, (reader) =>
      reader.db('app').collection<{ _id: number }>('notes').findOne({ _id: 0 }),
    );
    expect(changed).toMatchObject({ text: 'changed in a transaction' });
  });

  it('reports a start failure with the reason, e.g. a port already taken', async () => {
    const standin = await started();
    await expect(spawnStandin({ port: standin.port })).rejects.toThrow(/failed to start[\s\S]*EADDRINUSE/);
  });
});
