import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import type { Connection } from 'mongoose';
import type { ClientSession, Collection, Document } from 'mongodb';
import { startStandin, type Standin } from '../src/index.ts';
import { connectTo, nativeDb } from './standin-harness.ts';

const OID = new ObjectId();
const AT = new Date('2026-03-04T05:06:07.000Z');
// Values a query may pin `tag` to: those the index serves and those it must leave to a scan.
const PROBES: unknown[] = [
  'a',
  'b',
  'c',
  'tx',
  1,
  new Double(1),
  new Int32(1),
  Long.fromNumber(1),
  2,
  1.5,
  Decimal128.fromString('1.5'),
  true,
  AT,
  OID,
  null,
  /^a/,
  ['a', 'c'],
  { nested: 'a' },
];

/** Every query the index can serve returns exactly what the same query returns through a scan (a one-branch `$or`), in the same order. */
async function expectIndexAgreesWithScan(
  collection: Collection,
  session?: ClientSession,
  field = 'tag',
): Promise<void> {
  const options = session ? { session } : {};
  for (const value of PROBES) {
    for (const condition of [value, { $eq: value }, { $in: [value, 'absent'] }]) {
      const pinned = { [field]: condition };
      const scanned = await collection.find({ $or: [pinned] }, options).toArray();
      expect(await collection.find(pinned, options).toArray()).toEqual(scanned);
      expect(await collection.find({ $and: [pinned, { n: { $gte: 0 } }] }, options).toArray()).toEqual(
        scanned.filter((document) => typeof document['n'] === 'number' && document['n'] >= 0),
      );
      const aggregated = await collection.aggregate([{ $match: pinned }], options).toArray();
      expect(aggregated).toEqual(scanned);
      expect(await collection.countDocuments(pinned, options)).toBe(scanned.length);
    }
  }
}

function names(documents: readonly Document[]): unknown[] {
  return documents.map((document) => document['name']);
}

