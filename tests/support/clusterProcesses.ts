import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRedis, type RedisProcess } from './redisServer.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';
import { dropTestDatabase } from './testDatabase.ts';

/** Several server processes sharing one database (on the test's stand-in) and one Redis of their own. */
export interface TestCluster {
  redis: RedisProcess;
  instances: ServerProcess[];
  /** The database every instance uses. */
  databaseName: string;
  environment: Record<string, string>;
  /** Starts one more instance on the same database and Redis (e.g. to replace a killed one). */
  addInstance(): Promise<ServerProcess>;
  /** Stops every instance and Redis, drops the database. */
  dispose(): Promise<void>;
}

/** Starts Redis, then `count` instances with `REDIS_URL` and one `CONCERTO_SECRET`. */
export async function startCluster(
  count: number,
  environment: Record<string, string> = {},
): Promise<TestCluster> {
  const redis = await startRedis();
  // One data folder names one database: every instance started on it shares that database.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-cluster-'));
  const shared = {
    REDIS_URL: redis.url,
    CONCERTO_SECRET: 'a test secret shared by every instance of this cluster',
    CONCERTO_SKIP_CLIENT_BUILD: '1',
    ...environment,
  };
  const instances: ServerProcess[] = [];
  const addInstance = async () => {
    const instance = await startServerProcess(shared, { dataDir });
    instances.push(instance);
    return instance;
  };
  // The first builds the indexes and any demo data alone; the others then start together.
  await addInstance();
  await Promise.all(Array.from({ length: count - 1 }, addInstance));
  return {
    redis,
    instances,
    databaseName: instances[0]!.databaseName,
    environment: shared,
    addInstance,
    dispose: async () => {
      await Promise.all(
        instances
          .filter((instance) => instance.child.exitCode === null && instance.child.signalCode === null)
          .map((instance) => instance.stop()),
      );
      await redis.stop();
      await dropTestDatabase(instances[0]!.databaseName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
