import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import { collabLimits, SavingState, savingMessageType } from '@concerto/shared';
import { EditAuthorship, type Editor } from './editAuthorship.ts';
import { FewAtOnce } from './fewAtOnce.ts';
import { mergeIntoRecords } from './recordGroups.ts';
import { settledWithin } from './storeDeadline.ts';
import { isClockCollision, nextClock, RecordTooLargeError, type UpdateStore } from './updateStore.ts';

/** Message types of the y-websocket protocol. */
export const messageType = { sync: 0, awareness: 1 } as const;

/** The origin of updates and presence applied from another instance: relayed to peers, never sent back. */
export const remoteOrigin = Symbol('another instance');

/** The origin of the stored state when it is applied after a load. */
const storedOrigin = Symbol('the store');

/** Whether an encoded state vector names no client (a peer that has nothing yet). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** Something that receives the document's broadcasts (a websocket connection). */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  /** Who edits through this peer (recorded with each edit it sends, for the space's history). */
  readonly editor?: Editor | null;
}

/** Why an incoming edit is refused: the document would pass its size limit, or too much is unsaved. */
export type EditRefusal = 'documentTooLarge' | 'savingUnavailable' | null;

/** Retries of a failed write wait 0.5 s, 1 s, 2 s, 4 s, then 5 s between attempts. */
export function retryDelayMs(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 5000);
}

/**
 * A document loaded from more records than one, and at least this large, is compacted right after its
 * load: the next cold load then reads one snapshot instead of merging many records.
 */
export const earlyCompactionBytes = 16 * 1024;

/** A write still unanswered after this long is announced to editors as delayed. */
const slowSaveNoticeMs = 2000;

/**
 * Clock collisions in a row written again at once before they count as a failed write (1 in 2,048 for
 * two instances writing a document in the same millisecond: three in a row is not a collision).
 */
const maxClockCollisions = 3;

/**
 * Compactions of this process run two at a time: documents a meeting opened together reach the record
 * threshold together, and a hundred compactions at once (each a transaction that reads and rewrites every
 * record of its document) were a pause every editor felt. A document's next flush waits for its own.
 */
const compactions = new FewAtOnce(2);

/** What a compaction left to the next load resolves with. */
const skipped = Symbol('compaction skipped');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Documents with edits waiting to be written, by write window. */
const waitingByWindow = new Map<number, Set<SharedDocument>>();

/**
 * Writes `document` at the next tick of its write window, with every other document of the process
 * waiting for the same tick: their records go to the database in one insert and their editors in one
 * bulk write, instead of one of each per document on its own timer (at 100 documents, about 500 round
 * trips a second became 20). No edit waits longer than one window, as before.
 */
function writeAtNextTick(document: SharedDocument, windowMs: number): void {
  let waiting = waitingByWindow.get(windowMs);
  if (!waiting) {
    const due = new Set<SharedDocument>();
    waitingByWindow.set(windowMs, due);
    setTimeout(() => {
      waitingByWindow.delete(windowMs);
      for (const each of due) each.writeAtTick();
    }, windowMs);
    waiting = due;
  }
  waiting.add(document);
}

/** Tuning of persistence; the defaults keep at most ~100 ms of edits unwritten. */
export interface PersistenceOptions {
  flushDelayMs: number;
  compactAfterRecords: number;
}

/**
 * One loaded Yjs document: its awareness, its connected peers, and the batched persistence of every
 * update it receives (appended within `flushDelayMs`, compacted into a snapshot past a threshold).
 */
