import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, openTestDatabase, type TestDatabase } from './connect.ts';

const MiB = 1024 * 1024;

describe('MongoDB conformance: the 16 MiB document limit', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('limits');
  });

  afterAll(async () => {
    await database.close();
  });

  it('refuses to insert a document over 16 MiB (past the 16 MiB + 16 KiB parser limit: 10334) and stores nothing', async () => {
    const blobs = database.db.collection<{ _id: string; data: string }>('blobs');
    const error = await caught(() =>
      database.db.command({ insert: 'blobs', documents: [{ _id: 'big', data: 'x'.repeat(16.5 * MiB) }] }),
    );
    expect(error['code']).toBe(10334);
    expect(error['codeName']).toBe('BSONObjectTooLarge');
    expect(await blobs.countDocuments({ _id: 'big' })).toBe(0);
  });

  it('refuses an update whose result would exceed 16 MiB (17419), leaving the document as it was', async () => {
    const blobs = database.db.collection<{ _id: string; first?: string; second?: string }>('blobs');
    await blobs.insertOne({ _id: 'growing', first: 'a'.repeat(9 * MiB) });
    const error = await caught(() =>
      blobs.updateOne({ _id: 'growing' }, { $set: { second: 'b'.repeat(9 * MiB) } }),
    );
    expect(error['code']).toBe(17419);
    const stored = await blobs.findOne({ _id: 'growing' }, { projection: { second: 1 } });
    expect(stored).toEqual({ _id: 'growing' });
  });

  it('keeps accepting writes after a refused one', async () => {
    const blobs = database.db.collection<{ _id: string; data: string }>('blobs');
    await blobs.insertOne({ _id: 'small', data: 'fine' });
    expect(await blobs.findOne({ _id: 'small' })).toEqual({ _id: 'small', data: 'fine' });
  });
});
