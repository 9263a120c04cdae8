import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MongoUpdateStore, nextClock } from '../../../server/src/collab/updateStore.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

/** One Yjs update that appends `word` to a document's notes, made by its own client (as an editor's). */
function edit(word: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, `${word};`);
  return Y.encodeStateAsUpdate(doc);
}

async function storedWords(store: MongoUpdateStore, docName: string): Promise<string[]> {
  const loaded = await store.load(docName);
  const doc = new Y.Doc();
  if (loaded.update) Y.applyUpdate(doc, loaded.update);
  return doc.getText('notes').toString().split(';').filter(Boolean).sort();
}

describe('compaction with several writers (two instances on one document)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('two compactions at once, while a third writer appends, lose no update', async () => {
    const store = new MongoUpdateStore();
    const docName = 'concurrent-compaction';
    const words = Array.from({ length: 30 }, (_, index) => `w${index}`);
    let clock = 0;
    for (const word of words.slice(0, 20))
      await store.append(docName, (clock = nextClock(clock)), edit(word));
    const outcomes = await Promise.allSettled([
      store.compact(docName),
      store.compact(docName),
      ...words.slice(20).map((word) => store.append(docName, (clock = nextClock(clock)), edit(word))),
    ]);
    // Whichever compaction lost the race failed or found the other's snapshot: nothing else may fail.
    expect(outcomes.slice(2).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(await storedWords(store, docName)).toEqual([...words].sort());
    await store.compact(docName);
    expect(await storedWords(store, docName)).toEqual([...words].sort());
    expect((await store.load(docName)).records).toBe(1);
  });
});
