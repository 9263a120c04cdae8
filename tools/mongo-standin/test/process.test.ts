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

  it('reports a start failure with the reason, e.g. a port already taken', async () => {
    const standin = await started();
    await expect(spawnStandin({ port: standin.port })).rejects.toThrow(/failed to start[\s\S]*EADDRINUSE/);
  });
});
