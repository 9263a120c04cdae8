import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeIntoRecords } from '../../../server/src/collab/recordGroups.ts';
import { failedIndexes } from '../../../server/src/collab/turnBatch.ts';
import { retryDelayMs } from '../../../server/src/collab/sharedDocument.ts';

function typedUpdates(count: number, wordBytes: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let index = 0; index < count; index += 1) doc.getText('notes').insert(0, 'x'.repeat(wordBytes));
  return updates;
}

describe('which records of an unordered insert may be missing', () => {
  it('counts every record as failed when the error names none (the database was unreachable)', () => {
    expect(failedIndexes({ name: 'MongoBulkWriteError', writeErrors: [], insertedCount: 0 }, 3)).toEqual([
      0, 1, 2,
    ]);
    expect(failedIndexes({ name: 'MongoNetworkError' }, 2)).toEqual([0, 1]);
  });

  it('trusts named failures only when they and the inserted records make up the batch', () => {
    const bulk = { writeErrors: [{ index: 1 }], insertedCount: 2 };
    expect(failedIndexes(bulk, 3)).toEqual([1]);
    expect(failedIndexes({ writeErrors: [{ index: 1 }], insertedCount: 0 }, 3)).toEqual([0, 1, 2]);
  });
});

describe('pending updates merged into records', () => {
  it('keeps every record under the bound and loses no edit', () => {
    const updates = typedUpdates(40, 1000);
    const records = mergeIntoRecords(updates, 10_000);
    expect(records.length).toBeGreaterThan(3);
    for (const record of records) expect(record.byteLength).toBeLessThan(12_000);
    const rebuilt = new Y.Doc();
    records.forEach((record) => Y.applyUpdate(rebuilt, record));
    expect(rebuilt.getText('notes').length).toBe(40_000);
  });

  it('merges a small burst into one record', () => {
    expect(mergeIntoRecords(typedUpdates(5, 10))).toHaveLength(1);
  });
});

describe('retries of a failed write', () => {
  it('back off from half a second to at most five seconds', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
});
