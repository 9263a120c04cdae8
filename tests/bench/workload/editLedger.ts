import { epochNow, pause } from './clock.ts';
import type { EditObserver } from './participant.ts';
import type { WorkerResult } from './workerMessages.ts';

/** Counts a worker's edits and remote applies, keeping latencies of edits sent in the measured window. */
export class EditLedger implements EditObserver {
  private window = { from: Number.POSITIVE_INFINITY, until: Number.NEGATIVE_INFINITY };
  private latencies: number[] = [];
  private crossLatencies: number[] = [];
  private sentOffsets: number[] = [];
  private editsInWindow = 0;
  private appliesInWindow = 0;
  private editsTotal = 0;
  private updateBytes = 0;
  private lastAppliedAt = 0;

  /** Sets the measured window [from, until) in epoch milliseconds and forgets earlier counts. */
  measure(from: number, until: number): void {
    this.window = { from, until };
    this.latencies = [];
    this.crossLatencies = [];
    this.sentOffsets = [];
    this.editsInWindow = this.appliesInWindow = this.editsTotal = this.updateBytes = 0;
  }

  private inWindow(at: number): boolean {
    return at >= this.window.from && at < this.window.until;
  }

  sent(sentAt: number, updateBytes: number): void {
    this.editsTotal += 1;
    this.updateBytes += updateBytes;
    if (this.inWindow(sentAt)) this.editsInWindow += 1;
  }

  applied(sentAt: number, appliedAt: number, crossInstance: boolean): void {
    this.lastAppliedAt = appliedAt;
    if (this.inWindow(appliedAt)) this.appliesInWindow += 1;
    if (!this.inWindow(sentAt)) return;
    this.latencies.push(appliedAt - sentAt);
    if (crossInstance) this.crossLatencies.push(appliedAt - sentAt);
    this.sentOffsets.push(sentAt - this.window.from);
  }

  /** Waits until no remote edit arrived for `quietMs`, or `limitMs` passed. */
  async drained(quietMs: number, limitMs: number): Promise<void> {
    const deadline = epochNow() + limitMs;
    while (epochNow() < deadline && epochNow() - this.lastAppliedAt < quietMs) await pause(50);
  }

  /** The counts so far, with the connections lost, the saving-delayed notices and the participants' state vectors. */
  result(
    disconnects: number,
    savingDelayed: number,
    stateVectors: WorkerResult['stateVectors'],
  ): WorkerResult {
    return {
      latencies: Float64Array.from(this.latencies),
      crossLatencies: Float64Array.from(this.crossLatencies),
      sentOffsets: Float64Array.from(this.sentOffsets),
      editsInWindow: this.editsInWindow,
      appliesInWindow: this.appliesInWindow,
      editsTotal: this.editsTotal,
      updateBytes: this.updateBytes,
      disconnects,
      savingDelayed,
      stateVectors,
    };
  }
}
