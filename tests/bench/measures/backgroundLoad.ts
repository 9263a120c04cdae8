import { pause } from '../workload/clock.ts';
import { CpuMeter } from './processUsage.ts';

/** Cores other processes kept busy while the bench was idle, and how long it waited for them. */
export interface BackgroundLoad {
  cores: number;
  waitedMs: number;
}

async function sampleOneSecond(): Promise<number> {
  const meter = new CpuMeter();
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
