import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  earlyCompactionBytes,
  SharedDocument,
  type DocumentPeer,
} from '../../../server/src/collab/sharedDocument.ts';
import type { LoadedState, UpdateStore } from '../../../server/src/collab/updateStore.ts';
import { createLogger } from '../../../server/src/logger.ts';

/** A store holding one document's state in memory, counting what is written to it. */
class MemoryStore implements UpdateStore {
  appended: Uint8Array[] = [];
  constructor(private readonly state: Uint8Array | null) {}
  async load(): Promise<LoadedState> {
    const bytes = this.state?.byteLength ?? 0;
    return { update: this.state, lastClock: 1, records: this.state ? 1 : 0, bytes };
  }
  async append(_docName: string, _clock: number, update: Uint8Array): Promise<void> {
    this.appended.push(update);
  }
  async compact(): Promise<{ clock: number; bytes: number } | null> {
    return null;
  }
}

/** A store whose document is still in many records: its load asks for a compaction at once. */
class ManyRecordsStore extends MemoryStore {
  compactions = 0;
  constructor(private readonly merged: Uint8Array) {
    super(merged);
  }
  override async load(): Promise<LoadedState> {
    return { update: this.merged, lastClock: 40, records: 40, bytes: this.merged.byteLength };
  }
  override async compact(): Promise<{ clock: number; bytes: number }> {
    this.compactions += 1;
    return { clock: 40, bytes: this.merged.byteLength };
  }
}

const options = { flushDelayMs: 5, compactAfterRecords: 200 };
const logger = createLogger('silent');
const emptyStateVector = Y.encodeStateVector(new Y.Doc());

function storedText(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('a document loaded from the store', () => {
  it('answers a new peer with the stored bytes as they are, before rebuilding the document', async () => {
    const stored = storedText('Plan de naissance: à revoir à 32 semaines.');
    const document = await SharedDocument.load('space-1', new MemoryStore(stored), options, logger);
    expect(document.applied).toBe(false);
    expect(document.missingFor(emptyStateVector)).toBe(stored);
    expect(document.applied).toBe(false);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, document.missingFor(emptyStateVector));
    expect(peer.getText('notes').toString()).toBe('Plan de naissance: à revoir à 32 semaines.');
    await document.destroy();
  });

  it('compacts a document loaded from many records without rebuilding it for nobody', async () => {
    const stored = storedText('Suivi postnatal: '.padEnd(earlyCompactionBytes, '.'));
    const store = new ManyRecordsStore(stored);
    const document = await SharedDocument.load('space-4', store, options, logger);
    await document.flush(); // queued behind the compaction the load asked for
    expect(store.compactions).toBe(1);
    // Measuring the compacted size must not apply the stored state: the next peer still gets the bytes.
    expect(document.applied).toBe(false);
    expect(document.missingFor(emptyStateVector)).toBe(stored);
    expect(document.refusalOf(1000)).toBeNull();
    await document.destroy();
  });

  it('rebuilds on first use, without sending or storing the stored state again', async () => {
    const store = new MemoryStore(storedText('Référente: la sage-femme.'));
    const document = await SharedDocument.load('space-2', store, options, logger);
    const sent: Uint8Array[] = [];
    const peer: DocumentPeer = { send: (message) => sent.push(message) };
    document.peers.add(peer);
    expect(document.doc.getText('notes').toString()).toBe('Référente: la sage-femme.');
    expect(document.applied).toBe(true);
    expect(document.hasUnsavedEdits).toBe(false);
    expect(sent).toEqual([]);
    // A peer that already has part of the state is answered from the rebuilt document, as before.
    const reconnecting = new Y.Doc();
    Y.applyUpdate(reconnecting, document.missingFor(emptyStateVector));
    document.doc.getText('notes').insert(0, 'Mise à jour. ');
    const missing = document.missingFor(Y.encodeStateVector(reconnecting));
    Y.applyUpdate(reconnecting, missing);
    expect(reconnecting.getText('notes').toString()).toBe('Mise à jour. Référente: la sage-femme.');
    await document.flush();
    expect(store.appended).toHaveLength(1);
    await document.destroy();
  });

  it('applies the stored state before any edit, so an edit lands on the stored text', async () => {
    const stored = storedText('Accompagnement: PEP ONE.');
    const document = await SharedDocument.load('space-3', new MemoryStore(stored), options, logger);
    const editor = new Y.Doc();
    Y.applyUpdate(editor, stored);
    const edits: Uint8Array[] = [];
    editor.on('update', (update: Uint8Array) => edits.push(update));
    editor.getText('notes').insert(editor.getText('notes').length, ' Visite à domicile le 12.');
    Y.applyUpdate(document.doc, edits[0]!);
    expect(document.doc.getText('notes').toString()).toBe(
      'Accompagnement: PEP ONE. Visite à domicile le 12.',
    );
    // The edit is new to the store; the stored state is not.
    expect(document.missingFor(emptyStateVector)).not.toBe(stored);
    await document.destroy();
  });
});
