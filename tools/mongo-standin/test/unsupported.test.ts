import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { startStandin, type Standin } from '../src/index.ts';
import { caught, connectTo, nativeDb } from './standin-harness.ts';

// What the stand-in does not emulate is refused with an error, never silently ignored (see the README).
describe('MongoDB stand-in: what it refuses instead of ignoring', () => {
  let standin: Standin;
  let connection: Connection;

  beforeAll(async () => {
    standin = await startStandin();
    connection = await connectTo(standin, 'unsupported');
    await nativeDb(connection).collection('things').insertOne({ name: 'a' });
  });

  afterAll(async () => {
    await connection.close();
    await standin.close();
  });

  it('reports MongoDB 8.0 (wire version 25)', async () => {
    const info = await nativeDb(connection).admin().command({ buildInfo: 1 });
    expect(info['version']).toBe('8.0.0');
    const hello = await nativeDb(connection).admin().command({ hello: 1 });
    expect(hello['maxWireVersion']).toBe(25);
  });

  it('refuses validators, capped and time-series collections', async () => {
    const db = nativeDb(connection);
    for (const options of [
      { validator: { $jsonSchema: { required: ['name'] } } },
      { capped: true, size: 4096 },
      { timeseries: { timeField: 'at' } },
    ]) {
      const error = await caught(() => db.createCollection(`refused${Object.keys(options)[0]}`, options));
      expect(error['code']).toBe(115);
      expect(error.message).toContain('not supported by the MongoDB stand-in');
    }
  });

  it('refuses collation, text, geo and hashed indexes', async () => {
    const things = nativeDb(connection).collection('things');
    const refused = [
      () => things.createIndex({ name: 1 }, { collation: { locale: 'fr', strength: 2 } }),
      () => things.createIndex({ name: 'text' }),
      () => things.createIndex({ place: '2dsphere' }),
      () => things.createIndex({ name: 'hashed' }),
    ];
    for (const create of refused) expect((await caught(create))['code']).toBe(115);
    const names = (await things.listIndexes().toArray()).map((index) => index['name']);
    expect(names).toEqual(['_id_']);
  });

  it('refuses a collation other than simple, on reads and writes', async () => {
    const things = nativeDb(connection).collection('things');
    const collation = { locale: 'fr', strength: 1 };
    expect((await caught(() => things.find({ name: 'A' }, { collation }).toArray()))['code']).toBe(115);
    expect(
      (await caught(() => things.updateOne({ name: 'A' }, { $set: { x: 1 } }, { collation })))['code'],
    ).toBe(115);
    expect((await caught(() => things.countDocuments({ name: 'A' }, { collation })))['code']).toBe(115);
    expect(await things.find({ name: 'a' }, { collation: { locale: 'simple' } }).toArray()).toHaveLength(1);
  });

  it('refuses tailable cursors, $meta sorts and stages that need a real server', async () => {
    const things = nativeDb(connection).collection('things');
    expect((await caught(() => things.find({}, { tailable: true }).toArray()))['code']).toBe(115);
    expect((await caught(() => things.aggregate([{ $out: 'elsewhere' }]).toArray()))['code']).toBe(40324);
  });
});
