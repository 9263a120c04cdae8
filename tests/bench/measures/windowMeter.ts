import type { ChildProcess } from 'node:child_process';
import {
  resetEventLoopDelay,
  sampleEventLoopDelay,
  type EventLoopDelay,
} from '../processes/probeRequests.ts';
import { childPids, CpuMeter } from './processUsage.ts';

/** What the machine did during a measured window. */
export interface WindowUsage {
  /**
   * Cores used by the server, by its database (the stand-in process it started, 0 on MONGODB_URI), by all
   * participant workers, by everything else (other engineers' work...).
   */
  cpu: { server: number; database: number; workers: number; others: number; perInstance: number[] };
  /** The server's event-loop delay (the worst instance's): how long its work waited behind other work. */
  eventLoop: EventLoopDelay;
  /** The window on the monotonic clock, in microseconds (to cut a CPU profile). */
  monotonicWindow: { from: number; until: number };
  /** How long the CPU was metered: shorter than the window when a saturated server answered its probe late. */
  meteredMs: number;
}

/** Microseconds on the monotonic clock, which V8's CPU profiles use (all processes of the machine share it). */
export const monotonicMicroseconds = () => Number(process.hrtime.bigint() / 1000n);

/** The worst of several instances' event-loop delays, figure by figure. */
function worstDelay(delays: readonly EventLoopDelay[]): EventLoopDelay {
  return {
    p50: Math.max(...delays.map((delay) => delay.p50)),
    p99: Math.max(...delays.map((delay) => delay.p99)),
    max: Math.max(...delays.map((delay) => delay.max)),
  };
}

/**
 * Measures CPU use and the servers' event-loop delay from `start()` to `stop()`. The database is the
 * stand-in: a child of the server when it started it, or a process of its own (`databasePids`).
 */
export class WindowMeter {
  private instances: CpuMeter[] = [];
  private database!: CpuMeter;
  private workers!: CpuMeter;
  private machine!: CpuMeter;
  private bench = process.cpuUsage();
  private from = 0;
  private startedAt = 0;

  constructor(
    private readonly servers: readonly ChildProcess[],
    private readonly workerPids: readonly number[],
    private readonly databasePids?: readonly number[],
  ) {}

  /** Opens the window. */
  async start(): Promise<void> {
    await Promise.all(this.servers.map((server) => resetEventLoopDelay(server)));
    this.instances = this.servers.map((server) => new CpuMeter([server.pid ?? 0]));
    this.database = new CpuMeter(
      this.databasePids ?? this.servers.flatMap((server) => childPids(server.pid ?? 0)),
    );
    this.workers = new CpuMeter(this.workerPids);
    this.machine = new CpuMeter();
    this.bench = process.cpuUsage();
    this.startedAt = performance.now();
    this.from = monotonicMicroseconds();
  }

  /** Closes the window and reports what happened in it. */
  async stop(): Promise<WindowUsage> {
    const perInstance = this.instances.map((instance) => instance.coresUsed());
    const server = perInstance.reduce((total, cores) => total + cores, 0);
    const database = this.database.coresUsed();
    const workers = this.workers.coresUsed();
    const benchUsage = process.cpuUsage(this.bench);
    const meteredMs = performance.now() - this.startedAt;
    const bench = (benchUsage.user + benchUsage.system) / 1000 / meteredMs;
    const others = Math.max(0, this.machine.coresUsed() - server - database - workers - bench);
    const monotonicWindow = { from: this.from, until: monotonicMicroseconds() };
    const eventLoop = worstDelay(
      await Promise.all(this.servers.map((server) => sampleEventLoopDelay(server))),
    );
    return {
      cpu: { server, database, workers, others, perInstance },
      eventLoop,
      monotonicWindow,
      meteredMs,
    };
  }
}
