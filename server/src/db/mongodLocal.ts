import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Logger } from 'pino';

/** How long to skip new download attempts after one failed (the network is often closed on these machines). */
const downloadRetryDelayMs = 24 * 60 * 60 * 1000;

function systemMongodBinary(): string | undefined {
  if (process.env.MONGOMS_SYSTEM_BINARY) return process.env.MONGOMS_SYSTEM_BINARY;
  try {
    return execFileSync('which', ['mongod'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A running local mongod (a one-node replica set, so transactions work) with its data in `.data/mongo`. */
export interface LocalMongod {
  uri: string;
  stop(): Promise<void>;
}

/**
 * Starts a local mongod through mongodb-memory-server-core, keeping data across restarts.
 * Returns undefined, after logging why, when no binary can be found or downloaded.
 */
export async function startLocalMongod(dataDir: string, logger: Logger): Promise<LocalMongod | undefined> {
  const marker = path.join(dataDir, 'mongod-download-failed');
  const systemBinary = systemMongodBinary();
  if (!systemBinary && existsSync(marker)) {
    const failedAt = Number(readFileSync(marker, 'utf8'));
    if (Date.now() - failedAt < downloadRetryDelayMs) return undefined;
  }
  const dbPath = path.join(dataDir, 'mongo');
  mkdirSync(dbPath, { recursive: true });
  // The library prints its own stack trace when the download fails; we log one clear line instead.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
    const replicaSet = await MongoMemoryReplSet.create({
      binary: systemBinary ? { systemBinary } : {},
      replSet: { count: 1, storageEngine: 'wiredTiger', name: 'concerto' },
      instanceOpts: [{ dbPath }],
    });
    return {
      uri: replicaSet.getUri(),
      stop: async () => {
        await replicaSet.stop({ doCleanup: false, force: false });
      },
    };
  } catch (error) {
    logger.info({ reason: (error as Error).message.split('\n')[0] }, 'no local mongod available');
    if (!systemBinary) writeFileSync(marker, String(Date.now()));
    return undefined;
  } finally {
    console.error = consoleError;
  }
}
