import { countConverged } from '../measures/convergence.ts';
import type { LoadFigures, ServerMemory } from '../workload/editingLoad.ts';
import { bytes, count, ms, times } from './format.ts';

/** One line of the load table: its label, how to show a phase's figure, and how to compare them. */
export interface LoadRow {
  label: string;
  cell: (figures: LoadFigures) => string;
  ratio?: (concerto: LoadFigures, relay: LoadFigures) => string;
  /** Shown only with several instances. */
  severalInstances?: boolean;
}

const rss = (memory: ServerMemory) => memory.procRss;
const heap = (memory: ServerMemory) => memory.heapUsed;
const buffers = (memory: ServerMemory) => memory.external;
const threePercentiles = ({ p50, p95, p99 }: { p50: number; p95: number; p99: number }) =>
  `${ms(p50)} / ${ms(p95)} / ${ms(p99)} ms`;
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Server CPU microseconds spent per remote apply delivered (all instances). */
export function serverCost(figures: LoadFigures): number {
  return (figures.cpu.server * 1e6) / figures.appliesPerSecond;
}

function memoryPath(figures: LoadFigures, pick: (memory: ServerMemory) => number): string {
  const { idle, loaded, end } = figures.memory;
  return `${bytes(pick(idle))} -> ${bytes(pick(loaded))} -> ${bytes(pick(end))}`;
}

/** Growth of one memory figure from idle to the end of the run, per loaded document. */
export function perDocumentGrowth(figures: LoadFigures, key: keyof ServerMemory): number {
  return (figures.memory.end[key] - figures.memory.idle[key]) / figures.documentStates.size;
}

function perDocument(figures: LoadFigures, pick: (memory: ServerMemory) => number): string {
  return bytes((pick(figures.memory.end) - pick(figures.memory.idle)) / figures.documentStates.size);
}

function ratioOf(pick: (figures: LoadFigures) => number): LoadRow['ratio'] {
  return (concerto, relay) => times(pick(concerto) / pick(relay));
}

/** The rows of the load table, in print order. */
export const loadRows: LoadRow[] = [
  {
    label: 'clients synced',
    cell: ({ connected }) =>
      `${connected.synced}/${connected.synced + connected.failed} in ${(connected.elapsedMs / 1000).toFixed(1)} s`,
    ratio: ratioOf((figures) => figures.connected.elapsedMs),
  },
  {
    label: 'edit -> remote apply p50 / p95 / p99',
    cell: (figures) => threePercentiles(figures.latency),
    ratio: (concerto, relay) => `p99 ${times(concerto.latency.p99 / relay.latency.p99)}`,
  },
  {
    label: '... between instances p50 / p95 / p99',
    cell: (figures) => threePercentiles(figures.crossLatency),
    ratio: (concerto, relay) => `p99 ${times(concerto.crossLatency.p99 / relay.crossLatency.p99)}`,
    severalInstances: true,
  },
  {
    label: 'p50 by 5 s of the window (ms)',
    cell: (figures) => figures.latencyBySlice.p50.map(ms).join(', '),
  },
  {
    label: 'p99 by 5 s of the window (ms)',
    cell: (figures) => figures.latencyBySlice.p99.map(ms).join(', '),
  },
  {
    label: 'latency samples (max)',
    cell: ({ latency }) => `${count(latency.count)} (${ms(latency.max)} ms)`,
  },
  {
    label: 'edits sent / s',
    cell: (figures) => count(figures.editsPerSecond),
    ratio: ratioOf((figures) => figures.editsPerSecond),
  },
  {
    label: 'remote applies / s',
    cell: (figures) => count(figures.appliesPerSecond),
    ratio: ratioOf((figures) => figures.appliesPerSecond),
  },
  { label: 'remote applies received / expected', cell: (figures) => percent(figures.delivered) },
  {
    label: 'documents converged (all participants equal)',
    cell: (figures) => Object.values(countConverged(figures.documentStates)).join('/'),
  },
  { label: 'connections lost during the run', cell: (figures) => count(figures.disconnects) },
  { label: '"saving delayed" notices (writes > 2 s)', cell: (figures) => count(figures.savingDelayed) },
  {
    label: 'stores skipped (another instance storing)',
    cell: (figures) => (figures.storesSkipped === undefined ? '' : count(figures.storesSkipped)),
    severalInstances: true,
  },
  {
    label: 'server CPU (cores, all instances)',
    cell: (figures) => figures.cpu.server.toFixed(2),
    ratio: ratioOf((figures) => figures.cpu.server),
  },
  {
    label: 'server CPU by instance (cores)',
    cell: (figures) => figures.cpu.perInstance.map((cores) => cores.toFixed(2)).join(' + '),
    severalInstances: true,
  },
  {
    label: 'database CPU (the stand-in process, cores)',
    cell: (figures) => figures.cpu.database.toFixed(2),
  },
  {
    label: 'server CPU per remote apply',
    cell: (figures) => `${serverCost(figures).toFixed(0)} µs`,
    ratio: ratioOf(serverCost),
  },
  {
    label: 'server event-loop delay p50 / p99 / max',
    cell: ({ eventLoop }) => `${ms(eventLoop.p50)} / ${ms(eventLoop.p99)} / ${ms(eventLoop.max)} ms`,
  },
  { label: 'participant workers CPU (cores)', cell: (figures) => figures.cpu.workers.toFixed(2) },
  {
    label: 'other processes just before / during (cores)',
    cell: (figures) => `${figures.background.cores.toFixed(2)} / ${figures.cpu.others.toFixed(2)}`,
  },
  { label: 'server RSS idle -> connected -> end', cell: (figures) => memoryPath(figures, rss) },
  { label: 'server heap idle -> connected -> end', cell: (figures) => memoryPath(figures, heap) },
  { label: 'server buffers idle -> connected -> end', cell: (figures) => memoryPath(figures, buffers) },
  {
    label: 'RSS per loaded document',
    cell: (figures) => perDocument(figures, rss),
    ratio: ratioOf((figures) => perDocumentGrowth(figures, 'procRss')),
  },
  { label: 'heap per loaded document', cell: (figures) => perDocument(figures, heap) },
];
