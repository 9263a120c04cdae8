import type { CommandDispatcher } from './command-dispatcher.ts';
import type { DataStore } from './data-store.ts';

/** How often expired documents are removed; mongod's TTL monitor also runs every 60 seconds. */
export const TTL_MONITOR_INTERVAL_MS = 60_000;

/**
 * Removes the documents a TTL index says have expired, as mongod's TTL monitor does: for each index
 * `{ field: 1 }` with `expireAfterSeconds`, documents whose `field` is a date older than that are deleted
 * (through an ordinary `delete` command, so the journal records it). Returns how many were removed.
 */
export async function removeExpiredDocuments(
  store: DataStore,
  dispatcher: CommandDispatcher,
): Promise<number> {
  let removed = 0;
  for (const collection of store.allCollections()) {
    for (const index of collection.indexes.values()) {
      const seconds = index['expireAfterSeconds'];
      const fields = Object.keys(index.key);
      if (typeof seconds !== 'number' || fields.length !== 1) continue;
      const cutoff = new Date(Date.now() - seconds * 1000);
      const reply = await dispatcher.run(
        {
          delete: collection.name,
          deletes: [{ q: { [fields[0]!]: { $lt: cutoff } }, limit: 0 }],
          $db: collection.databaseName,
        },
        { connectionId: 0, legacy: false },
      );
      if (typeof reply['n'] === 'number') removed += reply['n'];
    }
  }
  return removed;
}

/** Starts the periodic TTL pass; the returned function stops it. */
export function startTtlMonitor(
  store: DataStore,
  dispatcher: CommandDispatcher,
  intervalMs = TTL_MONITOR_INTERVAL_MS,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void removeExpiredDocuments(store, dispatcher)
      .catch(() => undefined)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
