import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Binary, Decimal128, Long, ObjectId } from 'bson';
import mongoose from 'mongoose';
import { SNAPSHOT_FILE_NAME, startStandin } from '../src/index.ts';
import { connectTo, nativeDb } from './standin-harness.ts';

const noteSchema = new mongoose.Schema({ title: { type: String, unique: true }, update: Buffer, at: Date });

describe('MongoDB stand-in: persistence', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'standin-persistence-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps documents, BSON types and indexes across a restart', async () => {
    const yjsUpdate = Buffer.from([0, 1, 2, 250, 255]);
    const at = new Date('2024-05-06T07:08:09.123Z');
    const rawId = new ObjectId();

    const first = await startStandin({ dataDir });
    const writer = await connectTo(first, 'durable');
    const Note = writer.model('Note', noteSchema);
    await Note.init();
    const note = await Note.create({ title: 'kept', update: yjsUpdate, at });
    await nativeDb(writer)
      .collection('raw')
      .insertOne({
        _id: rawId,
        big: Long.fromString('9007199254740993'),
        price: Decimal128.fromString('12.34'),
        uuid: new Binary(Buffer.from('0123456789abcdef'), 4),
      });
    await writer.close();
    await first.close();
    // Everything is in the journal; no snapshot was needed yet.
    expect(await readdir(dataDir)).toEqual(['journal.000001.bson']);

    const second = await startStandin({ dataDir });
    const reader = await connectTo(second, 'durable');
    const Reread = reader.model('Note', noteSchema);
    const restored = await Reread.findById(note._id);
    expect(restored?.title).toBe('kept');
    expect(Buffer.compare(restored?.update ?? Buffer.alloc(0), yjsUpdate)).toBe(0);
    expect(restored?.at?.toISOString()).toBe(at.toISOString());

    const raw = await nativeDb(reader).collection('raw').findOne({ _id: rawId }, { promoteLongs: false });
    expect(String(raw?.['big'])).toBe('9007199254740993');
    expect(String(raw?.['price'])).toBe('12.34');
    expect((raw?.['uuid'] as Binary).sub_type).toBe(4);

    // The unique index survived the restart too.
    await expect(Reread.create({ title: 'kept' })).rejects.toMatchObject({ code: 11000 });
    await reader.close();
    await second.close();
  });

  it('compacts the journal into a snapshot in the background, and a restart reads both', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'standin-compaction-'));
    const standin = await startStandin({ dataDir: directory, compactAfterBytes: 4096 });
    const connection = await connectTo(standin, 'compacted');
    const things = nativeDb(connection).collection('things');
    await things.createIndex({ n: 1 }, { unique: true });
    for (let n = 1; n <= 200; n += 1) await things.insertOne({ n, text: 'x'.repeat(100) });
    await expect.poll(() => readdir(directory), { timeout: 10_000 }).toContain(SNAPSHOT_FILE_NAME);
    await things.deleteOne({ n: 1 });
    await things.updateOne({ n: 2 }, { $set: { text: 'changed after the snapshot' } });
    await connection.close();
    await standin.close();
    const files = await readdir(directory);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    // Journals older than the snapshot are gone.
    expect(files.filter((file) => file.startsWith('journal.')).length).toBeLessThanOrEqual(2);

    const reopened = await startStandin({ dataDir: directory });
    const check = await connectTo(reopened, 'compacted');
    const reread = nativeDb(check).collection('things');
    expect(await reread.countDocuments()).toBe(199);
    expect(await reread.findOne({ n: 2 })).toMatchObject({ text: 'changed after the snapshot' });
    await expect(reread.insertOne({ n: 3 })).rejects.toMatchObject({ code: 11000 });
    await check.close();
    await reopened.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('cuts a torn journal tail (a write the crash interrupted), removes temporary files, refuses a corrupt snapshot', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'standin-corrupt-'));
    const first = await startStandin({ dataDir: directory });
    const writer = await connectTo(first, 'torn');
    await nativeDb(writer)
      .collection('things')
      .insertMany([{ n: 1 }, { n: 2 }]);
    await writer.close();
    await first.close();
    await appendFile(join(directory, 'journal.000001.bson'), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5]));
    await writeFile(join(directory, `${SNAPSHOT_FILE_NAME}.abc.tmp`), 'half written');

    const second = await startStandin({ dataDir: directory });
    const reader = await connectTo(second, 'torn');
    expect(await nativeDb(reader).collection('things').countDocuments()).toBe(2);
    await nativeDb(reader).collection('things').insertOne({ n: 3 });
    await reader.close();
    await second.close();
    expect((await readdir(directory)).filter((file) => file.endsWith('.tmp'))).toEqual([]);

    const third = await startStandin({ dataDir: directory });
    const again = await connectTo(third, 'torn');
    expect(await nativeDb(again).collection('things').countDocuments()).toBe(3);
    await again.close();
    await third.close();

    await writeFile(join(directory, SNAPSHOT_FILE_NAME), Buffer.from([10, 0, 0, 0, 1, 2, 3]));
    await expect(startStandin({ dataDir: directory })).rejects.toThrow(/corrupt/);
    await rm(directory, { recursive: true, force: true });
  });
});
