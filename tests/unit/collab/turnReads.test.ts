import { describe, expect, it } from 'vitest';
import { TurnReads } from '../../../server/src/collab/turnReads.ts';

/** A database whose queries the test answers one by one, noting the keys of each. */
class HeldDatabase {
  readonly queries: string[][] = [];
  private answers: (() => void)[] = [];

  readonly readAll = (keys: string[]) => {
    this.queries.push([...keys]);
    const version = this.queries.length;
    return new Promise<(key: string) => string>((resolve) => {
      this.answers.push(() => resolve((key) => `${key}@${version}`));
    });
  };

  answerNext(): void {
    this.answers.shift()?.();
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reads gathered while the database is busy', () => {
  it('go in one query once the one in flight is answered, each read after it was asked', async () => {
    const database = new HeldDatabase();
    const reads = new TurnReads(database.readAll);
    const first = reads.read('session-a');
    await nextTurn();
    expect(database.queries).toEqual([['session-a']]);

    // Asked over three turns while the first query is in flight: no query goes meanwhile.
    const again = reads.read('session-a');
    await nextTurn();
    const second = reads.read('session-b');
    await nextTurn();
    const third = reads.read('session-c');
    const thirdTwice = reads.read('session-c');
    await nextTurn();
    expect(database.queries).toHaveLength(1);

    database.answerNext();
    expect(await first).toBe('session-a@1');
    await nextTurn();
    // 'session-a' was asked again after the first query went: it is read again, not answered from it.
    expect(database.queries).toEqual([['session-a'], ['session-a', 'session-b', 'session-c']]);
    database.answerNext();
    expect(await Promise.all([again, second, third, thirdTwice])).toEqual([
      'session-a@2',
      'session-b@2',
      'session-c@2',
      'session-c@2',
    ]);
  });

  it('send the next query anyway when the one in flight is never answered', async () => {
    const database = new HeldDatabase();
    const reads = new TurnReads(database.readAll, 30);
    const lost = reads.read('document-a');
    await nextTurn();
    const later = reads.read('document-b');
    await pause(60);
    expect(database.queries).toEqual([['document-a'], ['document-b']]);
    database.answerNext();
    database.answerNext();
    expect(await lost).toBe('document-a@1');
    expect(await later).toBe('document-b@2');
  });

  it('fail the callers of a failed query only', async () => {
    let calls = 0;
    const reads = new TurnReads(async (keys: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('database unavailable');
      return (key: string) => `${key}:${keys.length}`;
    });
    const failed = reads.read('session-a');
    const failedToo = reads.read('session-b');
    await expect(failed).rejects.toThrow('database unavailable');
    await expect(failedToo).rejects.toThrow('database unavailable');
    expect(await reads.read('session-a')).toBe('session-a:1');
  });
});
