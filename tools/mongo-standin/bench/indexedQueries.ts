// Cost of the queries the collaboration server makes on big collections, answered through their indexes:
// `node --import tsx tools/mongo-standin/bench/indexedQueries.ts`. Starts the stand-in in its own process on a
// temporary data folder, then times (1) the cold load of one document, `find({ docName }).sort({ clock: 1 })`
// of one 100 KB record among 9,000 small ones, (2) a compaction transaction (read one document's records, delete
// them, insert one), and (3) bulkWrite batches of 200 upserts keyed by
// `{ docName, editor }` among 2,000 records, as the editors' presence is saved.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Binary, MongoClient } from 'mongodb';
import { spawnStandin } from '../src/process/standinProcess.ts';

const SMALL_RECORDS = 9_000;
const EDITOR_RECORDS = 2_000;
const UPSERTS_PER_BATCH = 200;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

async function timings(samples: number, work: (sample: number) => Promise<unknown>): Promise<string> {
  const durations: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const startedAt = performance.now();
    await work(sample);
    durations.push(performance.now() - startedAt);
  }
  durations.sort((left, right) => left - right);
  return [0.5, 0.95, 1].map((fraction) => percentile(durations, fraction).toFixed(2)).join(' / ');
}

const dataDir = await mkdtemp(join(tmpdir(), 'standin-indexed-queries-'));
const standin = await spawnStandin({ dataDir });
const client = new MongoClient(standin.uri);
try {
  const database = client.db('bench');
  const updates = database.collection('collabupdates');
  await updates.createIndex({ docName: 1, clock: 1 }, { unique: true });
  for (let first = 0; first < SMALL_RECORDS; first += 1_000) {
    await updates.insertMany(
      Array.from({ length: 1_000 }, (_, index) => ({
        docName: `note-${(first + index) % 300}`,
        clock: first + index,
        update: new Binary(Buffer.alloc(120, 7)),
      })),
    );
  }
  await updates.insertOne({ docName: 'cold', clock: 0, update: new Binary(Buffer.alloc(100 * 1024, 3)) });
  const coldLoad = await timings(200, () => updates.find({ docName: 'cold' }).sort({ clock: 1 }).toArray());
  console.log(`cold load of one document among ${SMALL_RECORDS} records, p50 / p95 / max (ms): ${coldLoad}`);

  // Compaction of one document's records: read them and replace them by one, in a transaction.
  const compactions = await timings(50, async (sample) => {
    const docName = `note-${sample}`;
    await client.withSession((session) =>
      session.withTransaction(async () => {
        const records = await updates.find({ docName }, { session }).sort({ clock: 1 }).toArray();
        await updates.deleteMany({ _id: { $in: records.map((record) => record._id) } }, { session });
        await updates.insertOne(
          { docName, clock: 0, update: new Binary(Buffer.alloc(3_000, 5)) },
          { session },
        );
      }),
    );
  });
  console.log(`compaction transaction of one document's records, p50 / p95 / max (ms): ${compactions}`);

  const editors = database.collection('collabeditors');
  await editors.createIndex({ docName: 1, editor: 1 }, { unique: true });
  await editors.insertMany(
    Array.from({ length: EDITOR_RECORDS }, (_, index) => ({
      docName: `note-${index % 400}`,
      editor: `editor-${Math.floor(index / 400)}`,
      at: new Date(),
    })),
  );
  const upserts = await timings(10, (sample) =>
    editors.bulkWrite(
      Array.from({ length: UPSERTS_PER_BATCH }, (_, index) => ({
        updateOne: {
          filter: { docName: `note-${(sample * 37 + index) % 500}`, editor: `editor-${index % 6}` },
          update: { $set: { at: new Date() } },
          upsert: true,
        },
      })),
    ),
  );
  console.log(
    `bulkWrite of ${UPSERTS_PER_BATCH} upserts among ${EDITOR_RECORDS} records, p50 / p95 / max (ms): ${upserts}`,
  );
} finally {
  await client.close();
  await standin.stop();
  await rm(dataDir, { recursive: true, force: true });
}
