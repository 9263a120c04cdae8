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
  cpu: { server: number; database: number; workers: number; others: number };
  /** The server's event-loop delay: how long its work waited behind other work. */
  eventLoop: EventLoopDelay;
  /** The window on the monotonic clock, in microseconds (to cut a CPU profile). */
  monotonicWindow: { from: number; until: number };
}

const monotonicMicroseconds = () => Number(process.hrtime.bigint() / 1000n);

/** Measures CPU use and the server's event-loop delay from `start()` to `stop()`. */
export class WindowMeter {
  private server!: CpuMeter;
  private database!: CpuMeter;
  private workers!: CpuMeter;
  private machine!: CpuMeter;
  private bench = process.cpuUsage();
  private from = 0;
  private startedAt = 0;

  constructor(
    private readonly serverProcess: ChildProcess,
    private readonly workerPids: readonly number[],
  ) {}

  /** Opens the window. */
  async start(): Promise<void> {
    await resetEventLoopDelay(this.serverProcess);
    this.server = new CpuMeter([this.serverProcess.pid ?? 0]);
    this.database = new CpuMeter(childPids(this.serverProcess.pid ?? 0));
    this.workers = new CpuMeter(this.workerPids);
    this.machine = new CpuMeter();
    this.bench = process.cpuUsage();
    this.startedAt = performance.now();
    this.from = monotonicMicroseconds();
  }

  /** Closes the window and reports what happened in it. */
  async stop(): Promise<WindowUsage> {
    const server = this.server.coresUsed();
    const database = this.database.coresUsed();
    const workers = this.workers.coresUsed();
    const benchUsage = process.cpuUsage(this.bench);
    const bench = (benchUsage.user + benchUsage.system) / 1000 / (performance.now() - this.startedAt);
    const others = Math.max(0, this.machine.coresUsed() - server - database - workers - bench);
    const monotonicWindow = { from: this.from, until: monotonicMicroseconds() };
    const eventLoop = await sampleEventLoopDelay(this.serverProcess);
    return { cpu: { server, database, workers, others }, eventLoop, monotonicWindow };
  }
}
