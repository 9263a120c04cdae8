import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../support/serverProcess.ts';
import { stopChild } from './childExit.ts';
import { trackChild } from './cleanup.ts';
import { probeFlags } from './probeRequests.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

/** The real Concerto server, started as `npm start` does, in its own process. */
export interface ConcertoProcess {
  url: string;
  child: ChildProcess;
  pid: number;
  /** Everything the process printed (warnings and errors only at LOG_LEVEL=warn). */
  output(): string;
  /** SIGTERM (graceful: flushes documents, writes the database), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** What the bench sets on the server besides its data folder. */
export interface ConcertoSettings {
  dataDir: string;
  environment: Record<string, string>;
  /** Folder to write a V8 CPU profile of the whole server run into, if any. */
  profileDir?: string;
}

/** Starts `server/scripts/start.mjs` on a free loopback port with the memory probe, waits for health. */
export async function startConcerto(settings: ConcertoSettings): Promise<ConcertoProcess> {
  const port = await freePort();
  const profileFlags = settings.profileDir ? ['--cpu-prof', '--cpu-prof-dir', settings.profileDir] : [];
  const child = trackChild(
    spawn(process.execPath, [...probeFlags, ...profileFlags, 'server/scripts/start.mjs'], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        CONCERTO_SKIP_CLIENT_BUILD: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        CONCERTO_DATA_DIR: settings.dataDir,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        ...settings.environment,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (let ready = false; !ready;) {
    if (child.exitCode !== null) throw new Error(`The server exited during start:\n${output}`);
    if (Date.now() > deadline)
      throw new Error(`The server did not answer /api/health within 60 s:\n${output}`);
    ready = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, child, pid: child.pid ?? 0, output: () => output, stop: () => stopChild(child) };
}
