import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import type { UpdateStore } from './updateStore.ts';

/** Message types of the y-websocket protocol. */
export const messageType = { sync: 0, awareness: 1 } as const;

/** Something that receives the document's broadcasts (a websocket connection). */
export interface DocumentPeer {
  send(message: Uint8Array): void;
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
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<DocumentPeer>();
  /** Called after each successful flush (the plan projection listens). */
  onFlushed: ((document: SharedDocument) => void) | null = null;
  /** Called before the document is freed, with its final state (the plan projection writes it then). */
  beforeDestroy: ((document: SharedDocument) => Promise<void>) | null = null;
  private pending: Uint8Array[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private clock = 0;
  private records = 0;

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
    const loaded = await store.load(name);
    if (loaded.update) Y.applyUpdate(shared.doc, loaded.update, 'store');
    shared.clock = loaded.lastClock;
    shared.records = loaded.records;
    shared.doc.on('update', shared.handleUpdate);
    shared.awareness.on('update', shared.handleAwareness);
    return shared;
  }

  /** Bytes of the whole state, as a new client would receive it. */
  stateSize(): number {
    return Y.encodeStateAsUpdate(this.doc).byteLength;
  }

  private readonly handleUpdate = (update: Uint8Array, origin: unknown): void => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    this.pending.push(update);
    this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushDelayMs);
  };

  private readonly handleAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) peer.send(message);
  };

  /** Writes the pending updates as one merged record now; serialised so records never interleave. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    try {
      this.clock += 1;
      await this.store.append(this.name, this.clock, merged);
      this.records += 1;
    } catch (error) {
      // Keep the edits and retry under a new clock (a record may have been written after all: storing
      // the same Yjs update twice is harmless, reusing its clock would not be).
      this.pending.unshift(merged);
      this.logger.error({ err: error, doc: this.name }, 'storing a collaboration update failed; will retry');
      this.flushTimer ??= setTimeout(() => void this.flush(), 1000);
      return;
    }
    if (this.records >= this.options.compactAfterRecords) await this.compact();
    this.onFlushed?.(this);
  }

  private async compact(): Promise<void> {
    try {
      this.clock += 1;
      await this.store.compact(this.name, this.clock, Y.encodeStateAsUpdate(this.doc));
      this.records = 1;
    } catch (error) {
      this.logger.warn({ err: error, doc: this.name }, 'compaction failed; records kept as they are');
    }
  }

  /** Flushes, then frees the document. */
  async destroy(): Promise<void> {
    await this.flush();
    await this.beforeDestroy?.(this).catch(() => undefined);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
