import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { trackChild } from './cleanup.ts';
import { stopChild } from './childExit.ts';
import { probeFlags } from './probeRequests.ts';

/** A comparison server (the bare relay or Hocuspocus) running in its own process. */
export interface RelayProcess {
  /** `ws://127.0.0.1:<port>`: rooms are paths below it (documents named in messages for Hocuspocus). */
  websocketUrl: string;
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** Forks `entry` (with the memory probe) and waits until it reports the port it listens on. */
function forkServer(entry: string, label: string, environment: NodeJS.ProcessEnv): Promise<RelayProcess> {
  const child = trackChild(
    fork(path.join(import.meta.dirname, entry), [], {
      execArgv: probeFlags,
      env: environment,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${label} exited during start (${code})`)));
    child.on('message', (message: unknown) => {
      const port = (message as { port?: number } | null)?.port;
      if (!port) return;
      clearTimeout(timer);
      resolve({
        websocketUrl: `ws://127.0.0.1:${port}`,
        child,
        pid: child.pid ?? 0,
        stop: () => stopChild(child),
      });
    });
  });
}

/** The stock y-websocket relay (`relayServer.ts`); with `redisUrl`, relaying to its other instances. */
export function startRelay(redisUrl?: string): Promise<RelayProcess> {
  const environment = { ...process.env };
  // Make sure the stock server neither persists (LevelDB) nor calls back: a bare relay.
  delete environment.YPERSISTENCE;
  delete environment.CALLBACK_URL;
  delete environment.REDIS_URL;
  if (redisUrl) environment.REDIS_URL = redisUrl;
  return forkServer('relayServer.ts', 'the relay', environment);
}

/** Hocuspocus 4 (`hocuspocusServer.ts`); with `redisUrl`, its Redis extension joins the other instances. */
export function startHocuspocus(redisUrl?: string): Promise<RelayProcess> {
  const environment = { ...process.env };
  delete environment.REDIS_URL;
  if (redisUrl) environment.REDIS_URL = redisUrl;
  return forkServer('hocuspocusServer.ts', 'Hocuspocus', environment);
}
