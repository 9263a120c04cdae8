import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CollabUpdateModel } from '../../../server/src/models/collabUpdate.ts';
import { isClockCollision, MongoUpdateStore, nextClock } from '../../../server/src/collab/updateStore.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

function textOf(update: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc.getText('notes').toString();
}

describe('documents loaded together (a meeting starting, an instance restarting)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('are read in one query, each with exactly its own records', async () => {
    const store = new MongoUpdateStore();
    // Names that share a prefix, a document of several records, and one never written.
    const names = ['load-a', 'load-a1', 'load-b', 'load-empty'];
    const written: Record<string, string> = { 'load-a': '', 'load-a1': '', 'load-b': '' };
    let clock = 0;
    for (const [index, name] of ['load-a', 'load-a1', 'load-b', 'load-a', 'load-b', 'load-a'].entries()) {
      const doc = new Y.Doc();
      doc.getText('notes').insert(0, `${name}#${index};`);
      written[name] += `${name}#${index};`;
      await store.append(name, (clock = nextClock(clock)), Y.encodeStateAsUpdate(doc));
    }
    const alone = [];
    for (const name of names) alone.push(await store.load(name));
    const find = vi.spyOn(CollabUpdateModel.collection, 'find');
    try {
      const together = await Promise.all(names.map((name) => store.load(name)));
      expect(find).toHaveBeenCalledTimes(1);
      expect(together.map((state) => state.records)).toEqual([3, 1, 2, 0]);
      expect(together.map((state) => state.lastClock)).toEqual(alone.map((state) => state.lastClock));
      expect(together.map((state) => state.bytes)).toEqual(alone.map((state) => state.bytes));
      for (const [index, name] of names.entries()) {
        const words = textOf(together[index]!.update).split(';').filter(Boolean).sort();
        expect(words).toEqual((written[name] ?? '').split(';').filter(Boolean).sort());
      }
      expect(together[3]!.update).toBeNull();
    } finally {
      find.mockRestore();
    }
  });

  it('a failed read fails every load of its turn, and the next turn reads again', async () => {
    const store = new MongoUpdateStore();
    const find = vi.spyOn(CollabUpdateModel.collection, 'find').mockImplementationOnce(() => {
      throw new Error('database unreachable');
    });
    try {
      const outcomes = await Promise.allSettled([store.load('load-a'), store.load('load-b')]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect((await store.load('load-b')).records).toBe(2);
    } finally {
      find.mockRestore();
    }
  });

  it('a record under a clock another instance took is refused as a clock collision, the others of its batch kept', async () => {
    const store = new MongoUpdateStore();
    const another = new MongoUpdateStore();
    const update = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('notes').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const clock = nextClock(0);
    await another.append('collide', clock, update('from instance B;'));
    const outcomes = await Promise.allSettled([
      store.append('collide', clock, update('from instance A;')),
      store.append('collide-other', clock, update('another document;')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
    expect(isClockCollision((outcomes[0] as PromiseRejectedResult).reason)).toBe(true);
    expect(textOf((await store.load('collide')).update)).toBe('from instance B;');
  });
});
