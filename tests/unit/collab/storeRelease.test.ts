import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SharedDocument } from '../../../server/src/collab/sharedDocument.ts';
import type { LoadedState, UpdateStore } from '../../../server/src/collab/updateStore.ts';
import { createLogger } from '../../../server/src/logger.ts';

/** A store that notes which documents it was told to forget. */
class ForgettingStore implements UpdateStore {
  readonly released: string[] = [];
  async load(): Promise<LoadedState> {
    return { update: null, lastClock: 0, records: 0, bytes: 0 };
  }
  async append(): Promise<void> {}
  async compact(): Promise<null> {
    return null;
  }
  release(docName: string): void {
    this.released.push(docName);
  }
}

describe('a document freed by this process', () => {
  it('is forgotten by its store once its edits are saved', async () => {
    const store = new ForgettingStore();
    const options = { flushDelayMs: 20, compactAfterRecords: 200 };
    const document = await SharedDocument.load('space-a', store, options, createLogger('silent'));
    const editor = new Y.Doc();
    editor.getText('notes').insert(0, 'Référente: la sage-femme.');
    Y.applyUpdate(document.doc, Y.encodeStateAsUpdate(editor));
    expect(store.released).toEqual([]);
    await document.destroy();
    expect(store.released).toEqual(['space-a']);
  });
});
