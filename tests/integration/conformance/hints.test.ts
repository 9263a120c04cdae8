import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, openTestDatabase, type TestDatabase } from './connect.ts';

describe('MongoDB conformance: hints', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('hints');
    const visits = database.db.collection('visits');
    await visits.createIndex({ family: 1, at: -1 }, { name: 'family_at' });
    await visits.insertMany([
      { family: 'f1', at: 1 },
      { family: 'f1', at: 2 },
      { family: 'f2', at: 3 },
    ]);
  });

  afterAll(async () => {
    await database.close();
  });

  it('answers the same results with a hint naming an existing index, by name or by key', async () => {
    const visits = database.db.collection('visits');
    const byName = await visits
      .find({ family: 'f1' }, { projection: { _id: 0 } })
      .hint('family_at')
      .toArray();
    const byKey = await visits
      .find({ family: 'f1' }, { projection: { _id: 0 } })
      .hint({ family: 1, at: -1 })
      .sort({ at: 1 })
      .toArray();
    expect(byName).toHaveLength(2);
    expect(byKey).toEqual([
      { family: 'f1', at: 1 },
      { family: 'f1', at: 2 },
    ]);
    expect(await visits.countDocuments({ family: 'f2' }, { hint: 'family_at' })).toBe(1);
  });

  it('refuses a hint naming an index that does not exist (BadValue)', async () => {
    const visits = database.db.collection('visits');
    const error = await caught(() => visits.find({ family: 'f1' }).hint('no_such_index').toArray());
    expect(error['code']).toBe(2);
    expect(error.message).toContain('hint provided does not correspond to an existing index');
    const update = await caught(() =>
      visits.updateOne({ family: 'f1' }, { $set: { seen: true } }, { hint: { nope: 1 } }),
    );
    expect(update['code']).toBe(2);
  });
});
