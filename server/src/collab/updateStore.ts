import mongoose from 'mongoose';
import * as Y from 'yjs';
import { CollabUpdateModel } from '../models/collabUpdate.ts';
import type { EditorActivity } from './editAuthorship.ts';
import { bytesOf } from './storedBytes.ts';
import { recordEditors, mergeEditorDeletions } from './editorRecords.ts';

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
  /** Replaces every record up to `upToClock` with one snapshot, atomically. */
  compact(docName: string, upToClock: number, snapshot: Uint8Array): Promise<void>;
  /** Records who made the edits of a flush (stores that keep no history may leave it out). */
  recordEditors?(docName: string, activity: EditorActivity[]): Promise<void>;
}

/**
 * Which records of an unordered batch may be missing after `error`. Only a bulk error that accounts for
 * every record (inserted + named failures = batch) is trusted to name the failures; otherwise, e.g. an
 * empty `writeErrors` after the database became unreachable, every record is counted as failed.
 */
export function failedIndexes(error: unknown, batchLength: number): number[] {
  const bulk = error as { writeErrors?: { index: number }[]; insertedCount?: number };
  const named = bulk.writeErrors ?? [];
  const accounted = named.length > 0 && (bulk.insertedCount ?? -1) + named.length === batchLength;
  return accounted
    ? named.map((writeError) => writeError.index)
    : Array.from({ length: batchLength }, (_, index) => index);
}

/** The MongoDB implementation of the update store. */
export class MongoUpdateStore implements UpdateStore {
  async load(docName: string): Promise<LoadedState> {
    const records = await CollabUpdateModel.find({ docName }).sort({ clock: 1 }).lean();
    const updates = records.map((record) => bytesOf(record.data));
    return {
      update: updates.length ? Y.mergeUpdates(updates) : null,
      lastClock: records.at(-1)?.clock ?? 0,
      records: records.length,
      bytes: updates.reduce((total, update) => total + update.byteLength, 0),
    };
  }

  private queued: {
    record: Record<string, unknown>;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private writeScheduled = false;

  /**
   * Appends are gathered across documents and written together at the next turn of the event loop: one
   * database round trip for every document that flushed at the same moment instead of one each.
   */
  append(docName: string, clock: number, update: Uint8Array): Promise<void> {
    if (update.byteLength > maxStoredRecordBytes) {
      return Promise.reject(
        new RecordTooLargeError(`a ${update.byteLength}-byte update exceeds ${maxStoredRecordBytes} bytes`),
      );
    }
    return new Promise((resolve, reject) => {
      this.queued.push({
        record: { docName, clock, kind: 'update', data: Buffer.from(update), createdAt: new Date() },
        resolve,
        reject,
      });
      if (this.writeScheduled) return;
      this.writeScheduled = true;
      setImmediate(() => void this.writeQueued());
    });
  }

  private async writeQueued(): Promise<void> {
    this.writeScheduled = false;
    const batch = this.queued;
    this.queued = [];
    try {
      await CollabUpdateModel.insertMany(
        batch.map((entry) => entry.record),
        { ordered: false, lean: true },
      );
      batch.forEach((entry) => entry.resolve());
    } catch (error) {
      // Unordered: when the error names failed records, only they failed. An empty list says nothing
      // was judged record by record (the database was unreachable): then every record may be missing,
      // and all are retried (storing a Yjs update twice is harmless, losing one is not).
      const failed = new Set(failedIndexes(error, batch.length));
      batch.forEach((entry, index) => (failed.has(index) ? entry.reject(error) : entry.resolve()));
    }
  }

  async compact(docName: string, upToClock: number, snapshot: Uint8Array): Promise<void> {
    // In one transaction: either the snapshot replaces the records or nothing changed. Even a partial
    // result would lose nothing, since applying a Yjs update twice changes nothing.
    await mongoose.connection.transaction(async (session) => {
      await CollabUpdateModel.deleteMany(
        { docName, clock: mongoose.trusted({ $lte: upToClock }) },
        { session },
      );
      await CollabUpdateModel.create(
        [{ docName, clock: upToClock, kind: 'snapshot', data: Buffer.from(snapshot), createdAt: new Date() }],
        { session },
      );
    });
    // Compaction is also when each editor's deletion records are merged into one.
    await mergeEditorDeletions(docName).catch(() => undefined); // tried again at the next compaction
  }

  recordEditors(docName: string, activity: EditorActivity[]): Promise<void> {
    return recordEditors(docName, activity);
  }
}
