import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { type Connection } from 'mongoose';
import { caught, openTestDatabase, type TestDatabase } from './connect.ts';

const accountSchema = new mongoose.Schema({ owner: { type: String, unique: true }, balance: Number });
const accountModel = (connection: Connection) => connection.model('Account', accountSchema);

describe('MongoDB conformance: transactions', () => {
  let database: TestDatabase;
  let connection: Connection;
  let Account: ReturnType<typeof accountModel>;

  beforeAll(async () => {
    database = await openTestDatabase('transactions');
    connection = database.connection;
    Account = accountModel(connection);
    await Account.init();
  });

  afterAll(async () => {
    await database.close();
  });

  it('keeps writes private until commit, then makes them visible', async () => {
    const session = await connection.startSession();
    session.startTransaction();
    await Account.create([{ owner: 'commit-a', balance: 10 }], { session });
    await Account.updateOne({ owner: 'commit-a' }, { $inc: { balance: 5 } }, { session });
    expect(await Account.countDocuments({ owner: 'commit-a' })).toBe(0);
    expect((await Account.findOne({ owner: 'commit-a' }).session(session).lean())?.balance).toBe(15);
    await session.commitTransaction();
    await session.endSession();
    expect((await Account.findOne({ owner: 'commit-a' }).lean())?.balance).toBe(15);
  });

  it('discards everything on abort', async () => {
    await Account.create({ owner: 'abort-a', balance: 1 });
    const session = await connection.startSession();
    session.startTransaction();
    await Account.create([{ owner: 'abort-b', balance: 2 }], { session });
    await Account.deleteOne({ owner: 'abort-a' }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await Account.countDocuments({ owner: 'abort-b' })).toBe(0);
    expect(await Account.countDocuments({ owner: 'abort-a' })).toBe(1);
  });

  it('reports a write conflict between two transactions as a transient error', async () => {
    const account = await Account.create({ owner: 'conflict', balance: 100 });
    const first = await connection.startSession();
    const second = await connection.startSession();
    first.startTransaction();
    second.startTransaction();
    await Account.updateOne({ _id: account._id }, { $inc: { balance: -10 } }, { session: first });
    const conflict = await caught(() =>
      Account.updateOne({ _id: account._id }, { $inc: { balance: -20 } }, { session: second }),
    );
    expect(conflict['code']).toBe(112);
    expect(conflict['codeName']).toBe('WriteConflict');
    expect(conflict['errorLabels']).toContain('TransientTransactionError');

    await first.commitTransaction();
    await second.abortTransaction();
    // The retry, in a fresh transaction started after the first commit, succeeds.
    second.startTransaction();
    await Account.updateOne({ _id: account._id }, { $inc: { balance: -20 } }, { session: second });
    await second.commitTransaction();
    await Promise.all([first.endSession(), second.endSession()]);
    expect((await Account.findById(account._id).lean())?.balance).toBe(70);
  });

  it('makes a plain write to a document locked by a transaction wait for it, within maxTimeMS', async () => {
    const account = await Account.create({ owner: 'locked', balance: 100 });
    const session = await connection.startSession();
    session.startTransaction();
    await Account.updateOne({ _id: account._id }, { $inc: { balance: -10 } }, { session });
    let applied = false;
    const waiting = Account.updateOne({ _id: account._id }, { $inc: { balance: 1 } }).then((result) => {
      applied = true;
      return result;
    });
    const bounded = await caught(() =>
      Account.updateOne({ _id: account._id }, { $set: { balance: 0 } }, { maxTimeMS: 300 }),
    );
    expect(bounded['code']).toBe(50);
    expect(bounded['codeName']).toBe('MaxTimeMSExpired');
    // The unbounded write is still waiting, after the bounded one gave up.
    expect(applied).toBe(false);
    await session.commitTransaction();
    await session.endSession();
    expect((await waiting).modifiedCount).toBe(1);
    // It ran after the commit, on the committed value.
    expect((await Account.findById(account._id).lean())?.balance).toBe(91);
  });

  it('refuses a transaction that overwrites a document changed after it started', async () => {
    const account = await Account.create({ owner: 'late', balance: 1 });
    const session = await connection.startSession();
    session.startTransaction();
    await Account.findOne({ owner: 'nobody' }).session(session);
    await Account.updateOne({ _id: account._id }, { $set: { balance: 2 } });
    const conflict = await caught(() =>
      Account.updateOne({ _id: account._id }, { $set: { balance: 3 } }, { session }),
    );
    expect(conflict['code']).toBe(112);
    await session.abortTransaction();
    await session.endSession();
    expect((await Account.findById(account._id).lean())?.balance).toBe(2);
  });

  it('runs connection.transaction() and retries it after a transient conflict', async () => {
    const account = await Account.create({ owner: 'helper', balance: 0 });
    const blocker = await connection.startSession();
    blocker.startTransaction();
    await Account.updateOne({ _id: account._id }, { $inc: { balance: 1 } }, { session: blocker });

    let attempts = 0;
    await connection.transaction(async (session) => {
      attempts += 1;
      try {
        await Account.updateOne({ _id: account._id }, { $inc: { balance: 10 } }, { session });
      } catch (error) {
        // Let the blocking transaction finish so that the driver's retry can succeed.
        if (attempts === 1) await blocker.commitTransaction();
        throw error;
      }
      await Account.create([{ owner: 'helper-created', balance: 5 }], { session });
    });
    await blocker.endSession();
    expect(attempts).toBe(2);
    expect((await Account.findById(account._id).lean())?.balance).toBe(11);
    expect(await Account.countDocuments({ owner: 'helper-created' })).toBe(1);
  });

  it('checks unique indexes inside the transaction and again at commit', async () => {
    const session = await connection.startSession();
    session.startTransaction();
    await Account.create([{ owner: 'unique-in-txn', balance: 1 }], { session });
    const inside = await caught(() => Account.create([{ owner: 'unique-in-txn', balance: 2 }], { session }));
    expect(inside['code']).toBe(11000);
    await session.abortTransaction().catch(() => undefined);

    session.startTransaction();
    await Account.create([{ owner: 'raced', balance: 1 }], { session });
    await Account.create({ owner: 'raced', balance: 2 });
    const atCommit = await caught(() => session.commitTransaction());
    expect(atCommit['code']).toBe(11000);
    await session.endSession();
    expect(await Account.countDocuments({ owner: 'raced' })).toBe(1);
  });
});
