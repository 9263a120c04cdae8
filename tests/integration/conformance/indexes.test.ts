import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import { caught, openTestDatabase, type TestDatabase } from './connect.ts';

describe('MongoDB conformance: indexes and unique constraints', () => {
  let database: TestDatabase;
  let connection: Connection;

  beforeAll(async () => {
    database = await openTestDatabase('indexes');
    connection = database.connection;
  });

  afterAll(async () => {
    await database.close();
  });

  const userSchema = () =>
    new mongoose.Schema({
      email: { type: String, required: true, unique: true },
      team: String,
      handle: { type: String, unique: true, sparse: true },
    });

  it('builds schema indexes on Model.init() and lists them', async () => {
    const User = connection.model('InitUser', userSchema());
    await User.init();
    const indexes = await User.listIndexes();
    expect(indexes.map((index) => index.name).sort()).toEqual(['_id_', 'email_1', 'handle_1']);
    expect(indexes.find((index) => index.name === 'email_1')).toMatchObject({
      key: { email: 1 },
      unique: true,
    });
  });

  it('rejects duplicates on create and update with E11000', async () => {
    const User = connection.model('UniqueUser', userSchema());
    await User.init();
    await User.create({ email: 'ada@example.org' });
    const onCreate = await caught(() => User.create({ email: 'ada@example.org' }));
    expect(onCreate['code']).toBe(11000);
    expect(onCreate.message).toContain(
      `E11000 duplicate key error collection: ${database.db.databaseName}.uniqueusers index: email_1 dup key: { email: "ada@example.org" }`,
    );
    expect(onCreate['keyValue']).toEqual({ email: 'ada@example.org' });

    const other = await User.create({ email: 'grace@example.org' });
    const onUpdate = await caught(() =>
      User.updateOne({ _id: other._id }, { $set: { email: 'ada@example.org' } }),
    );
    expect(onUpdate['code']).toBe(11000);
    const onFindAndModify = await caught(() =>
      User.findOneAndUpdate({ _id: other._id }, { email: 'ada@example.org' }, { returnDocument: 'after' }),
    );
    expect(onFindAndModify['code']).toBe(11000);
    expect((await User.findById(other._id).lean())?.email).toBe('grace@example.org');

    // Sparse unique: many documents may lack the field, but not share a value.
    await User.create({ email: 'a@x.org' });
    await User.create({ email: 'b@x.org', handle: 'h' });
    expect((await caught(() => User.create({ email: 'c@x.org', handle: 'h' })))['code']).toBe(11000);
  });

  it('enforces the implicit _id index and keeps inserting after an unordered failure', async () => {
    const collection = database.db.collection('plain');
    await collection.insertOne({ _id: 'fixed' as never, value: 1 });
    const duplicateId = await caught(() => collection.insertOne({ _id: 'fixed' as never, value: 2 }));
    expect(duplicateId['code']).toBe(11000);
    expect(duplicateId.message).toContain('index: _id_ dup key: { _id: "fixed" }');

    const Tagged = connection.model('TaggedUser', userSchema());
    await Tagged.init();
    const bulk = await caught(() =>
      Tagged.insertMany([{ email: 'x@y.org' }, { email: 'x@y.org' }, { email: 'z@y.org' }], {
        ordered: false,
      }),
    );
    expect(bulk['code']).toBe(11000);
    expect(await Tagged.countDocuments()).toBe(2);
  });

  it('refuses to build a unique index over duplicate data', async () => {
    const collection = database.db.collection('duplicated');
    await collection.insertMany([{ name: 'same' }, { name: 'same' }]);
    const error = await caught(() => collection.createIndex({ name: 1 }, { unique: true }));
    expect(error['code']).toBe(11000);
    expect((await collection.indexes()).map((index) => index.name)).toEqual(['_id_']);
  });

  it('syncs indexes: creates missing ones and drops stale ones', async () => {
    const collection = database.db.collection('syncedusers');
    await collection.createIndex({ legacy: 1 }, { name: 'legacy_1' });
    const Synced = connection.model('SyncedUser', userSchema(), 'syncedusers');
    const dropped = await Synced.syncIndexes();
    expect(dropped).toEqual(['legacy_1']);
    expect((await Synced.listIndexes()).map((index) => index.name).sort()).toEqual([
      '_id_',
      'email_1',
      'handle_1',
    ]);
    expect(await Synced.syncIndexes()).toEqual([]);
  });

  it('enforces compound unique indexes over combined values', async () => {
    const collection = database.db.collection('memberships');
    await collection.createIndex({ team: 1, person: 1 }, { unique: true });
    await collection.insertOne({ team: 'a', person: 'p' });
    await collection.insertOne({ team: 'b', person: 'p' });
    const error = await caught(() => collection.insertOne({ team: 'a', person: 'p' }));
    expect(error['code']).toBe(11000);
    expect(error.message).toContain('dup key: { team: "a", person: "p" }');
    await collection.dropIndex('team_1_person_1');
    await collection.insertOne({ team: 'a', person: 'p' });
    expect(await collection.countDocuments()).toBe(3);
  });
});
