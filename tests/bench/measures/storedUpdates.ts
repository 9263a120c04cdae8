import path from 'node:path';
import { Binary, calculateObjectSize } from 'bson';
import * as Y from 'yjs';
import { loadDataFolder } from '../../../tools/mongo-standin/src/storage/storage.ts';

/** The `CollabUpdate` records of some documents, as the database holds them. */
export interface StoredUpdates {
  records: number;
  snapshots: number;
  /** Bytes of the stored Yjs updates alone. */
  dataBytes: number;
  /** Bytes of the whole BSON records (update plus document name, clock, kind, dates, id). */
  recordBytes: number;
  /** Per document, the Yjs state vector (base64) of its merged records: which edits are stored. */
  stateVectors: Map<string, string>;
}

function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Binary) return data.value();
  if (data instanceof Uint8Array) return data;
  return new Uint8Array();
}

function byteLength(data: unknown): number {
  return bytesOf(data).byteLength;
}

/**
 * Reads the `CollabUpdate` records of `docNames` from the stand-in's data folder (snapshot and journal,
 * replayed), after the server and its stand-in have stopped.
 */
export async function readStoredUpdates(
  dataDir: string,
  docNames: ReadonlySet<string>,
): Promise<StoredUpdates> {
  const collections = (await loadDataFolder(path.join(dataDir, 'standin'))).store.allCollections();
  const collection = collections.find((candidate) => candidate.name === 'collabupdates');
  const stored: StoredUpdates = {
    records: 0,
    snapshots: 0,
    dataBytes: 0,
    recordBytes: 0,
    stateVectors: new Map(),
  };
  const updates = new Map<string, Uint8Array[]>();
  for (const record of collection?.documents.values() ?? []) {
    if (!docNames.has(String(record['docName']))) continue;
    stored.records += 1;
    if (record['kind'] === 'snapshot') stored.snapshots += 1;
    stored.dataBytes += byteLength(record['data']);
    const docName = String(record['docName']);
    updates.set(docName, [...(updates.get(docName) ?? []), bytesOf(record['data'])]);
    stored.recordBytes += calculateObjectSize(record);
  }
  for (const [docName, list] of updates) {
    const stateVector = Y.encodeStateVectorFromUpdate(Y.mergeUpdates(list));
    stored.stateVectors.set(docName, Buffer.from(stateVector).toString('base64'));
  }
  return stored;
}
