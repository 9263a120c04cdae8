import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Change, ChangeSink } from './changes.ts';
import { encodeChange, encodeFrame, journalFileName, syncDirectory } from './journal-file.ts';

interface Waiter {
  sequence: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Marks in the queue where the journal moves on to its next file (a compaction's cut-off point). */
interface Rotation {
  generation: number;
  opened: (error?: Error) => void;
}

function isRotation(entry: Buffer | Rotation): entry is Rotation {
  return !Buffer.isBuffer(entry);
}

/**
 * The append-only journal with group commit: changes are queued as they are committed in memory, and one
 * writer appends everything queued since its last write in one frame, then fdatasyncs, then releases the
 * commands waiting on those changes. A command's reply waits for `sync()`: an acknowledged write is on disk.
 */
export class Journal implements ChangeSink {
  private queue: Array<Buffer | Rotation> = [];
  private recorded = 0;
  private durable = 0;
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly waiters: Waiter[] = [];
  /** Bytes in the current file, to decide when to compact. */
  bytesInFile = 0;

  private constructor(
    private readonly directory: string,
    private handle: FileHandle,
    private currentGeneration: number,
    /** Called after each write that made changes durable (e.g. to consider a compaction). */
    private readonly afterWrite: () => void,
    /** Called once if the journal cannot be written: memory and disk now differ, as for mongod, stop. */
    private readonly onFailure: (error: Error) => void,
  ) {}

  /** Opens (creating it) journal file `generation` of `directory` for appending. */
  static async open(
    directory: string,
    generation: number,
    hooks: { afterWrite: () => void; onFailure: (error: Error) => void },
  ): Promise<Journal> {
    const handle = await open(join(directory, journalFileName(generation)), 'a', 0o600);
    await syncDirectory(directory);
    return new Journal(directory, handle, generation, hooks.afterWrite, hooks.onFailure);
  }

  /** The generation changes are being appended to. */
  get generation(): number {
    return this.currentGeneration;
  }

  /** Counter of changes recorded so far; compare before and after a command to know whether it wrote. */
  get recordedCount(): number {
    return this.recorded;
  }

  record(change: Change): void {
    this.queue.push(encodeChange(change));
    this.recorded += 1;
  }

  /** Resolves once every change recorded so far is on disk; rejects if the journal cannot be written. */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const sequence = this.recorded;
    if (this.durable >= sequence) return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ sequence, resolve, reject }));
    this.startWriting();
    return waiting;
  }

  /**
   * Cuts the journal here: changes recorded before this call go to the current file, later ones to the next
   * generation. Returns that generation and resolves once its file exists.
   */
  rotate(): { generation: number; opened: Promise<void> } {
    const generation = this.currentGeneration + 1;
    let opened!: Rotation['opened'];
    const done = new Promise<void>((resolve, reject) => {
      opened = (error) => (error ? reject(error) : resolve());
    });
    this.queue.push({ generation, opened });
    this.startWriting();
    return { generation, opened: done };
  }

  /** Writes what is queued and closes the file. */
  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    await this.writing;
    await this.handle.close();
  }

  private startWriting(): void {
    // setImmediate lets the commands of this turn of the event loop join the same group commit.
    this.writing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.writeQueued())
      .catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        this.writing = undefined;
        if (this.queue.length > 0 && !this.failure) this.startWriting();
      });
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const rotationAt = this.queue.findIndex(isRotation);
      const batch = (rotationAt < 0 ? this.queue : this.queue.slice(0, rotationAt)) as Buffer[];
      this.queue = rotationAt < 0 ? [] : this.queue.slice(rotationAt);
      if (batch.length > 0) {
        const sequence = this.durable + batch.length;
        const frame = encodeFrame(batch);
        await this.handle.write(frame);
        await this.handle.datasync();
        this.bytesInFile += frame.length;
        this.durable = sequence;
        this.release();
        this.afterWrite();
      }
      const next = this.queue[0];
      if (next !== undefined && isRotation(next)) {
        this.queue.shift();
        await this.switchTo(next);
      }
    }
  }

  private async switchTo(rotation: Rotation): Promise<void> {
    try {
      const handle = await open(join(this.directory, journalFileName(rotation.generation)), 'a', 0o600);
      await syncDirectory(this.directory);
      await this.handle.close();
      this.handle = handle;
      this.currentGeneration = rotation.generation;
      this.bytesInFile = 0;
      rotation.opened();
    } catch (error) {
      rotation.opened(error as Error);
      throw error;
    }
  }

  private release(): void {
    for (let index = this.waiters.length - 1; index >= 0; index -= 1) {
      const waiter = this.waiters[index] as Waiter;
      if (waiter.sequence <= this.durable) {
        this.waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }

  private fail(error: Error): void {
    this.failure = new Error(`the stand-in's journal cannot be written: ${error.message}`);
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
    this.onFailure(this.failure);
  }
}
