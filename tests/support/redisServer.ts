import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort } from './serverProcess.ts';

/** Whether Debian's `redis-server` is installed (CI installs it; the cluster tests need it). */
export const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;

/** A throwaway `redis-server` of this test file: no persistence, on a free port. */
export interface RedisProcess {
  url: string;
  port: number;
  /** Stops it (`SIGKILL` to cut every connection at once, as a crash would). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, empty (pub/sub and streams keep nothing over a restart). */
  restart(): Promise<void>;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`redis-server did not start on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

/**
 * Starts `redis-server --port P --save '' --appendonly no` and waits until it answers PING;
 * `onLaunch` hears of each process started (the bench ends them however it ends).
 */
export async function startRedis(onLaunch?: (child: ChildProcess) => void): Promise<RedisProcess> {
  const port = await freePort();
  let child = await launch(port);
  onLaunch?.(child);
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      await stop('SIGKILL');
      child = await launch(port);
      onLaunch?.(child);
    },
  };
}
