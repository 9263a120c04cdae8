import type { LoadFigures } from '../workload/editingLoad.ts';
import { printTable, times, verdict } from './format.ts';
import { loadRows, perDocumentGrowth, serverCost } from './loadCells.ts';

/** Whether this run has the size the targets were set for. */
export interface RunSize {
  spaces: number;
  participants: number;
  instances: number;
  durationSeconds: number;
}

/** One target of issue 16: Concerto's figure over the relay's, at most (or at least) `limit`. */
export interface RatioTarget {
  label: string;
  figure: (figures: LoadFigures) => number;
  limit: number;
  /** Higher is better (throughput): the ratio must be at least the limit, and level with Hocuspocus'. */
  higherIsBetter?: boolean;
}

/** Issue 16's targets, each a ratio to the relay of the same round. */
export const ratioTargets: RatioTarget[] = [
  { label: 'server CPU per remote apply', figure: serverCost, limit: 1.25 },
  { label: 'edit -> remote apply p99', figure: (figures) => figures.latency.p99, limit: 2 },
  { label: 'RSS per loaded document', figure: (figures) => perDocumentGrowth(figures, 'procRss'), limit: 2 },
  { label: 'clients connected in', figure: (figures) => figures.connected.elapsedMs, limit: 1.5 },
  {
    label: 'throughput (remote applies / s)',
    figure: (figures) => figures.appliesPerSecond,
    limit: 0.95,
    higherIsBetter: true,
  },
];

/**
 * Concerto's ratio and Hocuspocus' (if measured) against one target: `PASS` when within the limit and
 * ahead of Hocuspocus, with the text that says so.
 */
export function judgeTarget(target: RatioTarget, ratio: number, peer: number | undefined): string {
  const withinLimit = target.higherIsBetter ? ratio >= target.limit : ratio <= target.limit;
  // Throughput is the clients' pace when every server keeps up: within 5 % of the peer counts as level.
  const ahead = peer === undefined || (target.higherIsBetter ? ratio >= peer - 0.05 : ratio <= peer);
  const bound = `${target.higherIsBetter ? '>=' : '<='} ${target.limit}x the relay`;
  const peerText = peer === undefined ? '' : `; Hocuspocus ${times(peer)}: ${ahead ? 'ahead' : 'BEHIND'}`;
  return `${times(ratio)} ${verdict(withinLimit && ahead, bound)}${peerText}`;
}

function printTargets(concerto: LoadFigures, relay: LoadFigures, hocuspocus: LoadFigures | undefined): void {
  for (const target of ratioTargets) {
    const ratio = target.figure(concerto) / target.figure(relay);
    const peer = hocuspocus ? target.figure(hocuspocus) / target.figure(relay) : undefined;
    console.log(`  ${target.label}: ${judgeTarget(target, ratio, peer)}`);
  }
}

/** A warning when the run is smaller than the one the targets were set for. */
export function sizeNote(size: RunSize): string {
  const full = size.spaces >= 200 && size.participants >= 10 && size.instances === 1;
  return full ? '' : ' [targets are for 200 x 10 on one instance]';
}

/**
 * Prints each target's editing figures next to the bare relay's, with each one's ratio to the relay,
 * then issue 16's targets for Concerto (against the relay, and ahead of Hocuspocus on each).
 */
export function printLoadComparison(
  concerto: LoadFigures,
  relay: LoadFigures,
  hocuspocus: LoadFigures | undefined,
  size: RunSize,
  scopeText = 'in this run',
): void {
  const columns = hocuspocus ? [concerto, hocuspocus] : [concerto];
  const rows = loadRows.filter((row) => size.instances > 1 || !row.severalInstances);
  printTable([
    [
      '',
      ...columns.map((figures) => figures.label),
      relay.label,
      ...columns.map((f) => `${f.label} / relay`),
    ],
    ...rows.map((row) => [
      row.label,
      ...columns.map((figures) => row.cell(figures)),
      row.cell(relay),
      ...columns.map((figures) => row.ratio?.(figures, relay) ?? ''),
    ]),
  ]);
  console.log('  (per document: growth from idle to the end of the run / documents, connections included)');
  for (const figures of [...columns, relay]) {
    if (figures.meteredMs < 0.8 * size.durationSeconds * 1000) {
      console.log(
        `  WARNING: the CPU of the ${figures.label} window was metered over ${(figures.meteredMs / 1000).toFixed(1)} s ` +
          `of ${size.durationSeconds} s (its server answered the probe late): its CPU figures are not valid.`,
      );
    }
    if (figures.cpu.others > 0.25) {
      console.log(
        `  WARNING: other processes used ${figures.cpu.others.toFixed(2)} cores during the ${figures.label} ` +
          'window: its figures are disturbed; run again on a quiet machine.',
      );
    }
  }
  console.log(`  Targets (issue 16), Concerto against the relay ${scopeText}${sizeNote(size)}:`);
  printTargets(concerto, relay, hocuspocus);
}
