import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import { onStandin, openTestDatabase, type TestDatabase } from './connect.ts';

const visitSchema = new mongoose.Schema({ family: String, minutes: Number, kind: String });
const visitModel = (connection: Connection) => connection.model('Visit', visitSchema);

describe('MongoDB conformance: aggregation', () => {
  let database: TestDatabase;
  let connection: Connection;
  let Visit: ReturnType<typeof visitModel>;

  beforeAll(async () => {
    database = await openTestDatabase('aggregation');
    connection = database.connection;
    Visit = visitModel(connection);
    await Visit.insertMany([
      { family: 'f1', minutes: 30, kind: 'home' },
      { family: 'f1', minutes: 45, kind: 'clinic' },
      { family: 'f2', minutes: 20, kind: 'home' },
      { family: 'f3', minutes: 60, kind: 'home' },
    ]);
  });

  afterAll(async () => {
    await database.close();
  });

  it('runs $match, $group and $sort', async () => {
    const totals = await Visit.aggregate([
      { $match: { kind: 'home' } },
      { $group: { _id: '$family', total: { $sum: '$minutes' }, visits: { $sum: 1 } } },
      { $sort: { total: -1 } },
    ]);
    expect(totals).toEqual([
      { _id: 'f3', total: 60, visits: 1 },
      { _id: 'f1', total: 30, visits: 1 },
      { _id: 'f2', total: 20, visits: 1 },
    ]);
  });

  it('counts with countDocuments, $count and estimatedDocumentCount', async () => {
    expect(await Visit.countDocuments({ family: 'f1' })).toBe(2);
    expect(await Visit.countDocuments()).toBe(4);
    expect(await Visit.estimatedDocumentCount()).toBe(4);
    expect(await Visit.aggregate([{ $match: { kind: 'home' } }, { $count: 'homeVisits' }])).toEqual([
      { homeVisits: 3 },
    ]);
  });

  it('joins collections with $lookup', async () => {
    const families = database.db.collection('families');
    await families.insertMany([
      { _id: 'f1' as never, name: 'Dupont' },
      { _id: 'f2' as never, name: 'Peeters' },
    ]);
    const joined = await Visit.aggregate([
      { $match: { kind: 'home' } },
      { $lookup: { from: 'families', localField: 'family', foreignField: '_id', as: 'familyDoc' } },
      { $project: { _id: 0, family: 1, name: { $first: '$familyDoc.name' } } },
      { $sort: { family: 1 } },
    ]);
    expect(joined).toEqual([
      { family: 'f1', name: 'Dupont' },
      { family: 'f2', name: 'Peeters' },
      { family: 'f3' },
    ]);
  });

  it('pages aggregate results through cursors', async () => {
    const collection = database.db.collection('numbers');
    await collection.insertMany(Array.from({ length: 30 }, (_, value) => ({ value })));
    const values = await collection
      .aggregate<{ value: number }>([{ $sort: { value: -1 } }, { $project: { _id: 0, value: 1 } }], {
        batchSize: 7,
      })
      .toArray();
    expect(values.map((entry) => entry.value)).toEqual(Array.from({ length: 30 }, (_, index) => 29 - index));
  });

  it.skipIf(onStandin())(
    '$out writes the results to another collection (stand-in: not implemented, refused with 40324)',
    async () => {
      await Visit.aggregate([{ $match: { kind: 'home' } }, { $out: 'homeVisits' }]);
      expect(await database.db.collection('homeVisits').countDocuments()).toBe(
        await Visit.countDocuments({ kind: 'home' }),
      );
    },
  );
});
