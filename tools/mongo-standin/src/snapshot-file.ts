import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'bson';
import { Collection } from './collection.ts';
import type { DataStore } from './data-store.ts';
import { isDocument, type Document } from './types.ts';
import type { IndexDefinition } from './unique-index.ts';
import { BSON_READ_OPTIONS } from './wire-protocol.ts';

/** Name of the snapshot inside the data directory. */
export const SNAPSHOT_FILE_NAME = 'standin-snapshot.bson';

const FORMAT = 'mongodb-standin-snapshot';
const FORMAT_VERSION = 1;
const TEMP_SUFFIX = '.tmp';
const WRITE_CHUNK_BYTES = 1024 * 1024;

function record(document: Document): Buffer {
  const bytes = serialize(document, { checkKeys: false, ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Encodes every collection as a sequence of BSON records: a header, then per collection its
 * definition followed by its documents, then a trailer with counts that proves the file is complete.
 * Runs synchronously so the snapshot is one consistent point in time.
 */
export function encodeSnapshot(store: DataStore): Buffer[] {
  const records = [record({ format: FORMAT, version: FORMAT_VERSION, savedAt: new Date() })];
  let collections = 0;
  let documents = 0;
  for (const collection of store.allCollections()) {
    collections += 1;
    records.push(
      record({
        collection: {
          database: collection.databaseName,
          name: collection.name,
          options: collection.options,
          uuid: collection.uuid,
          indexes: [...collection.indexes.values()],
        },
      }),
    );
    for (const document of collection.documents.values()) {
      documents += 1;
      records.push(record({ document }));
    }
  }
  records.push(record({ end: { collections, documents } }));
  return records;
}

function corrupt(reason: string): Error {
  return new Error(`MongoDB stand-in snapshot is corrupt: ${reason}`);
}

/** Decodes a snapshot back into collections (indexes rebuilt, unique constraints re-checked). */
export function decodeSnapshot(bytes: Buffer): Collection[] {
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
  if (header?.['format'] !== FORMAT || header['version'] !== FORMAT_VERSION) throw corrupt('unknown format');
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
      for (const index of indexes)
        if (index['name'] !== '_id_') collection.addIndex(index as IndexDefinition);
      collections.push(collection);
    } else if (isDocument(document)) {
      const collection = collections.at(-1);
      if (!collection) throw corrupt('document before any collection');
      collection.insert(document);
      documentCount += 1;
    } else {
      throw corrupt('unknown record');
    }
  }
  if (trailer['collections'] !== collections.length || trailer['documents'] !== documentCount) {
    throw corrupt('record counts do not match the trailer');
  }
  return collections;
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

/** Writes the records to a temporary file, fsyncs it, then renames it over the snapshot: readers see the old or the new file, never a partial one. */
export async function writeSnapshotAtomically(directory: string, records: readonly Buffer[]): Promise<void> {
  await mkdir(directory, { recursive: true });
  const finalPath = join(directory, SNAPSHOT_FILE_NAME);
  const temporaryPath = `${finalPath}.${process.pid}.${randomUUID()}${TEMP_SUFFIX}`;
  const handle = await open(temporaryPath, 'w', 0o600);
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const bytes of records) {
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) {
        await handle.write(Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes > 0) await handle.write(Buffer.concat(pending, pendingBytes));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporaryPath, finalPath);
  await syncDirectory(directory);
}

/** Loads the snapshot of `directory` (none yet: undefined), deleting temp files left by an interrupted write. */
export async function readSnapshot(directory: string): Promise<Collection[] | undefined> {
  const entries = await readdir(directory).catch((error: NodeJS.ErrnoException): string[] => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) {
    if (entry.startsWith(`${SNAPSHOT_FILE_NAME}.`) && entry.endsWith(TEMP_SUFFIX)) {
      await unlink(join(directory, entry)).catch(() => undefined);
    }
  }
  if (!entries.includes(SNAPSHOT_FILE_NAME)) return undefined;
  return decodeSnapshot(await readFile(join(directory, SNAPSHOT_FILE_NAME)));
}
