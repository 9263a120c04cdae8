import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { trackChild } from './cleanup.ts';
import { stopChild } from './childExit.ts';
import { probeFlags } from './probeRequests.ts';

/** The bare y-websocket relay, running in its own process. */
export interface RelayProcess {
  /** `ws://127.0.0.1:<port>`: rooms are paths below it. */
  websocketUrl: string;
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** Forks `relayServer.ts` (with the memory probe) and waits until it listens. */
export function startRelay(): Promise<RelayProcess> {
  const environment = { ...process.env };
  // Make sure the stock server neither persists (LevelDB) nor calls back: a bare relay.
  delete environment.YPERSISTENCE;
  delete environment.CALLBACK_URL;
  const child = trackChild(
    fork(path.join(import.meta.dirname, 'relayServer.ts'), [], {
      execArgv: probeFlags,
      env: environment,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the relay did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the relay exited during start (${code})`)));
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
