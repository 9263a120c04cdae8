import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { trackChild } from '../processes/cleanup.ts';
import { exited, stopChild } from '../processes/childExit.ts';
import type {
  ConnectCommand,
  EditCommand,
  ParticipantPlan,
  WorkerCommand,
  WorkerReport,
  WorkerResult,
} from './workerMessages.ts';

type ReportOf<Kind extends WorkerReport['kind']> = Extract<WorkerReport, { kind: Kind }>;

/** Sends a command and waits for the worker's report of `kind` (rejects on failure, exit or timeout). */
function ask<Kind extends WorkerReport['kind']>(
  worker: ChildProcess,
  command: WorkerCommand,
  kind: Kind,
  timeoutMs: number,
): Promise<ReportOf<Kind>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`a worker did not answer "${command.kind}" in time`)),
      timeoutMs,
    );
    const onExit = () => finish(new Error(`a worker exited during "${command.kind}"`));
    const onMessage = (report: WorkerReport) => {
      if (report.kind === 'failed') finish(new Error(`a worker failed: ${report.message}`));
      else if (report.kind === kind) finish(null, report as ReportOf<Kind>);
    };
    function finish(error: Error | null, report?: ReportOf<Kind>): void {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      if (report) resolve(report);
      else reject(error ?? new Error('no report'));
    }
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.send(command);
  });
}

/** Worker processes that share the simulated participants between them. */
export class WorkerPool {
  private constructor(readonly workers: ChildProcess[]) {}

  /** Forks `count` participant workers. */
  static start(count: number): WorkerPool {
    const entry = path.join(import.meta.dirname, 'participantWorker.ts');
    const workers = Array.from({ length: count }, () =>
      trackChild(fork(entry, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' })),
    );
    return new WorkerPool(workers);
  }

  /** Process ids of the workers (to measure their CPU). */
  get pids(): number[] {
    return this.workers.map((worker) => worker.pid ?? 0);
  }

  /** Deals the participants round-robin (a space's participants land on different processes) and connects them. */
  async connect(
    plans: readonly ParticipantPlan[],
    command: Omit<ConnectCommand, 'kind' | 'participants'>,
  ): Promise<{ synced: number; failed: number; elapsedMs: number }> {
    const shares = this.workers.map((_worker, index) =>
      plans.filter((_plan, at) => at % this.workers.length === index),
    );
    const reports = await Promise.all(
      this.workers.map((worker, index) =>
        ask(
          worker,
          { kind: 'connect', ...command, participants: shares[index] ?? [] },
          'connected',
          command.timeoutMs + 10_000,
        ),
      ),
    );
    return {
      synced: reports.reduce((total, report) => total + report.synced, 0),
      failed: reports.reduce((total, report) => total + report.failed, 0),
      elapsedMs: Math.max(...reports.map((report) => report.elapsedMs)),
    };
  }

  /** Starts the editing phase in every worker. */
  edit(command: Omit<EditCommand, 'kind'>): void {
    for (const worker of this.workers) worker.send({ kind: 'edit', ...command } satisfies WorkerCommand);
  }

  /** Stops editing and collects each worker's figures. */
  async stop(drainMs: number): Promise<WorkerResult[]> {
    const reports = await Promise.all(
      this.workers.map((worker) => ask(worker, { kind: 'stop', drainMs }, 'result', drainMs + 20_000)),
    );
    return reports.map((report) => report.result);
  }

  /** Closes every connection and ends the workers (killed if they do not exit on their own). */
  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => ask(worker, { kind: 'close' }, 'closed', 10_000)));
    const ended = await Promise.all(this.workers.map((worker) => exited(worker, 5000)));
    await Promise.all(
      this.workers.filter((_worker, index) => !ended[index]).map((worker) => stopChild(worker, 5000)),
    );
  }
}