describe('MongoDB stand-in: equalities answered through declared indexes', () => {
  let dataDir: string;
  let standin: Standin;
  let connection: Connection;
  let things: Collection;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'standin-indexed-'));
    standin = await startStandin({ dataDir, ttlMonitorIntervalMs: 50 });
    connection = await connectTo(standin, 'indexed');
    things = nativeDb(connection).collection('things');
    await things.createIndex({ tag: 1, n: 1 });
    // Lookups must be small next to the collection for the index to be worth using.
    await things.insertMany(
      Array.from({ length: 100 }, (_, n) => ({ name: `other ${n}`, tag: `other ${n}`, n: -n })),
    );
    await things.insertMany([
      { name: 'first a', tag: 'a', n: 1 },
      { name: 'b', tag: 'b', n: 2 },
      { name: 'one as a double', tag: new Double(1), n: 3 },
      { name: 'one as an int32', tag: new Int32(1), n: 4 },
      { name: 'one as a long', tag: Long.fromNumber(1), n: 5 },
      { name: 'a decimal', tag: Decimal128.fromString('1.5'), n: 6 },
      { name: 'multikey', tag: ['a', 'c'], n: 7 },
      { name: 'nested arrays', tag: [['a'], [1]], n: 8 },
      { name: 'null', tag: null, n: 9 },
      { name: 'missing', n: 10 },
      { name: 'date', tag: AT, n: 11 },
      { name: 'object id', tag: OID, n: 12 },
      { name: 'boolean', tag: true, n: 13 },
      { name: 'document', tag: { nested: 'a' }, n: 14 },
      { name: 'second a', tag: 'a', n: 15 },
    ]);
  });

  afterAll(async () => {
    await connection.close();
    await standin.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds what a scan finds, in natural order, for numbers of any BSON type, arrays, null and missing', async () => {
    await expectIndexAgreesWithScan(things);
    expect(names(await things.find({ tag: 'a' }).toArray())).toEqual(['first a', 'multikey', 'second a']);
    expect(names(await things.find({ tag: Long.fromNumber(1) }).toArray())).toEqual([
      'one as a double',
      'one as an int32',
      'one as a long',
    ]);
    expect(names(await things.find({ tag: null }).toArray())).toEqual(['null', 'missing']);
    expect(names(await things.find({ tag: 'a' }).sort({ n: -1 }).toArray())).toEqual([
      'second a',
      'multikey',
      'first a',
    ]);
    expect(await things.distinct('n', { tag: 'a' })).toEqual([1, 7, 15]);
  });

  it('stays exact through updates, replacements, upserts, deletes and findAndModify', async () => {
    await things.updateOne({ name: 'first a' }, { $set: { tag: 'b' } });
    await things.updateOne({ name: 'b' }, { $unset: { tag: '' } });
    await things.updateOne(
      { name: 'multikey' },
      { $set: { 'tag.$[element]': 'b' } },
      { arrayFilters: [{ element: 'a' }] },
    );
    await things.updateOne({ name: 'multikey' }, { $set: { 'tag.2': 'tx' } });
    await things.updateOne({ tag: 'c' }, { $set: { 'tag.$': 'a' } });
    await things.updateMany({ tag: 'a' }, { $set: { seen: true } });
    await things.replaceOne({ name: 'date' }, { name: 'date replaced', tag: 2, n: 11 });
    await things.updateOne({ tag: 'c', name: 'upserted' }, { $set: { n: 16 } }, { upsert: true });
    await things.bulkWrite([
      { updateOne: { filter: { tag: 'b', name: 'bulk' }, update: { $set: { n: 17 } }, upsert: true } },
      { updateOne: { filter: { tag: 'b', name: 'bulk' }, update: { $set: { n: 18 } }, upsert: true } },
    ]);
    await things.findOneAndUpdate({ tag: true }, { $set: { tag: 'c' } });
    await things.findOneAndDelete({ tag: 'a', name: 'second a' });
    await things.deleteOne({ tag: 2 });
    await things.deleteMany({ tag: Long.fromNumber(1) });
    await expectIndexAgreesWithScan(things);
    expect(names(await things.find({ tag: 'b' }).toArray())).toEqual(['first a', 'multikey', 'bulk']);
    expect(names(await things.find({ tag: 'c' }).toArray())).toEqual(['boolean', 'upserted']);
    // An equality does not reach into nested arrays, as in MongoDB.
    expect(names(await things.find({ tag: 1 }).toArray())).toEqual([]);
    expect(names(await things.find({ tag: 'tx' }).toArray())).toEqual(['multikey']);
  });

  it('keeps a transaction’s changes to itself and leaves no trace of an aborted one', async () => {
    const session = connection.getClient().startSession();
    try {
      session.startTransaction();
      await things.insertOne({ name: 'inserted in a transaction', tag: 'tx', n: 20 }, { session });
      // Written outside while the transaction is open: the transaction does not see it.
      await things.insertOne({ name: 'live while open', tag: 'tx', n: 21 });
      await things.updateOne({ name: 'upserted' }, { $set: { tag: 'b' } });
      await things.updateOne({ name: 'first a' }, { $set: { tag: 'tx' } }, { session });
      await things.deleteOne({ name: 'boolean' }, { session });
      await expectIndexAgreesWithScan(things, session);
      expect(names(await things.find({ tag: 'tx' }, { session }).toArray())).toEqual([
        'first a',
        'multikey',
        'inserted in a transaction',
      ]);
      expect(names(await things.find({ tag: 'c' }, { session }).toArray())).toEqual(['upserted']);
      expect(names(await things.find({ tag: 'tx' }).toArray())).toEqual(['multikey', 'live while open']);
      await session.abortTransaction();
      await expectIndexAgreesWithScan(things);
      expect(names(await things.find({ tag: 'tx' }).toArray())).toEqual(['multikey', 'live while open']);
      expect(names(await things.find({ tag: 'c' }).toArray())).toEqual(['boolean']);

      await session.withTransaction(async () => {
        await things.updateOne({ name: 'upserted' }, { $set: { tag: 'tx' } }, { session });
        await things.deleteMany({ tag: 'tx', name: 'live while open' }, { session });
      });
      await expectIndexAgreesWithScan(things);
      expect(names(await things.find({ tag: 'tx' }).toArray())).toEqual(['multikey', 'upserted']);
    } finally {
      await session.endSession();
    }
  });

  it('keeps serving queries through index drops and rebuilds, collection drops and TTL deletions', async () => {
    await things.dropIndex('tag_1_n_1');
    await things.insertOne({ name: 'while unindexed', tag: 'a', n: 30 });
    await expectIndexAgreesWithScan(things);
    // Built again from the documents stored meanwhile.
    await things.createIndex({ tag: -1 }, { unique: false });
    await expectIndexAgreesWithScan(things);
    expect(names(await things.find({ tag: 'a' }).toArray())).toContain('while unindexed');

    const dropped = nativeDb(connection).collection('dropped');
    await dropped.createIndex({ tag: 1 });
    await dropped.insertOne({ name: 'before the drop', tag: 'a' });
    await dropped.drop();
    await dropped.insertOne({ name: 'after the drop', tag: 'a' });
    expect(names(await dropped.find({ tag: 'a' }).toArray())).toEqual(['after the drop']);

    const sessions = nativeDb(connection).collection('sessions');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 60 });
    const expired = new Date(Date.now() - 61_000);
    await sessions.insertMany([
      { name: 'expired', expiresAt: expired },
      { name: 'fresh', expiresAt: AT },
    ]);
    await expect.poll(async () => names(await sessions.find({ expiresAt: expired }).toArray())).toEqual([]);
    expect(await sessions.countDocuments({ $or: [{ expiresAt: expired }] })).toBe(0);
  });

  it('serves dotted fields through arrays of documents and numeric steps', async () => {
    const families = nativeDb(connection).collection('families');
    await families.createIndex({ 'team.professionalId': 1 });
    await families.createIndex({ 'list.0': 1 });
    await families.insertMany([
      ...Array.from({ length: 50 }, (_, n) => ({
        name: `other ${n}`,
        team: [{ professionalId: `p${n + 10}` }],
      })),
      { name: 'array of documents', team: [{ professionalId: 'a' }, { professionalId: 'b' }], list: ['a'] },
      { name: 'one document', team: { professionalId: 'a' }, list: { 0: 'a' } },
      { name: 'array inside', team: { professionalId: ['b', 'c'] }, list: [['a']] },
      { name: 'nested arrays', team: [[{ professionalId: 'a' }]], list: ['b', 'a'] },
      { name: 'a string', team: 'a', list: 'a' },
      { name: 'null', team: [{ professionalId: null }, {}] },
    ]);
    await families.updateOne({ name: 'one document' }, { $set: { 'team.professionalId': 'c' } });
    await families.updateOne({ name: 'nested arrays' }, { $set: { 'list.0': 'a' } });
    for (const field of ['team.professionalId', 'list.0'])
      await expectIndexAgreesWithScan(families, undefined, field);
    expect(names(await families.find({ 'team.professionalId': 'b' }).toArray())).toEqual([
      'array of documents',
      'array inside',
    ]);
    // `list.0` of `[['a']]` is an array holding 'a'.
    expect(names(await families.find({ 'list.0': 'a' }).toArray())).toEqual([
      'array of documents',
      'one document',
      'array inside',
      'nested arrays',
    ]);
  });

  it('rebuilds the same maps when it restarts from its data folder', async () => {
    const before = await things.find({ tag: { $in: ['a', 'b', 'c', 'tx', 1, 2] } }).toArray();
    await connection.close();
    await standin.close();
    standin = await startStandin({ dataDir });
    connection = await connectTo(standin, 'indexed');
    things = nativeDb(connection).collection('things');
    expect(await things.find({ tag: { $in: ['a', 'b', 'c', 'tx', 1, 2] } }).toArray()).toEqual(before);
    await expectIndexAgreesWithScan(things);
    await things.insertOne({ name: 'after the restart', tag: 'a', n: 40 });
    expect(names(await things.find({ tag: 'a' }).toArray()).at(-1)).toBe('after the restart');
  });
});
