import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const binary = path.resolve(import.meta.dirname, '../../bin/mongo-standin.mjs');
/** How long a start may take before we give up (tsx compiles the stand-in on first start). */
const START_TIMEOUT_MS = 30_000;

/** Options of {@link spawnStandin}. */
export interface StandinProcessOptions {
  /** Data folder (journal and snapshot); without it the data lives in the process's memory only. */
  dataDir?: string;
  /** TCP port; default 0 (a free port, kept for restarts). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Called when the process ends without `stop()` or `kill()` having been asked (a crash). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * A stand-in running in its own process (`bin/mongo-standin.mjs`). It exits when its parent dies (it
 * watches its stdin pipe), so it never outlives the test or server that started it.
 */
export interface StandinProcess {
  /** `mongodb://127.0.0.1:PORT/?replicaSet=rs0`: append a database name after the `/`, or pass `dbName`. */
  readonly uri: string;
  /** The port, the same across restarts. */
  readonly port: number;
  readonly dataDir: string | undefined;
  /** Process id of the current run, undefined while stopped. */
  readonly pid: number | undefined;
  /** Sends `signal` (default SIGKILL: a crash, nothing flushed) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Graceful stop (SIGTERM: the journal is synced, then the process exits). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts a new process on the same port and data folder (after `kill` or `stop`); resolves once it listens. */
  restart(): Promise<void>;
}

interface Run {
  child: ChildProcess;
  exited: Promise<void>;
  expectedExit: boolean;
}

async function launch(options: StandinProcessOptions, port: number): Promise<{ run: Run; uri: string }> {
  const args = [binary, '--port', String(port), '--host', options.host ?? '127.0.0.1', '--watch-stdin'];
  if (options.dataDir) args.push('--dir', options.dataDir);
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let diagnostics = '';
  child.stderr?.on('data', (chunk: Buffer) => (diagnostics = (diagnostics + chunk.toString()).slice(-4000)));
  const run: Run = {
    child,
    expectedExit: false,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  };
  const uriLine = { settled: false };
  child.once('exit', (code, signal) => {
    if (!run.expectedExit && uriLine.settled) options.onUnexpectedExit?.(code, signal);
  });
  const stdout = child.stdout as NonNullable<ChildProcess['stdout']>;
  const uri = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    const timer = setTimeout(() => fail(new Error('did not print its URI in time')), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      lines.close();
      child.kill('SIGKILL');
      reject(new Error(`The MongoDB stand-in failed to start: ${error.message}\n${diagnostics}`));
    };
    lines.once('line', (line) => {
      clearTimeout(timer);
      uriLine.settled = true;
      resolve(line.trim());
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      if (!uriLine.settled) fail(new Error(`exited with ${signal ?? `code ${code}`}`));
    });
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  stdout.resume();
  return { run, uri };
}

/**
 * Starts the stand-in in its own process and resolves once it accepts connections. Tests use
 * `kill()` (SIGKILL) then `restart()` to simulate a database crash or outage on the same data and port.
 */
export async function spawnStandin(options: StandinProcessOptions = {}): Promise<StandinProcess> {
  let { run, uri } = await launch(options, options.port ?? 0);
  const port = Number(new URL(uri.replace(/^mongodb:/, 'http:')).port);
  let current: Run | undefined = run;
  const end = async (signal: NodeJS.Signals) => {
    const ending = current;
    if (!ending) return;
    ending.expectedExit = true;
    if (ending.child.exitCode === null && ending.child.signalCode === null) ending.child.kill(signal);
    await ending.exited;
    if (current === ending) current = undefined;
  };
  return {
    uri,
    port,
    dataDir: options.dataDir,
    get pid() {
      return current?.child.pid;
    },
    kill: (signal = 'SIGKILL') => end(signal),
    stop: () => end('SIGTERM'),
    restart: async () => {
      await end('SIGTERM');
      ({ run, uri } = await launch(options, port));
      current = run;
    },
  };
}
