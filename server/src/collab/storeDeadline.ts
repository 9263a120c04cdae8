/** Thrown when the database has not answered a store call in time: the call counts as failed. */
export class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
}

/**
 * How long a document waits for one call to its store before counting it as failed. Past the driver's
 * own bound (10 s of server selection), only a call that will never settle is still waiting.
 */
export const storeCallDeadlineMs = 12_000;

/**
 * `call`'s outcome, or a `StoreTimeoutError` once `storeCallDeadlineMs` pass without one: a document
 * never waits forever on its store (its writes are chained, so one lost write would stop them all).
 */
export function settledWithin<T>(call: Promise<T>, what: string): Promise<T> {
  // Seen with mongodb 7.8 when the database restarts: a pooled connection whose server has just closed
  // it is handed out before its 'close' event; the command is written into the ended socket and waits
  // for a 'drain' that never comes, and the later 'close' rejects no reader. Whatever such a call does
  // afterwards is ignored: every store write may be repeated (a Yjs update or an editor's upsert stored
  // twice changes nothing).
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StoreTimeoutError(`${what}: no answer from the database within ${storeCallDeadlineMs} ms`),
        ),
      storeCallDeadlineMs,
    );
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}
