import { pause } from '../workload/clock.ts';
import { childPids, CpuMeter } from './processUsage.ts';

/** Cores other processes kept busy while the bench was idle, and how long it waited for them. */
export interface BackgroundLoad {
  cores: number;
  waitedMs: number;
}

/** Cores used over the next second by `pids` (all processes of the machine when left out). */
async function sampleOneSecond(pids?: readonly number[]): Promise<number> {
  const meter = new CpuMeter(pids);
  await pause(1000);
  return meter.coresUsed();
}

/**
 * Samples the machine's CPU while the bench is idle, one second at a time, until other processes use
 * less than `quietCores` or `limitMs` passed: figures taken on a busy shared machine say little.
 */
export async function awaitQuietMachine(quietCores: number, limitMs: number): Promise<BackgroundLoad> {
  const startedAt = performance.now();
  let cores = await sampleOneSecond();
  if (cores >= quietCores && limitMs > 0) {
    console.log(
      `  other processes keep ${cores.toFixed(2)} cores busy; waiting up to ${limitMs / 1000} s for quiet...`,
    );
  }
  for (let waited = 0; waited < limitMs / 1000 && cores >= quietCores; waited += 1)
    cores = await sampleOneSecond();
  return { cores, waitedMs: performance.now() - startedAt };
}

/**
 * Waits (within `limitMs`) until a server and its children (its database) use almost no CPU: its
 * background work (documents unloading and compacting) is done. Stopped earlier, a server leaves the
 * compactions still waiting to its next load.
 */
export async function awaitServerIdle(pid: number, limitMs = 60_000): Promise<void> {
  const pids = [pid, ...childPids(pid)];
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) if ((await sampleOneSecond(pids)) < 0.05) return;
}
