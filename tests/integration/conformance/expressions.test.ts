import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './connect.ts';

/** Aggregation expressions whose MongoDB semantics the stand-in must follow (not mingo's). */
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('expressions');
  await database.db
    .collection('series')
    .insertMany([
      { _id: 'array' as never, values: [3, 1, 2], dates: [new Date('2026-03-01'), new Date('2026-01-01')] },
      { _id: 'scalar' as never, values: 7, dates: new Date('2026-02-01') },
      { _id: 'missing' as never },
      { _id: 'nulls' as never, values: [null, 4], dates: null },
      { _id: 'empty' as never, values: [], dates: [] },
    ]);
});

afterAll(async () => {
  await database.close();
});

describe('MongoDB conformance: $min and $max as expressions', () => {
  it('traverse one array operand, keep a scalar, and answer null for a missing, null or empty one', async () => {
    const rows = await database.db
      .collection('series')
      .aggregate([
        {
          $project: {
            least: { $min: '$values' },
            most: { $max: '$values' },
            first: { $min: '$dates' },
            last: { $max: '$dates' },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 'array', least: 1, most: 3, first: new Date('2026-01-01'), last: new Date('2026-03-01') },
      { _id: 'empty', least: null, most: null, first: null, last: null },
      { _id: 'missing', least: null, most: null, first: null, last: null },
      { _id: 'nulls', least: 4, most: 4, first: null, last: null },
      { _id: 'scalar', least: 7, most: 7, first: new Date('2026-02-01'), last: new Date('2026-02-01') },
    ]);
  });

  it('compare a list of operands as they are, skipping null and missing ones', async () => {
    const [row] = await database.db
      .collection('series')
      .aggregate([
        { $match: { _id: 'scalar' } },
        {
          $project: {
            _id: 0,
            least: { $min: ['$values', 10, '$nothing'] },
            most: { $max: [2, '$values', null] },
          },
        },
      ])
      .toArray();
    expect(row).toEqual({ least: 7, most: 7 });
  });

  it('work in $expr filters and in $ifNull fallbacks', async () => {
    const found = await database.db
      .collection('series')
      .find({ $expr: { $eq: [{ $ifNull: [{ $min: '$values' }, 'none'] }, 'none'] } })
      .sort({ _id: 1 })
      .toArray();
    expect(found.map((row) => row._id)).toEqual(['empty', 'missing']);
  });
});
