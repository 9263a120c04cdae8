import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FewAtOnce } from '../../../server/src/collab/fewAtOnce.ts';
import { SharedDocument } from '../../../server/src/collab/sharedDocument.ts';
import type { LoadedState, UpdateStore } from '../../../server/src/collab/updateStore.ts';
import { createLogger } from '../../../server/src/logger.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts how many calls overlap at most. */
class Overlap {
  now = 0;
  most = 0;
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.now += 1;
    this.most = Math.max(this.most, this.now);
    try {
      return await work();
    } finally {
      this.now -= 1;
    }
  }
}

describe('background work due everywhere at once', () => {
  it('runs a few at a time, in order, and a failed task hands its place on', async () => {
    const turns = new FewAtOnce(2);
    const overlap = new Overlap();
    const started: number[] = [];
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3, 4].map((index) =>
        turns.run(() =>
          overlap.during(async () => {
            started.push(index);
            await pause(10);
            if (index === 1) throw new Error('compaction failed');
            return index;
          }),
        ),
      ),
    );
    expect(overlap.most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
  });

  it('compacts documents that reach their threshold together two at a time', async () => {
    const overlap = new Overlap();
    const compacted: string[] = [];
    const store: UpdateStore = {
      load: async (): Promise<LoadedState> => ({ update: null, lastClock: 0, records: 0, bytes: 0 }),
      append: async () => undefined,
      compact: (docName) =>
        overlap.during(async () => {
          await pause(15);
          compacted.push(docName);
          return { clock: 1, bytes: 0 };
        }),
    };
    const options = { flushDelayMs: 20, compactAfterRecords: 1 };
    const logger = createLogger('silent');
    const names = ['plan-a', 'plan-b', 'plan-c', 'plan-d', 'plan-e'];
    const documents = await Promise.all(
      names.map((name) => SharedDocument.load(name, store, options, logger)),
    );
    for (const document of documents) {
      const editor = new Y.Doc();
      editor.getText('notes').insert(0, `Note de ${document.name}`);
      Y.applyUpdate(document.doc, Y.encodeStateAsUpdate(editor));
    }
    for (let waited = 0; compacted.length < names.length && waited < 2000; waited += 10) await pause(10);
    expect([...compacted].sort()).toEqual(names);
    expect(overlap.most).toBe(2);
    await Promise.all(documents.map((document) => document.destroy()));
  });

  it('a shutdown leaves the compactions still waiting to the next load, and stores every edit', async () => {
    let compacted = 0;
    const stored: string[] = [];
    const store: UpdateStore = {
      load: async (): Promise<LoadedState> => ({ update: null, lastClock: 0, records: 0, bytes: 0 }),
      append: async (docName) => void stored.push(docName),
      compact: async () => {
        await pause(30);
        compacted += 1;
        return { clock: 1, bytes: 0 };
      },
    };
    const options = { flushDelayMs: 10_000, compactAfterRecords: 1 };
    const logger = createLogger('silent');
    const names = Array.from({ length: 10 }, (_value, index) => `plan-${index}`);
    const documents = await Promise.all(
      names.map((name) => SharedDocument.load(name, store, options, logger)),
    );
    const type = (document: SharedDocument, text: string) => {
      const editor = new Y.Doc();
      editor.getText('notes').insert(0, text);
      Y.applyUpdate(document.doc, Y.encodeStateAsUpdate(editor));
    };
    documents.forEach((document) => type(document, 'Premier passage.'));
    // Every document stores its edit and queues a compaction (two run at a time); edits typed now wait
    // behind them on each document's write chain.
    void Promise.all(documents.map((document) => document.flush()));
    await pause(5);
    documents.forEach((document) => type(document, ' Deuxième passage.'));
    await Promise.all(documents.map((document) => document.destroy(2500)));
    expect(stored.filter((name) => name === 'plan-9')).toHaveLength(2);
    expect(stored).toHaveLength(20);
    // The two running when the shutdown came, and at most two more already given their turn.
    expect(compacted).toBeLessThanOrEqual(4);
  });
});
