import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DataStore } from '../data-store.ts';
import { applyChange } from './changes.ts';
import { lockDataFolder } from './folder-lock.ts';
import { Journal } from './journal.ts';
import { listJournals, readJournal, syncDirectory } from './journal-file.ts';
import {
  captureSnapshot,
  LEGACY_SNAPSHOT_FILE_NAME,
  readSnapshot,
  TEMP_SUFFIX,
  writeSnapshot,
} from './snapshot-file.ts';

/** Options of {@link openStorage}. */
export interface StorageOptions {
  /** Compact once the current journal file holds this many bytes (or the last snapshot's size, if larger). */
  compactAfterBytes?: number | undefined;
  /** Called if the journal cannot be written (the process should stop: acknowledged writes would be lost). */
  onJournalFailure?: ((error: Error) => void) | undefined;
}

/** The data set of a data folder, kept durable by the journal and compacted in the background. */
export interface Storage {
  readonly store: DataStore;
  readonly journal: Journal;
  /** Writes a snapshot of the current state now and removes the journals it replaces. */
  compact(): Promise<void>;
  /** Waits for a running compaction, syncs and closes the journal. */
  close(): Promise<void>;
}

const DEFAULT_COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

/** Rebuilds the data set of `directory`: the snapshot, then every later journal, replayed in order. */
export async function loadDataFolder(
  directory: string,
): Promise<{ store: DataStore; generation: number; snapshotBytes: number }> {
  const entries = await readdir(directory).catch(() => [] as string[]);
  for (const entry of entries)
    if (entry.endsWith(TEMP_SUFFIX)) await unlink(join(directory, entry)).catch(() => undefined);
  const snapshot = await readSnapshot(directory);
  const store = new DataStore();
  for (const collection of snapshot?.collections ?? []) store.attach(collection);
  const firstGeneration = snapshot?.generation ?? 1;
  let generation = firstGeneration;
  for (const journal of await listJournals(directory)) {
    if (journal.generation < firstGeneration) {
      await unlink(journal.path).catch(() => undefined);
      continue;
    }
    for (const group of await readJournal(journal.path))
      for (const change of group) applyChange(store, change);
    generation = journal.generation + 1;
  }
  for (const collection of store.allCollections()) collection.rebuildIndexes();
  return { store, generation, snapshotBytes: snapshot?.bytes ?? 0 };
}

/**
 * Opens a data folder: loads it, then appends every later change to a new journal file. Once that file
 * outgrows the last snapshot, a compaction cuts the journal, captures the state at the cut and writes it as
 * the new snapshot in slices, so a write costs the same whatever the size of the database.
 */
export async function openStorage(directory: string, options: StorageOptions = {}): Promise<Storage> {
  await mkdir(directory, { recursive: true });
  const unlock = await lockDataFolder(directory);
  const loaded = await loadDataFolder(directory).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const { store } = loaded;
  let snapshotBytes = loaded.snapshotBytes;
  let compacting: Promise<void> | undefined;
  const minimumBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;

  const compact = (): Promise<void> => {
    compacting ??= (async () => {
      const { generation, opened } = journal.rotate();
      // Captured in the same turn as the cut: exactly the changes recorded before it.
      const captured = captureSnapshot(store);
      await opened;
      snapshotBytes = await writeSnapshot(directory, generation, captured);
      for (const old of await listJournals(directory))
        if (old.generation < generation) await unlink(old.path).catch(() => undefined);
      await unlink(join(directory, LEGACY_SNAPSHOT_FILE_NAME)).catch(() => undefined);
      await syncDirectory(directory);
    })().finally(() => {
      compacting = undefined;
    });
    return compacting;
  };
  const journal = await Journal.open(directory, loaded.generation, {
    afterWrite: () => {
      if (!compacting && journal.bytesInFile > Math.max(minimumBytes, snapshotBytes))
        // A failed compaction leaves the journals in place; the next write past the threshold tries again.
        setImmediate(() => void compact().catch(() => undefined));
    },
    onFailure: (error) => options.onJournalFailure?.(error),
  });
  store.changes = journal;
  return {
    store,
    journal,
    compact,
    close: async () => {
      await compacting?.catch(() => undefined);
      await journal.close();
      await unlock();
    },
  };
}
