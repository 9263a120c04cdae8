import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Binary, Int32, Long, ObjectId } from 'bson';
import type { Connection } from 'mongoose';
import type { Collection, Document, Filter } from 'mongodb';

/** Documents numbered by hand, so both collections hold the same ids. */
type NumberedDocument = { _id: number; [field: string]: unknown };
import { startStandin, type Standin } from '../src/index.ts';
import { connectTo, nativeDb } from './standin-harness.ts';

// The stand-in answers string equalities on top-level fields and `$set` of top-level fields without
// mingo. Each case below runs once that way and once in a form mingo must answer (a one-branch `$and`,
// an extra `$unset` of a field no document has): both must agree, order and field order included.

/** Runs one update both ways (as given, and with an `$unset` of a field nobody has, which mingo must apply). */
async function updateBothWays(
  fast: Collection<NumberedDocument>,
  compiled: Collection<NumberedDocument>,
  filter: Filter<NumberedDocument>,
  update: Document,
): Promise<void> {
  const viaFast = await fast.updateMany(filter, update);
  const viaCompiled = await compiled.updateMany(filter, { ...update, $unset: { neverThere: '' } });
  expect([viaFast.matchedCount, viaFast.modifiedCount]).toEqual([
    viaCompiled.matchedCount,
    viaCompiled.modifiedCount,
  ]);
}

/** Both collections hold the same documents, with their fields in the same order. */
async function expectSameDocuments(
  fast: Collection<NumberedDocument>,
  compiled: Collection<NumberedDocument>,
): Promise<NumberedDocument[]> {
  const fastDocuments = await fast.find().toArray();
  const compiledDocuments = await compiled.find().toArray();
  expect(fastDocuments).toEqual(compiledDocuments);
  expect(fastDocuments.map((document) => Object.keys(document))).toEqual(
    compiledDocuments.map((document) => Object.keys(document)),
  );
  return fastDocuments;
}

const withoutIds = (documents: Document[]) => documents.map(({ _id, ...rest }) => rest);

