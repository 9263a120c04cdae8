import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import { SavingState, savingMessageType } from '@concerto/shared';
import { SharedDocument, type DocumentPeer } from '../../../server/src/collab/sharedDocument.ts';
import {
  isClockCollision,
  type LoadedState,
  type UpdateStore,
} from '../../../server/src/collab/updateStore.ts';

/** What the MongoDB driver rejects an unordered insert with when one record's key is taken. */
const duplicateKey = () =>
  Object.assign(new Error('E11000 duplicate key error index: docName_1_clock_1'), {
    code: 11000,
    writeErrors: [{ index: 0, code: 11000 }],
  });

/** A store where another instance already holds the first `taken` clocks this one tries. */
class StoreSharedWithAnotherInstance implements UpdateStore {
  readonly clocks: number[] = [];
  readonly tried: number[] = [];
  constructor(private taken: number) {}
  async load(): Promise<LoadedState> {
    return { update: null, lastClock: 0, records: 0, bytes: 0 };
  }
  async append(_docName: string, clock: number): Promise<void> {
    this.tried.push(clock);
    if (this.taken > 0) {
      this.taken -= 1;
      throw duplicateKey();
    }
    this.clocks.push(clock);
  }
  async compact(): Promise<null> {
    return null;
  }
}

/** An editor connected to the document, keeping the saving states she is told. */
function editor(): DocumentPeer & { states: number[] } {
  const states: number[] = [];
  return {
    states,
    send(message: Uint8Array) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) === savingMessageType) states.push(decoding.readVarUint(decoder));
    },
  };
}

async function documentOn(
  store: UpdateStore,
): Promise<{ document: SharedDocument; peer: ReturnType<typeof editor> }> {
  const options = { flushDelayMs: 10, compactAfterRecords: 200 };
  const document = await SharedDocument.load('plan', store, options, pino({ level: 'silent' }));
  const peer = editor();
  document.peers.add(peer);
  const local = new Y.Doc();
  local.on('update', (update: Uint8Array) => Y.applyUpdate(document.doc, update, peer));
  local.getText('notes').insert(0, 'Visite de la sage-femme jeudi.');
  return { document, peer };
}

describe('two instances writing a document under the same clock', () => {
  it('is written again at once under a new clock, and nobody is told saving is delayed', async () => {
    const store = new StoreSharedWithAnotherInstance(1);
    const { document, peer } = await documentOn(store);
    await document.flush();
    expect(store.clocks).toHaveLength(1);
    expect(store.tried[1]).toBeGreaterThan(store.tried[0]!);
    expect(document.hasUnsavedEdits).toBe(false);
    expect(peer.states).not.toContain(SavingState.delayed);
    await document.destroy();
  });

  it('counts as a failed write when it goes on (not a chance meeting any more)', async () => {
    const store = new StoreSharedWithAnotherInstance(10);
    const { document, peer } = await documentOn(store);
    await document.flush();
    expect(store.tried).toHaveLength(4);
    expect(document.hasUnsavedEdits).toBe(true);
    expect(peer.states).toEqual([SavingState.delayed]);
    await document.destroy(0);
  });
});

describe('isClockCollision', () => {
  it('recognises a duplicate key, alone or as every error of a bulk write', () => {
    expect(isClockCollision(duplicateKey())).toBe(true);
    expect(isClockCollision({ code: 11000 })).toBe(true);
    expect(isClockCollision({ code: 11000, writeErrors: [{ code: 11000 }, { code: 2 }] })).toBe(false);
    expect(isClockCollision(new Error('connection closed'))).toBe(false);
    expect(isClockCollision(undefined)).toBe(false);
  });
});
