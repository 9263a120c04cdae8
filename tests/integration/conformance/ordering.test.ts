import { Binary, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './connect.ts';

// One value of each BSON type, listed in MongoDB's comparison order (an array sorts by its elements: below).
const valuesInOrder: Array<[string, unknown]> = [
  ['minKey', new MinKey()],
  ['null', null],
  ['number', 1],
  ['string', 'a'],
  ['object', { a: 1 }],
  ['binary', new Binary(Buffer.from([1, 2]))],
  ['objectId', new ObjectId('000000000000000000000001')],
  ['boolean', false],
  ['date', new Date('2026-01-01T00:00:00Z')],
  ['timestamp', new Timestamp({ t: 1, i: 1 })],
  ['regex', /abc/],
  ['maxKey', new MaxKey()],
];

describe('MongoDB conformance: sort order across BSON types', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('ordering');
    const mixed = database.db.collection('mixed');
    // Inserted in reverse so that natural order cannot pass for a sort.
    await mixed.insertMany([...valuesInOrder].reverse().map(([label, value]) => ({ label, value })));
    const numbers = database.db.collection('numbers');
    await numbers.insertMany([
      { label: 'three', value: 3 },
      { label: 'missing' },
      { label: 'array 2 and 9', value: [2, 9] },
      { label: 'one and a half', value: 1.5 },
      { label: 'empty array', value: [] },
      { label: 'string', value: '10' },
    ]);
  });

  afterAll(async () => {
    await database.close();
  });

  async function labels(collection: string, direction: 1 | -1): Promise<string[]> {
    const documents = await database.db
      .collection(collection)
      .find({}, { projection: { _id: 0, label: 1 } })
      .sort({ value: direction, label: 1 })
      .toArray();
    return documents.map((document) => String(document['label']));
  }

  it('orders every BSON type as MongoDB does, in find and in aggregate', async () => {
    const expected = valuesInOrder.map(([label]) => label);
    expect(await labels('mixed', 1)).toEqual(expected);
    expect(await labels('mixed', -1)).toEqual([...expected].reverse());
    const aggregated = await database.db
      .collection('mixed')
      .aggregate([{ $sort: { value: 1 } }, { $project: { _id: 0, label: 1 } }])
      .toArray();
    expect(aggregated.map((document) => document['label'])).toEqual(expected);
  });

  it('sorts arrays by their smallest element ascending and their largest descending; an empty array first', async () => {
    expect(await labels('numbers', 1)).toEqual([
      'empty array',
      'missing',
      'one and a half',
      'array 2 and 9',
      'three',
      'string',
    ]);
    expect(await labels('numbers', -1)).toEqual([
      'string',
      'array 2 and 9',
      'three',
      'one and a half',
      'missing',
      'empty array',
    ]);
  });
});
