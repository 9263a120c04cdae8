import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A MongoDB stand-in running in its own process (so a test can `kill -9` it and start it again). */
export interface StandinProcess {
  uri: string;
  child: ChildProcess;
  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a stand-in process on `port` over `dataDir`, resolving once it prints its URI. */
export function startStandinProcess(port: number, dataDir: string): Promise<StandinProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'standinChild.ts'), String(port), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) =>
      resolve({
        uri: chunk.toString().trim(),
        child,
        kill: (signal = 'SIGKILL') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      }),
    );
  });
}
