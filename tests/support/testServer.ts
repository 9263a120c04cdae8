import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startServer, type RunningServer } from '../../server/src/server.ts';
import { dropTestDatabase, testDeploymentUri, uniqueDatabaseName, uriWithDatabase } from './testDatabase.ts';

/** A real Concerto server on a free port, on its own database of the test deployment (see `testDatabase.ts`). */
export interface TestServer extends RunningServer {
  dataDir: string;
  databaseName: string;
  /** Stops the server, drops its database and deletes its data folder. */
  dispose(): Promise<void>;
}

/** Starts a real server for a test file; pass environment overrides to test other configurations. */
export async function startTestServer(environment: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concerto-test-'));
  const databaseName = uniqueDatabaseName('concerto-test');
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: uriWithDatabase(testDeploymentUri(), databaseName),
    CONCERTO_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...environment,
  });
  const server = await startServer(config, createLogger(config.logLevel));
  return {
    ...server,
    dataDir,
    databaseName,
    dispose: async () => {
      await server.stop();
      await dropTestDatabase(databaseName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
