import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import { caught, openTestDatabase, type TestDatabase } from './connect.ts';

const noteSchema = new mongoose.Schema({
  title: { type: String, required: true },
  rank: Number,
  tags: [String],
  items: [{ sku: String, qty: Number }],
  meta: { views: Number, stars: Number },
});

describe('MongoDB conformance: CRUD through mongoose', () => {
  let database: TestDatabase;
  let connection: Connection;
  const commands: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('crud', { monitorCommands: true });
    connection = database.connection;
    connection.getClient().on('commandStarted', (event) => commands.push(event.commandName));
  });

  afterAll(async () => {
    await database.close();
  });

  it('creates, reads, updates and deletes documents', async () => {
    const Note = connection.model('CrudNote', noteSchema);
    const created = await Note.create({ title: 'first', rank: 1, tags: ['a'] });
    const found = await Note.findById(created._id).lean();
    expect(found?.title).toBe('first');
    expect(String(found?._id)).toBe(String(created._id));

    created.title = 'renamed';
    await created.save();
    expect((await Note.findOne({ title: 'renamed' }))?.rank).toBe(1);

    const update = await Note.updateOne({ _id: created._id }, { $inc: { rank: 5 }, $push: { tags: 'b' } });
    expect(update.matchedCount).toBe(1);
    expect(update.modifiedCount).toBe(1);
    const unchanged = await Note.updateOne({ _id: created._id }, { $set: { rank: 6 } });
    expect(unchanged.modifiedCount).toBe(0);
    const afterUpdate = await Note.findById(created._id).lean();
    expect(afterUpdate?.rank).toBe(6);
    expect(afterUpdate?.tags).toEqual(['a', 'b']);

    await Note.replaceOne({ _id: created._id }, { title: 'replaced' });
    const replaced = await Note.findById(created._id).lean();
    expect(replaced?.title).toBe('replaced');
    expect(replaced?.rank).toBeUndefined();

    const deleted = await Note.deleteOne({ _id: created._id });
    expect(deleted.deletedCount).toBe(1);
    expect(await Note.findById(created._id)).toBeNull();
  });

  it('supports the usual update operators, positional updates and arrayFilters', async () => {
    const Note = connection.model('OperatorNote', noteSchema);
    const note = await Note.create({
      title: 'ops',
      rank: 10,
      tags: ['x', 'y', 'x'],
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
      meta: { views: 1, stars: 3 },
    });
    await Note.updateOne(
      { _id: note._id },
      {
        $pull: { tags: 'x' },
        $addToSet: { 'meta.labels': 'new' },
        $min: { rank: 4 },
        $max: { 'meta.stars': 5 },
      },
      { strict: false },
    );
    await Note.updateOne({ _id: note._id, 'items.sku': 'B' }, { $inc: { 'items.$.qty': 10 } });
    await Note.updateOne(
      { _id: note._id },
      { $set: { 'items.$[item].qty': 0 } },
      { arrayFilters: [{ 'item.sku': 'A' }] },
    );
    await Note.updateOne(
      { _id: note._id },
      { $unset: { 'meta.views': 1 }, $rename: { rank: 'position' } },
      { strict: false },
    );
    const raw = await database.db.collection('operatornotes').findOne({ _id: note._id });
    expect(raw).toMatchObject({
      tags: ['y'],
      position: 4,
      meta: { stars: 5, labels: ['new'] },
      items: [
        { sku: 'A', qty: 0 },
        { sku: 'B', qty: 12 },
      ],
    });
    expect(raw?.['meta']).not.toHaveProperty('views');
  });

  it('updates several fields of one array element in one write, matched once before the update', async () => {
    const notes = database.db.collection<{
      items: { sku: string; qty: number; note?: string; tags?: string[] }[];
    }>('elementnotes');
    const { insertedId: _id } = await notes.insertOne({
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
    });
    // The positional element is the one the query matched before the update, even when the update
    // changes the field the query matched on.
    await notes.updateOne({ _id, 'items.sku': 'B' }, { $set: { 'items.$.sku': 'C', 'items.$.qty': 5 } });
    await notes.updateOne(
      { _id },
      { $set: { 'items.$[item].sku': 'Z', 'items.$[item].note': 'n' }, $inc: { 'items.$[item].qty': 1 } },
      { arrayFilters: [{ 'item.sku': 'A' }] },
    );
    await notes.updateOne(
      { _id, 'items.sku': 'C' },
      { $set: { 'items.$.qty': 6 }, $push: { 'items.$.tags': 't' } },
    );
    expect((await notes.findOne({ _id }))?.['items']).toEqual([
      { sku: 'Z', qty: 2, note: 'n' },
      { sku: 'C', qty: 6, tags: ['t'] },
    ]);
    // A path and its own parent still conflict, as in MongoDB.
    const error = await caught(() =>
      notes.updateOne({ _id, 'items.sku': 'C' }, { $set: { 'items.$': { sku: 'D' }, 'items.$.qty': 1 } }),
    );
    expect(error['code']).toBe(40);
  });

  it('sorts, skips, limits and projects', async () => {
    const Note = connection.model('SortedNote', noteSchema);
    await Note.insertMany([5, 3, 9, 1, 7].map((rank) => ({ title: `n${rank}`, rank })));
    const page = await Note.find().sort({ rank: -1 }).skip(1).limit(3).select({ title: 1, _id: 0 }).lean();
    expect(page).toEqual([{ title: 'n7' }, { title: 'n5' }, { title: 'n3' }]);
    const filtered = await Note.find({ rank: mongoose.trusted({ $gte: 3, $lt: 9 }) })
      .sort({ title: 1 })
      .lean();
    expect(filtered.map((note) => note.rank)).toEqual([3, 5, 7]);
    expect(await Note.distinct('rank', { rank: mongoose.trusted({ $gt: 4 }) })).toEqual([5, 7, 9]);
  });

  it('serves large results through server-side cursors and getMore', async () => {
    const Bulk = connection.model('BulkNote', noteSchema);
    await Bulk.insertMany(
      Array.from({ length: 250 }, (_, index) => ({ title: `bulk-${index}`, rank: index })),
    );
    const getMoresBefore = commands.filter((name) => name === 'getMore').length;
    const ranks: number[] = [];
    for await (const note of Bulk.find().sort({ rank: 1 }).batchSize(50).cursor())
      ranks.push(note.rank ?? -1);
    expect(ranks).toEqual(Array.from({ length: 250 }, (_, index) => index));
    expect(commands.filter((name) => name === 'getMore').length - getMoresBefore).toBe(4);

    // A cursor abandoned early is killed by the driver and disappears server-side.
    const cursor = database.db.collection('bulknotes').find({}, { batchSize: 10 });
    await cursor.next();
    await cursor.close();
    expect(commands).toContain('killCursors');
  });

  it('finds and modifies with new, upsert and remove', async () => {
    const Note = connection.model('ModifiedNote', noteSchema);
    await Note.create({ title: 'counter', rank: 1 });
    const before = await Note.findOneAndUpdate({ title: 'counter' }, { $inc: { rank: 1 } }).lean();
    expect(before?.rank).toBe(1);
    const after = await Note.findOneAndUpdate(
      { title: 'counter' },
      { $inc: { rank: 1 } },
      { returnDocument: 'after' },
    ).lean();
    expect(after?.rank).toBe(3);

    const upserted = await Note.findOneAndUpdate(
      { title: 'fresh' },
      { $set: { rank: 42 }, $setOnInsert: { tags: ['created'] } },
      { returnDocument: 'after', upsert: true },
    ).lean();
    expect(upserted).toMatchObject({ title: 'fresh', rank: 42, tags: ['created'] });
    const again = await Note.findOneAndUpdate(
      { title: 'fresh' },
      { $set: { rank: 43 }, $setOnInsert: { tags: ['ignored'] } },
      { returnDocument: 'after' },
    ).lean();
    expect(again?.tags).toEqual(['created']);

    const removed = await Note.findOneAndDelete({ title: 'fresh' }).lean();
    expect(removed?.rank).toBe(43);
    expect(await Note.countDocuments({ title: 'fresh' })).toBe(0);
  });

  it('upserts with updateOne and reports the new _id', async () => {
    const Note = connection.model('UpsertNote', noteSchema);
    const result = await Note.updateOne(
      { title: 'upserted', rank: mongoose.trusted({ $eq: 2 }) },
      { $set: { tags: ['u'] } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedId).toBeTruthy();
    const stored = await Note.findById(result.upsertedId).lean();
    expect(stored).toMatchObject({ title: 'upserted', rank: 2, tags: ['u'] });
    const second = await Note.updateOne({ title: 'upserted' }, { $set: { rank: 3 } }, { upsert: true });
    expect(second.upsertedCount).toBe(0);
    expect(second.matchedCount).toBe(1);
  });

  it('deletes many and counts', async () => {
    const Note = connection.model('CountedNote', noteSchema);
    await Note.insertMany([
      { title: 'a', rank: 1 },
      { title: 'b', rank: 2 },
      { title: 'c', rank: 3 },
    ]);
    expect(await Note.countDocuments()).toBe(3);
    expect(await Note.countDocuments({ rank: mongoose.trusted({ $gte: 2 }) })).toBe(2);
    expect(await Note.estimatedDocumentCount()).toBe(3);
    expect((await Note.deleteMany({ rank: mongoose.trusted({ $lt: 3 }) })).deletedCount).toBe(2);
    expect(await Note.estimatedDocumentCount()).toBe(1);
  });

  it('answers unknown commands with CommandNotFound instead of pretending', async () => {
    const error = await caught(() => database.db.command({ fooBar: 1 }));
    expect(error['code']).toBe(59);
    expect(error['codeName']).toBe('CommandNotFound');
    expect(error.message).toContain("no such command: 'fooBar'");
  });

  it('lists and drops collections and databases', async () => {
    const db = database.db;
    await db.createCollection('explicit');
    const duplicate = await caught(() => db.createCollection('explicit'));
    expect(duplicate['code']).toBe(48);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((info) => info.name);
    expect(names).toContain('explicit');
    expect(await db.collection('explicit').drop()).toBe(true);
    const databases = await db.admin().listDatabases();
    expect(databases.databases.map((entry) => entry.name)).toContain(db.databaseName);
    expect(await db.admin().ping()).toMatchObject({ ok: 1 });
  });
});