export class SharedDocument {
  private readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  /**
   * The state read from the store and not yet applied to the Y.Doc. A cold load answers its first
   * client from these bytes (the whole state is exactly them), and applies them just after: the client
   * does not wait for the server to rebuild a document it can send as it was stored.
   */
  private stored: Uint8Array | null = null;
  readonly peers = new Set<DocumentPeer>();
  /** Called after each successful flush (the plan projection listens). */
  onFlushed: ((document: SharedDocument) => void) | null = null;
  /** Called before the document is freed, with its final state (the plan projection writes it then). */
  beforeDestroy: ((document: SharedDocument) => Promise<void>) | null = null;
  /** Carries this instance's updates and presence to the other instances (several instances only). */
  relayOut: ((message: Uint8Array) => void) | null = null;
  private pending: Uint8Array[] = [];
  private unsavedBytes = 0;
  /** A retry after a failed write, waiting for its back-off. */
  private flushTimer: NodeJS.Timeout | null = null;
  /** Edits wait for the next write tick of this document's window (see `writeAtNextTick`). */
  private waitingForTick = false;
  private flushing: Promise<void> = Promise.resolve();
  private clock = 0;
  private records = 0;
  /** Consecutive failed writes, and since when: editors are told saving is delayed meanwhile. */
  private failures = 0;
  private failingSince = 0;
  private delayAnnounced = false;
  /** Freed by a shutdown: compactions not started yet are left to the next load. */
  private stopping = false;
  /** Writes retried in a row because their clock was taken by another instance's record. */
  private collisions = 0;
  /** An upper estimate of the encoded state's size, made exact when it nears the limit. */
  private estimatedBytes = 0;
  private destroyed = false;
  /** Who changed the document since the last flush, written with the edits. */
  private readonly authorship = new EditAuthorship();
  /** Writes of who edited, kept off the flush chain so a slow one never holds edits back. */
  private authorshipWrites: Promise<void> = Promise.resolve();

  private constructor(
    readonly name: string,
    private readonly store: UpdateStore,
    private readonly options: PersistenceOptions,
    private readonly logger: Logger,
  ) {
    this.awareness.setLocalState(null);
  }

  /** Loads a document from the store; listeners are attached only after the stored state is applied. */
  static async load(
    name: string,
    store: UpdateStore,
    options: PersistenceOptions,
    logger: Logger,
  ): Promise<SharedDocument> {
    const shared = new SharedDocument(name, store, options, logger);
    const loaded = await settledWithin(store.load(name), 'loading a document');
    shared.stored = loaded.update;
    shared.estimatedBytes = loaded.update?.byteLength ?? 0;
    shared.clock = loaded.lastClock;
    shared.records = loaded.records;
    shared.ydoc.on('update', shared.handleUpdate);
    shared.ydoc.on('afterTransaction', shared.handleTransaction);
    shared.awareness.on('update', shared.handleAwareness);
    if (loaded.records > 1 && loaded.bytes >= earlyCompactionBytes) shared.compactSoon();
    return shared;
  }

  /** The Y.Doc, with everything stored applied (applied here on first use after a load). */
  get doc(): Y.Doc {
    if (this.stored) {
      const stored = this.stored;
      this.stored = null;
      Y.applyUpdate(this.ydoc, stored, storedOrigin);
    }
    return this.ydoc;
  }

  /** Whether the stored state is already applied (a peer's sync step 1 then costs no rebuild). */
  get applied(): boolean {
    return this.stored === null;
  }

  /** Listens to the document's updates (as `doc.on('update')`, without applying the stored state yet). */
  onUpdate(listener: (update: Uint8Array, origin: unknown) => void): void {
    this.ydoc.on('update', listener);
  }

  /**
   * What a peer with `stateVector` lacks, as a Yjs update (the sync step 2 it is sent). A new peer (an
   * empty state vector) of a document whose stored state is not applied yet gets the stored bytes.
   */
  missingFor(stateVector: Uint8Array): Uint8Array {
    if (this.stored && isEmptyStateVector(stateVector)) return this.stored;
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  /** Bytes of the whole state, as a new client would receive it. */
  stateSize(): number {
    return Y.encodeStateAsUpdate(this.doc).byteLength;
  }

  /** Whether edits of this document wait for the database (what editors are told). */
  get savingDelayed(): boolean {
    return this.delayAnnounced;
  }

  /** Whether edits are still only in memory. */
  get hasUnsavedEdits(): boolean {
    return this.unsavedBytes > 0;
  }

  /** Whether an incoming update of `bytes` may be applied: the state and the unsaved edits are bounded. */
  refusalOf(bytes: number): EditRefusal {
    if (this.estimatedBytes + bytes > collabLimits.maxDocumentBytes) {
      // Deleted content shrinks in the encoded state: measure before refusing.
      this.estimatedBytes = this.stateSize();
      if (this.estimatedBytes + bytes > collabLimits.maxDocumentBytes) return 'documentTooLarge';
    }
    if (this.unsavedBytes + bytes > collabLimits.maxUnsavedBytes) return 'savingUnavailable';
    return null;
  }

  /** The saving-state message for one peer (sent on attach when saving is delayed). */
  savingMessage(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, savingMessageType);
    encoding.writeVarUint(encoder, this.savingDelayed ? SavingState.delayed : SavingState.saved);
    return encoding.toUint8Array(encoder);
  }

