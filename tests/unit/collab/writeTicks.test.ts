import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SharedDocument } from '../../../server/src/collab/sharedDocument.ts';
import type { LoadedState, UpdateStore } from '../../../server/src/collab/updateStore.ts';
import { createLogger } from '../../../server/src/logger.ts';

/** A store that notes when each document's records arrive. */
class TimedStore implements UpdateStore {
  readonly appended: { docName: string; at: number }[] = [];
  async load(): Promise<LoadedState> {
    return { update: null, lastClock: 0, records: 0, bytes: 0 };
  }
  async append(docName: string): Promise<void> {
    this.appended.push({ docName, at: performance.now() });
  }
  async compact(): Promise<null> {
    return null;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function type(document: SharedDocument, text: string): void {
  const editor = new Y.Doc();
  editor.getText('notes').insert(0, text);
  Y.applyUpdate(document.doc, Y.encodeStateAsUpdate(editor));
}

describe('edits of several documents', () => {
  it('are written together at the next tick of their window, in the same turn', async () => {
    const store = new TimedStore();
    const options = { flushDelayMs: 200, compactAfterRecords: 200 };
    const logger = createLogger('silent');
    const first = await SharedDocument.load('space-a', store, options, logger);
    const second = await SharedDocument.load('space-b', store, options, logger);
    const startedAt = performance.now();
    type(first, 'Référente: la sage-femme.');
    await pause(80);
    type(second, 'Coordinatrice: la PEP.');
    await pause(300);
    expect(store.appended.map((record) => record.docName).sort()).toEqual(['space-a', 'space-b']);
    const [a, b] = store.appended.map((record) => record.at - startedAt);
    // Both at the tick the first edit opened (about 200 ms): the second edit waited 120 ms, not 200.
    expect(Math.abs(a! - b!)).toBeLessThan(40);
    await first.destroy();
    await second.destroy();
  });
});
