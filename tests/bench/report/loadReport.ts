import type { LoadFigures } from '../workload/editingLoad.ts';
import { printTable, verdict } from './format.ts';
import { loadRows } from './loadCells.ts';

/** Whether this run has the size the targets were set for. */
export interface RunSize {
  spaces: number;
  participants: number;
}

/** Prints Concerto's editing figures next to the bare relay's, with ratios and targets. */
export function printLoadComparison(concerto: LoadFigures, relay: LoadFigures, size: RunSize): void {
  printTable([
    ['', 'Concerto', 'bare relay', 'Concerto / relay'],
    ...loadRows.map((row) => [
      row.label,
      row.cell(concerto),
      row.cell(relay),
      row.ratio?.(concerto, relay) ?? '',
    ]),
  ]);
  console.log('  (per document: growth from idle to the end of the run / documents, connections included)');
  for (const figures of [concerto, relay]) {
    if (figures.cpu.others > 0.25) {
      console.log(
        `  WARNING: other processes used ${figures.cpu.others.toFixed(2)} cores during the ${figures.label} ` +
          'window: its figures are disturbed; run again on a quiet machine.',
      );
    }
  }
  const scope = size.spaces >= 200 && size.participants >= 10 ? '' : ' [targets are for 200 x 10]';
  const throughputRatio = concerto.appliesPerSecond / relay.appliesPerSecond;
  console.log(`  latency p99: ${verdict(concerto.latency.p99 < 50, '< 50 ms')}${scope}`);
  console.log(`  throughput:  ${verdict(throughputRatio >= 0.8, '>= 0.8x the bare relay')}${scope}`);
}
