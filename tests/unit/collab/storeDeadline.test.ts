import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import { SavingState, savingMessageType } from '@concerto/shared';
import { SharedDocument, type DocumentPeer } from '../../../server/src/collab/sharedDocument.ts';
import type { EditorActivity } from '../../../server/src/collab/editAuthorship.ts';
import type { LoadedState, UpdateStore } from '../../../server/src/collab/updateStore.ts';
import { storeCallDeadlineMs } from '../../../server/src/collab/storeDeadline.ts';

const never = () => new Promise<never>(() => undefined);

/**
 * An in-memory store whose first write of each kind is lost, as the MongoDB driver loses an operation
 * whose connection closes at the moment it is written: its promise never settles.
 */
class StoreLosingFirstWrites implements UpdateStore {
  readonly updates: Uint8Array[] = [];
  readonly editors: EditorActivity[] = [];
  private appends = 0;
  private editorWrites = 0;

  async load(): Promise<LoadedState> {
    return { update: null, lastClock: 0, records: 0, bytes: 0 };
  }

  append(_docName: string, _clock: number, update: Uint8Array): Promise<void> {
    if ((this.appends += 1) === 1) return never();
    this.updates.push(update);
    return Promise.resolve();
  }

  async compact(): Promise<null> {
    return null;
  }

  recordEditors(_docName: string, activity: EditorActivity[]): Promise<void> {
    if ((this.editorWrites += 1) === 1) return never();
    this.editors.push(...activity);
    return Promise.resolve();
  }

  text(): string {
    const doc = new Y.Doc();
    for (const update of this.updates) Y.applyUpdate(doc, update);
    return doc.getText('notes').toString();
  }
}

/** A connected editor: records the saving states she is told. */
function typist(): DocumentPeer & { states: number[] } {
  const states: number[] = [];
  const editor = { key: 'professional:p1', kind: 'professional' as const, refId: 'p1', name: 'Sage-femme' };
  return {
    editor,
    states,
    send(message: Uint8Array) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) === savingMessageType) states.push(decoding.readVarUint(decoder));
    },
  };
}

/** Types `text` at the end of the notes, as an edit arriving through `peer`. */
function type(document: SharedDocument, peer: DocumentPeer, text: string): void {
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(document.doc));
  local.on('update', (update: Uint8Array) => Y.applyUpdate(document.doc, update, peer));
  local.getText('notes').insert(local.getText('notes').length, text);
}

describe('a write the database never answers', () => {
  let store: StoreLosingFirstWrites;
  let document: SharedDocument;
  let peer: ReturnType<typeof typist>;

  beforeEach(async () => {
    vi.useFakeTimers();
    store = new StoreLosingFirstWrites();
    const options = { flushDelayMs: 100, compactAfterRecords: 200 };
    document = await SharedDocument.load('doc', store, options, pino({ level: 'silent' }));
    peer = typist();
    document.peers.add(peer);
  });
  afterEach(() => vi.useRealTimers());

  it('is given up and retried: every edit is saved, and editors are told "saved" again', async () => {
    type(document, peer, 'avant;');
    await vi.advanceTimersByTimeAsync(2500);
    expect(peer.states).toEqual([SavingState.delayed]);
    type(document, peer, 'pendant;');
    await vi.advanceTimersByTimeAsync(storeCallDeadlineMs + 1000);
    expect(store.text()).toBe('avant;pendant;');
    expect(peer.states).toEqual([SavingState.delayed, SavingState.saved]);
    expect(document.hasUnsavedEdits).toBe(false);
  });

  it('who made the edits is recorded at a later flush, and the document still unloads', async () => {
    type(document, peer, 'avant;');
    let flushed = false;
    void document.flushEditors().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(storeCallDeadlineMs + 1000);
    expect(flushed).toBe(true);
    // The edits are saved now; the first write of who made them is the one the database never answers.
    type(document, peer, 'encore;');
    let destroyed = false;
    void document.destroy().then(() => (destroyed = true));
    await vi.advanceTimersByTimeAsync(storeCallDeadlineMs + 1000);
    expect(destroyed).toBe(true);
    expect(store.text()).toBe('avant;encore;');
    expect(store.editors.map((activity) => activity.editor.key)).toEqual(['professional:p1']);
  });
});

describe('a projection the database never answers', () => {
  afterEach(() => vi.useRealTimers());

  it('does not keep the document from being freed (and opened again)', async () => {
    vi.useFakeTimers();
    const stored: Uint8Array[] = [];
    const store: UpdateStore = {
      load: async () => ({ update: null, lastClock: 0, records: 0, bytes: 0 }),
      append: async (_docName, _clock, update) => void stored.push(update),
      compact: async () => null,
    };
    const options = { flushDelayMs: 100, compactAfterRecords: 200 };
    const document = await SharedDocument.load('doc', store, options, pino({ level: 'silent' }));
    const peer = typist();
    document.peers.add(peer);
    type(document, peer, 'fin;');
    document.peers.delete(peer);
    document.beforeDestroy = () => never();
    let destroyed = false;
    void document.destroy().then(() => (destroyed = true));
    await vi.advanceTimersByTimeAsync(storeCallDeadlineMs + 1000);
    expect(destroyed).toBe(true);
    expect(stored).toHaveLength(1);
  });
});
