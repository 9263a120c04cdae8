import { warmupRuns, type ColdLoadFigures, type ConnectTimes } from '../measures/coldLoad.ts';
import type { LargeDocument } from '../measures/largeDocument.ts';
import type { Percentiles } from '../measures/statistics.ts';
import { bytes, count, ms, printTable, verdict } from './format.ts';

const pair = (times: Percentiles) => `${ms(times.p50)} / ${ms(times.p95)}`;

function connectRow(label: string, times: ConnectTimes): string[] {
  const { total } = times;
  return [label, ms(total.p50), ms(total.p95), ms(total.max), pair(times.open), pair(times.afterOpen)];
}

/** Prints the cold-load times of the large document, warm times and the load alone beside them. */
export function printColdLoad(document: LargeDocument, figures: ColdLoadFigures, runs: number): void {
  console.log(
    `  document: ${bytes(document.stateBytes)} encoded state (${count(document.textLength)} characters, ` +
      `${count(document.edits)} edits by 3 authors, ${bytes(document.updateBytes)} of updates); ${runs} runs each, after ${warmupRuns} untimed cold loads on the server just started`,
  );
  const storeLoad = figures.storeLoad;
  printTable([
    [
      'connect -> first sync complete (ms)',
      'p50',
      'p95',
      'max',
      'ws open p50 / p95',
      'open -> synced p50 / p95',
    ],
    connectRow('cold (unloaded, read from the database)', figures.cold),
    connectRow('warm (already in memory)', figures.warm),
    ...(storeLoad
      ? [['SharedDocument.load alone (in-process)', ms(storeLoad.p50), ms(storeLoad.p95), ms(storeLoad.max)]]
      : []),
  ]);
  console.log('  (ws open: the upgrade with its authentication; the load happens after it, before the sync)');
  console.log(
    '  (the timed clients run in a child process of their own, started for these loads, as a browser tab would)',
  );
  if (!figures.complete) console.log('  WARNING: some clients did not receive the whole text');
  console.log(`  cold load p95: ${verdict(figures.cold.total.p95 < 20, '< 20 ms')}`);
}
