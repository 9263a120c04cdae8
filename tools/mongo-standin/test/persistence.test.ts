import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
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
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);

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

  it('writes the snapshot by itself shortly after changes, leaving no temporary file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'standin-debounce-'));
    const standin = await startStandin({ dataDir: directory, snapshotDelayMs: 20 });
    const connection = await connectTo(standin, 'debounced');
    await nativeDb(connection).collection('things').insertOne({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readdir(directory)).toEqual([SNAPSHOT_FILE_NAME]);
    for (let n = 2; n <= 20; n += 1) await nativeDb(connection).collection('things').insertOne({ n });
    await standin.flush();
    expect(await readdir(directory)).toEqual([SNAPSHOT_FILE_NAME]);
    await connection.close();
    await standin.close();

    const reopened = await startStandin({ dataDir: directory });
    const check = await connectTo(reopened, 'debounced');
    expect(await nativeDb(check).collection('things').countDocuments()).toBe(20);
    await check.close();
    await reopened.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('removes leftovers of an interrupted write and refuses a corrupt snapshot', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'standin-corrupt-'));
    await writeFile(join(directory, `${SNAPSHOT_FILE_NAME}.123.abc.tmp`), 'half written');
    const standin = await startStandin({ dataDir: directory });
    expect(await readdir(directory)).toEqual([]);
    await standin.close();

    await writeFile(join(directory, SNAPSHOT_FILE_NAME), Buffer.from([10, 0, 0, 0, 1, 2, 3]));
    await expect(startStandin({ dataDir: directory })).rejects.toThrow(/corrupt/);
    await rm(directory, { recursive: true, force: true });
  });
});
