import type { ChildProcess } from 'node:child_process';
import { convergedStates } from '../measures/convergence.ts';
import { awaitQuietMachine, type BackgroundLoad } from '../measures/backgroundLoad.ts';
import { residentBytes } from '../measures/processUsage.ts';
import { concatSamples, percentileBySlice, percentilesOf, type Percentiles } from '../measures/statistics.ts';
import { WindowMeter, monotonicMicroseconds, type WindowUsage } from '../measures/windowMeter.ts';
import { sampleMemory, type MemorySample } from '../processes/probeRequests.ts';
import { epochNow, pause } from './clock.ts';
import type { ClientProtocol, ParticipantPlan } from './workerMessages.ts';
import { WorkerPool } from './workerPool.ts';

/** A collaboration server under load, on one or more instances: Concerto, the bare relay or Hocuspocus. */
export interface LoadTarget {
  label: string;
  protocol: ClientProtocol;
  /** Its instances' processes, in the order of the plans' `instance`. */
  servers: ChildProcess[];
  /** The database's processes when it is not a child of the server (several instances share one). */
  databasePids?: number[];
  /**
   * Who connects where. A function is called once the machine is quiet, just before the connections:
   * Concerto's collaboration tokens live one minute, and the wait for quiet may last as long.
   */
  plans: ParticipantPlan[] | (() => Promise<ParticipantPlan[]>);
}

/** How hard and how long to edit. */
export interface LoadSettings {
  workers: number;
  documents: number;
  warmupMs: number;
  durationMs: number;
  pauseMs: { min: number; max: number };
  quietWaitMs: number;
}

/** Memory of the server process: `/proc` RSS and the probe's heap after a full collection. */
export interface ServerMemory extends MemorySample {
  procRss: number;
}

/** What one editing phase measured. */
export interface LoadFigures extends WindowUsage {
  label: string;
  connected: { synced: number; failed: number; elapsedMs: number };
  /** The connection of every participant on the monotonic clock, in microseconds (to cut a CPU profile). */
  connectWindow: { from: number; until: number };
  latency: Percentiles;
  /** Latency between participants connected to different instances (no samples with one instance). */
  crossLatency: Percentiles;
  /** p50 and p99 latency of each 5 s slice of the window: steady, or a queue building up? */
  latencyBySlice: { p50: number[]; p99: number[] };
  editsPerSecond: number;
  appliesPerSecond: number;
  /** Remote applies received for edits sent in the window, over (edits sent x other participants). */
  delivered: number;
  editsTotal: number;
  updateBytes: number;
  disconnects: number;
  savingDelayed: number;
  /** Hocuspocus over Redis: stores skipped because another instance was storing the document. */
  storesSkipped?: number;
  /** Per space, the state vector its participants converged on (null: they disagree). */
  documentStates: Map<string, string | null>;
  memory: { idle: ServerMemory; loaded: ServerMemory; end: ServerMemory };
  /** What other processes used just before the phase (after waiting, within limits, for quiet). */
  background: BackgroundLoad;
}

/** Memory of all the target's instances, added up. */
async function memoryOf(servers: readonly ChildProcess[]): Promise<ServerMemory> {
  const samples = await Promise.all(
    servers.map(async (server) => ({
      ...(await sampleMemory(server)),
      procRss: residentBytes(server.pid ?? 0),
    })),
  );
  const sum = (pick: (sample: ServerMemory) => number) =>
    samples.reduce((total, sample) => total + pick(sample), 0);
  return {
    rss: sum((sample) => sample.rss),
    heapUsed: sum((sample) => sample.heapUsed),
    external: sum((sample) => sample.external),
    procRss: sum((sample) => sample.procRss),
  };
}

/** Connects every participant, lets them edit for the warm-up and the window, and collects the figures. */
export async function runEditingLoad(target: LoadTarget, settings: LoadSettings): Promise<LoadFigures> {
  const background = await awaitQuietMachine(0.25, settings.quietWaitMs);
  const idle = await memoryOf(target.servers);
  const plans = typeof target.plans === 'function' ? await target.plans() : target.plans;
  const pool = WorkerPool.start(settings.workers);
  try {
    const connectFrom = monotonicMicroseconds();
    const connected = await pool.connect(plans, {
      protocol: target.protocol,
      concurrency: 25,
      timeoutMs: 50_000,
    });
    const connectWindow = { from: connectFrom, until: monotonicMicroseconds() };
    if (connected.failed > 0)
      console.warn(`  ${target.label}: ${connected.failed} participants did not sync`);
    const loaded = await memoryOf(target.servers);
    const startAt = epochNow() + 500;
    const measureFrom = startAt + settings.warmupMs;
    const measureUntil = measureFrom + settings.durationMs;
    pool.edit({ startAt, measureFrom, measureUntil, pauseMs: settings.pauseMs });
    const meter = new WindowMeter(target.servers, pool.pids, target.databasePids);
    await pause(measureFrom - epochNow());
    await meter.start();
    await pause(measureUntil - epochNow());
    const usage = await meter.stop();
    const results = await pool.stop(10_000);
    const end = await memoryOf(target.servers);
    const sum = (pick: (result: (typeof results)[number]) => number) =>
      results.reduce((total, result) => total + pick(result), 0);
    const seconds = settings.durationMs / 1000;
    const latencies = concatSamples(results.map((result) => result.latencies));
    const sentOffsets = concatSamples(results.map((result) => result.sentOffsets));
    const bySlice = (fraction: number) =>
      percentileBySlice(latencies, sentOffsets, 5000, settings.durationMs, fraction);
    const othersPerEdit = plans.length / settings.documents - 1;
    return {
      label: target.label,
      connected,
      connectWindow,
      latency: percentilesOf(latencies),
      crossLatency: percentilesOf(concatSamples(results.map((result) => result.crossLatencies))),
      latencyBySlice: { p50: bySlice(0.5), p99: bySlice(0.99) },
      editsPerSecond: sum((result) => result.editsInWindow) / seconds,
      appliesPerSecond: sum((result) => result.appliesInWindow) / seconds,
      delivered: latencies.length / Math.max(1, sum((result) => result.editsInWindow) * othersPerEdit),
      editsTotal: sum((result) => result.editsTotal),
      updateBytes: sum((result) => result.updateBytes),
      disconnects: sum((result) => result.disconnects),
      savingDelayed: sum((result) => result.savingDelayed),
      documentStates: convergedStates(results.flatMap((result) => result.stateVectors)),
      memory: { idle, loaded, end },
      ...usage,
      background,
    };
  } finally {
    await pool.close();
  }
}
