import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropTestDatabase, testDeploymentUri, uriWithDatabase } from './testDatabase.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** Finds a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real server started as `npm start` does, in its own process. */
export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  /** Its database on the test deployment (dropped at `stop()` unless the caller owns the data folder). */
  databaseName: string;
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; elapsedMs: number }>;
}

/**
 * Starts `server/scripts/start.mjs` on a free port and waits until it answers. Its database on the test
 * deployment is named after its data folder, so a restart on the same folder finds the same data.
 */
export async function startServerProcess(
  environment: Record<string, string> = {},
  options: { dataDir?: string; port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  // A given data folder belongs to the caller (e.g. to restart on it); a temporary one is removed at stop.
  const ownsData = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'concerto-e2e-'));
  const databaseName = `concerto-${path.basename(dataDir)}`;
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'server/scripts/start.mjs')], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CONCERTO_DATA_DIR: dataDir,
      MONGODB_URI: uriWithDatabase(testDeploymentUri(), databaseName),
      NODE_ENV: 'test',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    const ready = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    port,
    dataDir,
    databaseName,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        const startedAt = Date.now();
        child.once('exit', (code) => {
          const elapsedMs = Date.now() - startedAt;
          if (!ownsData) return resolve({ code, elapsedMs });
          rmSync(dataDir, { recursive: true, force: true });
          void dropTestDatabase(databaseName).finally(() => resolve({ code, elapsedMs }));
        });
        child.kill(signal);
      }),
  };
}
