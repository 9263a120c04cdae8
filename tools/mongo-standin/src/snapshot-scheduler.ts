/**
 * Debounces snapshot writes: `markDirty` after each change schedules one write `delayMs` later,
 * changes made while a write runs trigger another one, and `flush` writes immediately.
 */
export class SnapshotScheduler {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs: number,
  ) {}

  /** Records that data changed and schedules a write. */
  markDirty(): void {
    this.dirty = true;
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed background write stays dirty and surfaces on the next flush(); the stand-in logs nothing.
      this.runWrites().catch(() => undefined);
    }, this.delayMs);
    // The listening server keeps the process alive; a pending snapshot alone should not.
    this.timer.unref();
  }

  /** Writes pending changes now and resolves once they are on disk; rejects if the write fails. */
  async flush(): Promise<void> {
    this.cancel();
    if (this.running) await this.running.catch(() => undefined);
    if (this.dirty) await this.runWrites();
  }

  /** Cancels a scheduled write (pending changes stay unsaved unless flushed). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private runWrites(): Promise<void> {
    this.running ??= this.writeUntilClean().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async writeUntilClean(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      try {
        await this.write();
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    }
  }
}
