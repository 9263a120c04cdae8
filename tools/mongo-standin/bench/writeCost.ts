// Cost of one acknowledged (hence durable) write as the database grows: `node --import tsx
// tools/mongo-standin/bench/writeCost.ts`. Starts the stand-in in its own process on a temporary data folder,
// fills a collection to each size, then times single inserts and updates (by _id) one after the other.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { spawnStandin } from '../src/process/standinProcess.ts';

const SIZES = [1_000, 10_000, 50_000];
const SAMPLES = 100;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await work();
  return performance.now() - startedAt;
}

const dataDir = await mkdtemp(join(tmpdir(), 'standin-write-cost-'));
const standin = await spawnStandin({ dataDir });
const client = new MongoClient(standin.uri);
try {
  const records = client
    .db('bench')
    .collection<{ _id?: string; n: number; family: string; text: string }>('records');
  let count = 0;
  console.log('documents | insertOne p50 / p95 / max (ms) | updateOne p50 / p95 / max (ms)');
  for (const size of SIZES) {
    while (count < size) {
      const batch = Array.from({ length: Math.min(1000, size - count) }, (_, index) => ({
        n: count + index,
        family: `family-${(count + index) % 97}`,
        text: 'x'.repeat(150),
      }));
      await records.insertMany(batch);
      count += batch.length;
    }
    const inserts: number[] = [];
    const updates: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const inserted = `sample-${size}-${sample}`;
      inserts.push(
        await timed(() => records.insertOne({ _id: inserted, n: -1, family: 'bench', text: 'one more' })),
      );
      updates.push(
        await timed(() => records.updateOne({ n: sample }, { $set: { text: `changed ${sample}` } })),
      );
    }
    count += SAMPLES;
    const line = (values: number[]) => {
      const sorted = [...values].sort((left, right) => left - right);
      return [0.5, 0.95, 1].map((fraction) => percentile(sorted, fraction).toFixed(1)).join(' / ');
    };
    console.log(`${String(size).padStart(9)} | ${line(inserts).padEnd(30)} | ${line(updates)}`);
  }
} finally {
  await client.close();
  await standin.stop();
  await rm(dataDir, { recursive: true, force: true });
}