describe('the stand-in answers its most frequent statements without mingo, as mingo would', () => {
  let standin: Standin;
  let connection: Connection;

  beforeAll(async () => {
    standin = await startStandin();
    connection = await connectTo(standin, 'fastpaths');
  });
  afterAll(async () => {
    await connection.close();
    await standin.close();
  });

  it('finds, counts and deletes by string equalities as a compiled query does', async () => {
    const collection = nativeDb(connection).collection('equalities');
    await collection.insertMany([
      { f: 'x', g: 'y' },
      { f: ['y', 'x'], g: 'y' },
      { f: [['x']], g: 'y' },
      { f: 'X', g: 'y' },
      { g: 'y' },
      { f: null, g: 'y' },
      { f: 1, g: 'y' },
      { f: { f: 'x' }, g: 'y' },
      { f: 'x', g: ['z', 'y'] },
      { f: 'x', g: 'z' },
      { f: '', g: 'y' },
    ]);
    const filters: Document[] = [{ f: 'x' }, { f: 'x', g: 'y' }, { g: 'y' }, { f: '' }, { f: 'absent' }];
    for (const filter of filters) {
      const fast = await collection.find(filter).toArray();
      const compiled = await collection.find({ $and: [filter] }).toArray();
      expect(fast).toEqual(compiled);
      expect(await collection.countDocuments(filter)).toBe(compiled.length);
    }
    expect((await collection.find({ f: 'x' }).toArray()).map((document) => document['g'])).toEqual([
      'y',
      'y',
      ['z', 'y'],
      'z',
    ]);
    const deleted = await collection.deleteMany({ f: 'x', g: 'y' });
    expect(deleted.deletedCount).toBe(3);
    expect(await collection.countDocuments({ $and: [{ f: 'x', g: 'y' }] })).toBe(0);
  });

  it('sets top-level fields as mingo does: values, types, field order and what counts as modified', async () => {
    const fast = nativeDb(connection).collection<NumberedDocument>('set-fast');
    const compiled = nativeDb(connection).collection<NumberedDocument>('set-compiled');
    const seed: NumberedDocument[] = [
      { _id: 1, k: 'a', n: new Int32(1), list: [1, 2], nested: { d: 1 }, at: new Date(0) },
      { _id: 2, k: 'b', n: 2.5, list: [], nested: null },
      { _id: 3, k: 'c' },
    ];
    await fast.insertMany(seed);
    await compiled.insertMany(seed);
    const updates: Document[] = [
      // No change at all, then a type change (int32 1 to a long 1), new fields, nested values, a Date.
      { n: new Int32(1), k: 'a' },
      { n: Long.fromNumber(1) },
      {
        added: 'z',
        list: [3],
        nested: { d: 2, e: [1] },
        at: new Date(1000),
        id: new ObjectId('0123456789abcdef01234567'),
      },
    ];
    for (const fields of updates) {
      for (const filter of [{ _id: 1 }, { k: 'b' }, {}] as Filter<NumberedDocument>[]) {
        await updateBothWays(fast, compiled, filter, { $set: fields });
      }
    }
    await expectSameDocuments(fast, compiled);
  });

  it('adds to sets and pushes as mingo does; a set made from scratch holds each value once, as in MongoDB', async () => {
    const fast = nativeDb(connection).collection<NumberedDocument>('add-fast');
    const compiled = nativeDb(connection).collection<NumberedDocument>('add-compiled');
    const seed: NumberedDocument[] = [
      { _id: 1, ids: [1, 2], log: [], words: ['a'] },
      { _id: 2, ids: [], log: [new Binary(Buffer.from([9]))] },
      { _id: 3 },
    ];
    await fast.insertMany(seed);
    await compiled.insertMany(seed);
    const updates: Document[] = [
      { $set: { name: 'Anne' }, $addToSet: { ids: { $each: [2, 3] } } },
      { $addToSet: { ids: 2 } },
      { $push: { log: new Binary(Buffer.from([1, 2])) }, $set: { at: new Date(3) } },
      { $addToSet: { words: { $each: ['b', 'a'] } } },
      { $push: { log: 'text' } },
    ];
    for (const update of updates) await updateBothWays(fast, compiled, {}, update);
    const fastDocuments = await expectSameDocuments(fast, compiled);
    expect(fastDocuments[0]!['ids']).toEqual([1, 2, 3]);
    // mingo would keep [5, 5]; MongoDB adds each value once.
    await fast.updateOne({ _id: 3 }, { $addToSet: { twice: { $each: [5, 5] } } } as Document);
    expect((await fast.findOne({ _id: 3 }))!['twice']).toEqual([5]);
  });

  it('builds upserted documents as mingo does, from the query, $set and $setOnInsert', async () => {
    const fast = nativeDb(connection).collection('upsert-fast');
    const compiled = nativeDb(connection).collection('upsert-compiled');
    const statements: [Document, Document][] = [
      [
        { docName: 'd1', editorKey: 'p:1' },
        { $set: { name: 'Anne', at: new Date(5) }, $setOnInsert: { deletions: [] } },
      ],
      [
        { docName: 'd1', editorKey: 'p:1' },
        { $set: { name: 'Anne B.' }, $setOnInsert: { deletions: ['x'] } },
      ],
      [{ docName: 'd2', 'meta.kind': 'x' }, { $set: { name: 'Nested query field' } }],
      [{ docName: 'd3' }, { $set: { 'a.b': 1 }, $setOnInsert: { c: 1 } }],
    ];
    for (const [filter, update] of statements) {
      const viaFast = await fast.updateOne(filter, update, { upsert: true });
      const viaCompiled = await compiled.updateOne(
        filter,
        { ...update, $unset: { neverThere: '' } },
        { upsert: true },
      );
      expect([viaFast.matchedCount, viaFast.modifiedCount, viaFast.upsertedCount]).toEqual([
        viaCompiled.matchedCount,
        viaCompiled.modifiedCount,
        viaCompiled.upsertedCount,
      ]);
    }
    const fastDocuments = withoutIds(await fast.find().toArray());
    expect(fastDocuments).toEqual(withoutIds(await compiled.find().toArray()));
    expect(fastDocuments.map((document) => Object.keys(document))).toEqual(
      withoutIds(await compiled.find().toArray()).map((document) => Object.keys(document)),
    );
    expect(fastDocuments[0]).toEqual({
      docName: 'd1',
      editorKey: 'p:1',
      name: 'Anne B.',
      at: new Date(5),
      deletions: [],
    });
  });
  it('leaves every earlier version of a document as it was (an aborted transaction restores it)', async () => {
    const collection = nativeDb(connection).collection<{
      name: string;
      sub: { a: number };
      list: number[];
      seen: Date;
      step?: number;
    }>('versions');
    await collection.insertOne({ name: 'plan', sub: { a: 1 }, list: [1], seen: new Date(5) });
    const before = await collection.findOne({ name: 'plan' });
    const session = connection.getClient().startSession();
    try {
      session.startTransaction();
      // Fast updates share the stored values they keep; the compiled one must not change them in place.
      await collection.updateOne({ name: 'plan' }, { $set: { step: 1 }, $push: { list: 2 } }, { session });
      await collection.updateOne({ name: 'plan' }, { $set: { 'sub.a': 2 }, $push: { list: 3 } }, { session });
      await collection.updateOne({ name: 'plan' }, { $addToSet: { list: 4 } }, { session });
      expect(await collection.findOne({ name: 'plan' }, { session })).toMatchObject({
        sub: { a: 2 },
        list: [1, 2, 3, 4],
        step: 1,
      });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await collection.findOne({ name: 'plan' })).toEqual(before);
  });

  it('counts a $set of the value already held (a string, a number, a date, null) as no change', async () => {
    const fast = nativeDb(connection).collection<NumberedDocument>('unchangedFast');
    const compiled = nativeDb(connection).collection<NumberedDocument>('unchangedCompiled');
    const documents = [
      { _id: 1, s: 'x', d: new Date(7), z: null, f: 0 },
      { _id: 2, s: 'y', d: new Date(8), z: 3, f: 1.5 },
    ];
    await fast.insertMany(documents.map((document) => ({ ...document })));
    await compiled.insertMany(documents.map((document) => ({ ...document })));
    await updateBothWays(fast, compiled, {}, { $set: { s: 'x', d: new Date(7), z: null, f: 0 } });
    await updateBothWays(fast, compiled, {}, { $set: { f: 1.5, z: 3 } });
    await expectSameDocuments(fast, compiled);
  });
});
