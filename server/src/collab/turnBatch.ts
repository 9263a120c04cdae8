/**
 * Which entries of a batch may be missing after `error`. Only a bulk error that accounts for every entry
 * (inserted + named failures = batch) is trusted to name the failures; otherwise, e.g. an empty
 * `writeErrors` after the database became unreachable, every entry is counted as failed.
 */
export function failedIndexes(error: unknown, batchLength: number): number[] {
  const bulk = error as { writeErrors?: { index: number }[]; insertedCount?: number };
  const named = bulk.writeErrors ?? [];
  const accounted = named.length > 0 && (bulk.insertedCount ?? -1) + named.length === batchLength;
  return accounted
    ? named.map((writeError) => writeError.index)
    : Array.from({ length: batchLength }, (_, index) => index);
}

/**
 * Gathers what every document asks to write during one turn of the event loop and writes it in one
 * database call at the next: one round trip for all the documents that flushed at the same moment
 * instead of one each. Each caller's promise settles with its own entry (`failed` names the entries a
 * failed call may have left out; the others resolve).
 */
export class TurnBatch<T> {
  private queued: { entry: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly write: (entries: T[]) => Promise<unknown>,
    private readonly failed: (error: unknown, batchLength: number) => number[] = failedIndexes,
  ) {}

  /** Queues `entry` for this turn's write; resolves once it is stored. */
  add(entry: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ entry, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.writeQueued());
    });
  }

  private async writeQueued(): Promise<void> {
    this.scheduled = false;
    const batch = this.queued;
    this.queued = [];
    try {
      await this.write(batch.map(({ entry }) => entry));
      for (const { resolve } of batch) resolve();
    } catch (error) {
      const failed = new Set(this.failed(error, batch.length));
      batch.forEach(({ resolve, reject }, index) => (failed.has(index) ? reject(error) : resolve()));
    }
  }
}