  private readonly handleUpdate = (update: Uint8Array, origin: unknown): void => {
    // The stored state, applied after the load: nobody needs it sent or stored again.
    if (origin === storedOrigin) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    if (origin !== remoteOrigin) this.relayOut?.(message);
    // Updates from other instances are stored here too: their instance may die before it writes them,
    // and a Yjs update stored twice changes nothing.
    this.pending.push(update);
    this.unsavedBytes += update.byteLength;
    this.estimatedBytes += update.byteLength;
    if (!this.destroyed && !this.flushTimer && !this.waitingForTick) {
      this.waitingForTick = true;
      writeAtNextTick(this, this.options.flushDelayMs);
    }
  };

  private readonly handleTransaction = (transaction: Y.Transaction): void => {
    const origin = transaction.origin as DocumentPeer | null;
    const editor = origin && typeof origin === 'object' && 'editor' in origin ? origin.editor : null;
    if (editor) this.authorship.record(editor, transaction);
  };

  private readonly handleAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) peer.send(message);
    if (origin !== remoteOrigin) this.relayOut?.(message);
  };

  /** Called at the write tick this document waited for. */
  writeAtTick(): void {
    this.waitingForTick = false;
    if (!this.destroyed && !this.flushTimer) void this.flush();
  }

  /** Writes the pending updates as one merged record now; serialised so records never interleave. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return this.queueAuthorship();
    const records = mergeIntoRecords(this.pending);
    this.pending = [];
    // Each record gets its own clock, never reused and unique across instances: a failed record may have
    // been written after all (storing a Yjs update twice is harmless, two under one clock would not be).
    // While the driver waits for a database that is gone, editors hear of it before the write fails.
    const slow = setTimeout(() => this.announceDelay(true), slowSaveNoticeMs);
    // A write never answered is counted as failed (see `settledWithin`): later flushes queue behind this one.
    const results = await Promise.allSettled(
      records.map((record) =>
        settledWithin(
          this.store.append(this.name, (this.clock = nextClock(this.clock)), record),
          'saving edits',
        ),
      ),
    );
    clearTimeout(slow);
    const failed = records.filter((_, index) => results[index]!.status === 'rejected');
    this.records += records.length - failed.length;
    this.pending = [...failed, ...this.pending];
    this.unsavedBytes = this.pending.reduce((total, update) => total + update.byteLength, 0);
    const rejections = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    if (failed.length && rejections.every(isClockCollision) && this.collisions < maxClockCollisions) {
      // Another instance wrote this document in the same millisecond under the same clock: not a database
      // failure (nobody is told saving is delayed); written again at once, under new clocks.
      this.collisions += 1;
      this.logger.debug({ doc: this.name }, 'record clock taken by another instance; written again');
      return this.writePending();
    }
    this.collisions = 0;
    if (failed.length) return this.writeFailed(rejections[0]);
    if (this.failures > 0) this.writeRecovered();
    this.announceDelay(false);
    this.queueAuthorship();
    if (this.records >= this.options.compactAfterRecords) await this.compact();
    this.onFlushed?.(this);
  }

  private queueAuthorship(): void {
    this.authorshipWrites = this.authorshipWrites.then(() => this.writeAuthorship());
  }

  /** Stores every edit, then waits until who made them is on record (the history reads it). */
  async flushEditors(): Promise<void> {
    await this.flush();
    await this.authorshipWrites;
  }

  /** Writes who made the edits just stored; kept for the next flush if the write fails (edits are safe). */
  private async writeAuthorship(): Promise<void> {
    if (this.authorship.isEmpty || !this.store.recordEditors) return;
    const activity = this.authorship.take();
    try {
      await settledWithin(this.store.recordEditors(this.name, activity), 'recording who edited');
    } catch (error) {
      this.authorship.restore(activity);
      this.logger.warn({ err: error, doc: this.name }, 'who edited could not be recorded yet; retried later');
    }
  }

  /** Keeps the edits in memory, says so loudly, and retries with back-off. */
  private writeFailed(error: unknown): void {
    this.failures += 1;
    const context = { err: error, doc: this.name, unsavedBytes: this.unsavedBytes, attempt: this.failures };
    if (this.failures === 1) {
      this.failingSince = Date.now();
      this.logger.error(context, 'collaboration edits could not be saved: kept in memory, retrying');
      this.announceDelay(true);
    } else if (this.failures % 10 === 0) {
      this.logger.error(context, 'collaboration edits still not saved: the database is unavailable');
    }
    if (!this.destroyed) this.flushTimer ??= setTimeout(() => void this.flush(), retryDelayMs(this.failures));
  }

  private writeRecovered(): void {
    this.logger.warn(
      { doc: this.name, attempts: this.failures, delayedMs: Date.now() - this.failingSince },
      'collaboration edits saved again after the database was unavailable',
    );
    this.failures = 0;
  }

  /** Tells every editor when saving becomes delayed or is back to normal (only on a change). */
  private announceDelay(delayed: boolean): void {
    if (this.delayAnnounced === delayed) return;
    this.delayAnnounced = delayed;
    const message = this.savingMessage();
    for (const peer of this.peers) peer.send(message);
  }

  /** Compacts once the writes queued so far are done, off the caller's path. */
  private compactSoon(): void {
    this.flushing = this.flushing.then(() => this.compact());
  }

  /**
   * Replaces the stored records with one snapshot built from exactly those records (not from memory:
   * another instance may be writing the same document), so no compaction can delete what it did not read.
   */
  private async compact(): Promise<void> {
    try {
      const compacted = await compactions.run(async () =>
        // A shutdown frees every document at once: compactions still waiting for their turn are left to
        // the next load, so that the edits queued behind them are stored before the deadline.
        this.stopping ? skipped : settledWithin(this.store.compact(this.name), 'compacting a document'),
      );
      if (compacted === skipped) return;
      this.records = 1;
      if (compacted) {
        this.clock = Math.max(this.clock, compacted.clock);
        // Compactions run on the flush chain: what the snapshot lacks waits in `pending`. An upper bound,
        // without encoding the whole document (nor applying a stored state nobody has asked for yet).
        this.estimatedBytes = compacted.bytes + this.unsavedBytes;
      }
    } catch (error) {
      if (error instanceof RecordTooLargeError) {
        // Only a document stored before the size limit existed gets here: keep its records as they are.
        this.logger.error({ err: error, doc: this.name }, 'document too large to compact');
        this.records = 0;
        return;
      }
      this.logger.warn({ err: error, doc: this.name }, 'compaction failed; records kept as they are');
    }
  }

  /**
   * Writes every unsaved edit, retrying with back-off for up to `waitMs`. Resolves whether all were
   * saved; an idle document is never freed with edits only in memory.
   */
  async saveAll(waitMs = Infinity): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    await this.flush();
    while (this.hasUnsavedEdits && Date.now() < deadline) {
      await sleep(Math.min(retryDelayMs(this.failures), Math.max(0, deadline - Date.now())));
      await this.flush();
    }
    return !this.hasUnsavedEdits;
  }

  /**
   * Saves (waiting for the database up to `waitMs`), then frees the document. With `compact` (an idle
   * unload, not a shutdown racing its deadline), records left by the session become one snapshot first.
   */
  async destroy(waitMs = Infinity, compact = false): Promise<void> {
    this.stopping = !compact;
    const saved = await this.saveAll(waitMs);
    // Who made the edits is written off the flush chain: it is on record before the document is freed.
    await this.authorshipWrites;
    if (saved && compact && this.records > 1) await this.compact();
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!saved)
      this.logger.fatal(
        { doc: this.name, unsavedBytes: this.unsavedBytes },
        'collaboration edits lost: the database stayed unavailable until the document was freed',
      );
    // The plan's projection and a version being kept: bounded like a store call, or a database that
    // never answers would leave the document half freed, and nobody could open it again.
    if (this.beforeDestroy)
      await settledWithin(this.beforeDestroy(this), 'storing what the document says before freeing it').catch(
        (error: unknown) => this.logger.warn({ err: error, doc: this.name }, 'freed without its projection'),
      );
    this.store.release?.(this.name);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
