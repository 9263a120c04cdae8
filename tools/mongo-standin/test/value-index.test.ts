import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal128, Long, ObjectId } from 'bson';
import { Collection } from '../src/collection.ts';
import type { CollectionAccess } from '../src/collection-access.ts';
import { selectDocuments } from '../src/document-selection.ts';
import { loadDataFolder, startStandin } from '../src/index.ts';
import type { Document } from '../src/types.ts';
import { idKeyOf } from '../src/unique-index.ts';
import { lookupKeysOf } from '../src/value-index.ts';
import { connectTo, nativeDb } from './standin-harness.ts';

/** A collection indexed on `{ tag: 1, n: 1 }` holding `documents` among 50 others, so lookups are small next to a scan. */
function collectionWith(documents: readonly Document[]): Collection {
  const collection = new Collection('test', 'things');
  collection.addIndex({ v: 2, key: { tag: 1, n: 1 }, name: 'by_tag' });
  for (let n = 0; n < 50; n += 1) collection.insert({ _id: `other ${n}`, tag: `other ${n}`, n });
  for (const document of documents) collection.insert(document);
  return collection;
}

function namesWith(collection: Collection, field: string, value: unknown): unknown[] | undefined {
  const keys = lookupKeysOf(value);
  if (!keys) throw new Error(`no lookup for ${String(value)}`);
  return collection.indexedDocuments([{ field, keys }])?.map((document) => document['_id']);
}

/** Access to a collection that counts full scans, to see which filters the index serves. */
function countingAccess(collection: Collection): CollectionAccess & { scans: number } {
  const refuse = () => {
    throw new Error('read-only');
  };
  return {
    databaseName: collection.databaseName,
    collectionName: collection.name,
    namespace: collection.namespace,
    scans: 0,
    documents() {
      this.scans += 1;
      return [...collection.documents.values()];
    },
    count: () => collection.documents.size,
    get: (idKey) => collection.documents.get(idKey),
    indexedDocuments: (pins) => collection.indexedDocuments(pins),
    insert: refuse,
    replace: refuse,
    remove: refuse,
    assertWritable: () => undefined,
  };
}

describe('MongoDB stand-in: value indexes', () => {
  it('returns the documents holding a value in natural order, whatever the order they came to hold it', () => {
    const collection = collectionWith([
      { _id: 'x', tag: 'b' },
      { _id: 'y', tag: 'a' },
      { _id: 'z', tag: ['c', 'a', 'a'] },
      { _id: 'w', tag: 'c' },
    ]);
    collection.replace('sx', { _id: 'x', tag: 'a' });
    expect(namesWith(collection, 'tag', 'a')).toEqual(['x', 'y', 'z']);
    expect(namesWith(collection, 'tag', 'b')).toEqual([]);
    collection.remove(idKeyOf({ _id: 'y' }));
    collection.insert({ _id: 'y', tag: 'a' });
    expect(namesWith(collection, 'tag', 'a')).toEqual(['x', 'z', 'y']);
    // Only the leading field of an index is served; `_id` has its own map.
    expect(collection.indexedDocuments([{ field: 'n', keys: lookupKeysOf(1) ?? [] }])).toBeUndefined();
  });

  it('gives equal numbers one key, and keeps BSON number objects for every numeric lookup', () => {
    const collection = collectionWith([
      { _id: 1, tag: 1 },
      { _id: 2, tag: -0 },
      { _id: 3, tag: Long.fromString('9007199254740993') },
      { _id: 4, tag: Decimal128.fromString('1') },
      { _id: 5, tag: '1' },
      { _id: 6, tag: [[1]] },
    ]);
    expect(namesWith(collection, 'tag', 1)).toEqual([1, 3, 4, 6]);
    expect(namesWith(collection, 'tag', 0)).toEqual([2, 3, 4]);
    expect(namesWith(collection, 'tag', '1')).toEqual([5]);
  });

  it('leaves values with matching rules of their own to a scan', () => {
    for (const value of [
      null,
      undefined,
      /a/,
      ['a'],
      { a: 1 },
      Number.NaN,
      Long.fromNumber(1),
      Decimal128.fromString('1'),
    ])
      expect(lookupKeysOf(value)).toBeUndefined();
    for (const value of ['a', 1, true, new Date(0), new ObjectId()])
      expect(lookupKeysOf(value)).toBeDefined();

    const access = countingAccess(
      collectionWith([
        { _id: 1, tag: 'a', n: 1, sub: { tag: 'a' } },
        { _id: 2, n: 2 },
      ]),
    );
    const served = [
      { tag: 'a' },
      { tag: { $eq: 'a' }, n: { $gt: 0 } },
      { tag: { $in: ['a', 'b'] } },
      { $and: [{ n: 1 }, { tag: 'a' }] },
      { tag: 'a', $or: [{ n: 1 }, { n: 2 }] },
    ];
    for (const filter of served) expect(selectDocuments(access, { filter })).toHaveLength(1);
    expect(access.scans).toBe(0);
    const scanned = [
      { tag: null },
      { tag: { $in: ['a', null] } },
      { tag: /a/ },
      { tag: ['a'] },
      { tag: { $ne: 'b' } },
      { 'sub.tag': 'a' },
      { $or: [{ tag: 'a' }] },
      { n: 1 },
    ];
    for (const filter of scanned) selectDocuments(access, { filter });
    expect(access.scans).toBe(scanned.length);
  });

  it('gives a transaction working copy buckets of its own', () => {
    const live = collectionWith([
      { _id: 1, tag: 'a' },
      { _id: 2, tag: 'b' },
    ]);
    const working = live.copy();
    live.replace(idKeyOf({ _id: 1 }), { _id: 1, tag: 'b' });
    working.remove(idKeyOf({ _id: 2 }));
    working.insert({ _id: 3, tag: 'a' });
    expect(namesWith(live, 'tag', 'a')).toEqual([]);
    expect(namesWith(live, 'tag', 'b')).toEqual([1, 2]);
    expect(namesWith(working, 'tag', 'a')).toEqual([1, 3]);
    expect(namesWith(working, 'tag', 'b')).toEqual([]);
  });

  it('is rebuilt when a data folder is loaded', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'standin-value-index-'));
    try {
      const standin = await startStandin({ dataDir });
      const connection = await connectTo(standin, 'reloaded');
      const things = nativeDb(connection).collection<{ _id: string; docName: string; clock: number }>(
        'things',
      );
      await things.createIndex({ docName: 1, clock: 1 }, { unique: true });
      await things.insertMany([
        { _id: 'one', docName: 'x', clock: 1 },
        { _id: 'two', docName: 'y', clock: 1 },
        { _id: 'three', docName: 'x', clock: 2 },
      ]);
      await things.updateOne({ _id: 'one' }, { $set: { docName: 'y', clock: 3 } });
      await connection.close();
      await standin.close();
      const { store } = await loadDataFolder(dataDir);
      const reloaded = store.getCollection('reloaded', 'things');
      expect(reloaded && namesWith(reloaded, 'docName', 'y')).toEqual(['one', 'two']);
      expect(reloaded && namesWith(reloaded, 'docName', 'x')).toEqual(['three']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
