import mongoose from 'mongoose';
import * as Y from 'yjs';
import { CollabUpdateModel } from '../models/collabUpdate.ts';
import type { EditorActivity } from './editAuthorship.ts';
import { bytesOf } from './storedBytes.ts';
import { forgetDeletionCount, mergeEditorDeletions, recordEditors } from './editorRecords.ts';
import { TurnBatch } from './turnBatch.ts';
import { TurnReads } from './turnReads.ts';

/** A stored record as the driver writes it (the fields of `CollabUpdateModel`'s schema). */
type CollabUpdateRecord = { docName: string; clock: number; kind: 'update'; data: Buffer; createdAt: Date };

/**
 * Largest record the store writes. MongoDB refuses documents over 16 MiB, and the driver refuses a whole
 * `insertMany` batch when one of them is over: such a record fails alone, before the batch is sent.
 */
export const maxStoredRecordBytes = 15 * 1024 * 1024;

/** Thrown for a record the database could never take; retrying it as it is would fail forever. */
export class RecordTooLargeError extends Error {}

/** What was read back for a document: its merged state and where its clock stands. */
export interface LoadedState {
  update: Uint8Array | null;
  lastClock: number;
  records: number;
  bytes: number;
}

/** The persistence port of the collaboration server: load, append, compact. Stores Yjs updates only. */
export interface UpdateStore {
  load(docName: string): Promise<LoadedState>;
  append(docName: string, clock: number, update: Uint8Array): Promise<void>;
  /**
   * Replaces the document's records with one snapshot made of exactly them, atomically; resolves with
   * the snapshot's clock and size, or null when there was nothing to compact. Throws
   * `RecordTooLargeError` when the snapshot would be too large to store.
   */
  compact(docName: string): Promise<{ clock: number; bytes: number } | null>;
  /** Records who made the edits of a flush (stores that keep no history may leave it out). */
  recordEditors?(docName: string, activity: EditorActivity[]): Promise<void>;
  /** Drops what the store keeps in memory about a document this process has just freed. */
  release?(docName: string): void;
}

// Clocks are milliseconds since 1970 times 2048 plus 11 random bits: below 2^53 until 2109, increasing
// within an instance, and two instances writing the same document in the same millisecond collide once
// in 2048 times (the record is then retried under a new clock).
const clockSlots = 2048;

/**
 * Whether a failed append only met another instance's record of the same document under the same clock
 * (a duplicate key, the one unique index of the records): written again under a new clock, it succeeds.
 */
export function isClockCollision(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  const errors: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (errors.length === 0) return code === duplicateKeyCode;
  return errors.every((entry) => (entry as { code?: unknown }).code === duplicateKeyCode);
}

const duplicateKeyCode = 11000;

/** The next record's clock after `previous`: unique across instances, increasing within one. */
export function nextClock(previous: number): number {
  const fromTime = Date.now() * clockSlots + Math.floor(Math.random() * clockSlots);
  return Math.max(previous + 1, fromTime);
}

/** A document's state from its records, in the order of their clocks. */
function loadedStateOf(records: readonly { clock: number; data: unknown }[]): LoadedState {
  const updates = records.map((record) => bytesOf(record.data));
  return {
    update: updates.length ? Y.mergeUpdates(updates) : null,
    lastClock: records.at(-1)?.clock ?? 0,
    records: records.length,
    bytes: updates.reduce((total, update) => total + update.byteLength, 0),
  };
}

/** The MongoDB implementation of the update store. */
export class MongoUpdateStore implements UpdateStore {
  /**
   * The documents asked for in one turn of the event loop, or while the previous load was being read,
   * are read in one query (through the driver, in their stored form): when a meeting starts or an
   * instance restarts, its spaces load together.
   */
  private readonly loads = new TurnReads<LoadedState>(async (docNames) => {
    const records = await CollabUpdateModel.collection
      .find({ docName: { $in: docNames } }, { sort: { docName: 1, clock: 1 } })
      .toArray();
    const byName = new Map<string, { clock: number; data: unknown }[]>();
    for (const record of records) {
      const name = record['docName'] as string;
      const ofName = byName.get(name) ?? [];
      ofName.push({ clock: record['clock'] as number, data: record['data'] });
      byName.set(name, ofName);
    }
    return (docName) => loadedStateOf(byName.get(docName) ?? []);
  });

  load(docName: string): Promise<LoadedState> {
    return this.loads.read(docName);
  }

  /**
   * Appends are gathered across documents and written together at the next turn of the event loop: one
   * unordered insert for every document that flushed at the same moment. Through the driver itself: the
   * records are built here in their stored form (what the schema says), so nothing is cast or hydrated
   * per update. Unordered: when the error names failed records, only they failed; an empty list says
   * nothing was judged record by record (the database was unreachable), and every record is retried
   * (storing a Yjs update twice is harmless, losing one is not).
   */
  private readonly appends = new TurnBatch<CollabUpdateRecord>((records) =>
    CollabUpdateModel.collection.insertMany(records, { ordered: false }),
  );

  append(docName: string, clock: number, update: Uint8Array): Promise<void> {
    if (update.byteLength > maxStoredRecordBytes) {
      return Promise.reject(
        new RecordTooLargeError(`a ${update.byteLength}-byte update exceeds ${maxStoredRecordBytes} bytes`),
      );
    }
    const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    return this.appends.add({ docName, clock, kind: 'update', data, createdAt: new Date() });
  }

  async compact(docName: string): Promise<{ clock: number; bytes: number } | null> {
    // In one transaction: the snapshot is made of exactly the records read, and exactly those are
    // deleted (by _id). A record another instance appends meanwhile is not read, so it is kept; a
    // compaction running at the same time conflicts and is retried or fails, and either way nothing is
    // lost (a Yjs update applied twice changes nothing).
    const compacted = await mongoose.connection.transaction(async (session) => {
      const records = await CollabUpdateModel.find({ docName }, null, { session }).sort({ clock: 1 }).lean();
      if (records.length < 2) return null;
      const doc = new Y.Doc();
      for (const record of records) Y.applyUpdate(doc, bytesOf(record.data));
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      if (snapshot.byteLength > maxStoredRecordBytes)
        throw new RecordTooLargeError(
          `a ${snapshot.byteLength}-byte snapshot exceeds ${maxStoredRecordBytes} bytes`,
        );
      const clock = records.at(-1)!.clock;
      const deleted = await CollabUpdateModel.deleteMany(
        { _id: mongoose.trusted({ $in: records.map((record) => record._id) }) },
        { session },
      );
      // Fewer deleted than read: another compaction took them first; this one must not add its copy.
      if (deleted.deletedCount !== records.length) throw new Error('records compacted concurrently');
      await CollabUpdateModel.create(
        [{ docName, clock, kind: 'snapshot', data: Buffer.from(snapshot), createdAt: new Date() }],
        { session },
      );
      return { clock, bytes: snapshot.byteLength };
    });
    // Compaction is also when each editor's deletion records are merged into one.
    if (compacted) await mergeEditorDeletions(docName).catch(() => undefined); // tried again next time
    return compacted;
  }

  recordEditors(docName: string, activity: EditorActivity[]): Promise<void> {
    return recordEditors(docName, activity);
  }

  release(docName: string): void {
    forgetDeletionCount(docName);
  }
}
