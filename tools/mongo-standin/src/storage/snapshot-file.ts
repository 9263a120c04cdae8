import { randomUUID } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'bson';
import { Collection } from '../collection.ts';
import type { DataStore } from '../data-store.ts';
import { isDocument, type Document } from '../types.ts';
import { idKeyOf, type IndexDefinition } from '../unique-index.ts';
import { BSON_READ_OPTIONS } from '../wire-protocol.ts';
import { syncDirectory } from './journal-file.ts';

/** Name of the compacted snapshot inside the data folder. */
export const SNAPSHOT_FILE_NAME = 'snapshot.bson';
/** The single snapshot file of earlier versions (no journal): still read, removed by the first compaction. */
export const LEGACY_SNAPSHOT_FILE_NAME = 'standin-snapshot.bson';
/** Suffix of a snapshot being written; such files are deleted at start. */
export const TEMP_SUFFIX = '.tmp';

const FORMAT = 'mongodb-standin-snapshot';
const FORMAT_VERSION = 2;
/** Bytes encoded between two yields to the event loop, so a compaction never stalls the commands for long. */
const YIELD_EVERY_BYTES = 1024 * 1024;

/** A point-in-time copy of the data set: stored documents are immutable, so copying the references is enough. */
export interface CapturedCollection {
  definition: Document;
  documents: Document[];
}

/** Takes the references of every collection's definition and documents, synchronously (a few ms at 50k documents). */
export function captureSnapshot(store: DataStore): CapturedCollection[] {
  return store.allCollections().map((collection) => ({
    definition: {
      database: collection.databaseName,
      name: collection.name,
      options: collection.options,
      uuid: collection.uuid,
      indexes: [...collection.indexes.values()],
    },
    documents: [...collection.documents.values()],
  }));
}

function record(document: Document): Buffer {
  const bytes = serialize(document, { checkKeys: false, ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Writes a captured data set as snapshot `generation` (it holds every journal below it): header, then per
 * collection its definition and documents, then a trailer with counts proving the file complete. Encodes in
 * slices between which other work runs; writes a temporary file, fsyncs, renames. Returns its size.
 */
export async function writeSnapshot(
  directory: string,
  generation: number,
  collections: readonly CapturedCollection[],
): Promise<number> {
  const finalPath = join(directory, SNAPSHOT_FILE_NAME);
  const temporaryPath = `${finalPath}.${randomUUID()}${TEMP_SUFFIX}`;
  const handle = await open(temporaryPath, 'w', 0o600);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let written = 0;
  const add = async (bytes: Buffer) => {
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes < YIELD_EVERY_BYTES) return;
    await handle.write(Buffer.concat(pending, pendingBytes));
    written += pendingBytes;
    pending = [];
    pendingBytes = 0;
  };
  try {
    let documents = 0;
    await add(record({ format: FORMAT, version: FORMAT_VERSION, generation, savedAt: new Date() }));
    for (const collection of collections) {
      await add(record({ collection: collection.definition }));
      for (const document of collection.documents) await add(record({ document }));
      documents += collection.documents.length;
    }
    await add(record({ end: { collections: collections.length, documents } }));
    await handle.write(Buffer.concat(pending, pendingBytes));
    written += pendingBytes;
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporaryPath, finalPath);
  await syncDirectory(directory);
  return written;
}

function corrupt(reason: string): Error {
  return new Error(`MongoDB stand-in snapshot is corrupt: ${reason}`);
}

/** A snapshot read back: its collections (unique indexes not built yet) and the first journal to replay. */
export interface LoadedSnapshot {
  collections: Collection[];
  generation: number;
  bytes: number;
}

/** Decodes a snapshot file (format 1, the legacy single file, counts as generation 1). */
export function decodeSnapshot(bytes: Buffer): LoadedSnapshot {
  const records: Document[] = [];
  for (let offset = 0; offset < bytes.length;) {
    if (offset + 5 > bytes.length) throw corrupt('truncated record');
    const size = bytes.readInt32LE(offset);
    if (size < 5 || offset + size > bytes.length) throw corrupt('invalid record length');
    records.push(deserialize(bytes.subarray(offset, offset + size), BSON_READ_OPTIONS));
    offset += size;
  }
  const [header, ...body] = records;
  const trailer = body.pop()?.['end'];
  if (header?.['format'] !== FORMAT || ![1, FORMAT_VERSION].includes(header['version'] as number))
    throw corrupt('unknown format');
  if (!isDocument(trailer)) throw corrupt('missing trailer');
  const collections: Collection[] = [];
  let documentCount = 0;
  for (const entry of body) {
    const definition = entry['collection'];
    const document = entry['document'];
    if (isDocument(definition)) {
      const collection = new Collection(
        String(definition['database']),
        String(definition['name']),
        isDocument(definition['options']) ? definition['options'] : {},
        definition['uuid'],
      );
      const indexes = Array.isArray(definition['indexes']) ? definition['indexes'].filter(isDocument) : [];
      for (const index of indexes) collection.indexes.set(String(index['name']), index as IndexDefinition);
      collections.push(collection);
    } else if (isDocument(document)) {
      const collection = collections.at(-1);
      if (!collection) throw corrupt('document before any collection');
      collection.documents.set(idKeyOf(document), document);
      documentCount += 1;
    } else {
      throw corrupt('unknown record');
    }
  }
  if (trailer['collections'] !== collections.length || trailer['documents'] !== documentCount) {
    throw corrupt('record counts do not match the trailer');
  }
  const generation = typeof header['generation'] === 'number' ? header['generation'] : 1;
  return { collections, generation, bytes: bytes.length };
}

/** Loads the newest snapshot of `directory` (the legacy file if that is all there is); none yet: undefined. */
export async function readSnapshot(directory: string): Promise<LoadedSnapshot | undefined> {
  for (const name of [SNAPSHOT_FILE_NAME, LEGACY_SNAPSHOT_FILE_NAME]) {
    const bytes = await readFile(join(directory, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (bytes) return decodeSnapshot(bytes);
  }
  return undefined;
}
