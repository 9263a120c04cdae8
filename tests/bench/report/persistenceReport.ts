import type { StoredUpdates } from '../measures/storedUpdates.ts';
import { bytes, count, printTable, times, verdict } from './format.ts';

/** One line of the persistence table: update bytes produced against what the database holds. */
export interface PersistedDocuments {
  label: string;
  updateBytes: number;
  stored: StoredUpdates;
  /** Whether the records were compacted just before (the target is for compacted documents). */
  compacted: boolean;
}

/** Prints how many documents the database holds with every edit their participants converged on. */
export function printStoredCompleteness(complete: number, total: number): void {
  const outcome = complete === total ? 'PASS' : 'MISS';
  console.log(`  documents stored with every edit the participants have: ${complete}/${total} ${outcome}`);
}

/** Prints bytes persisted per byte of update, for each group of documents. */
export function printPersistence(groups: readonly PersistedDocuments[]): void {
  printTable([
    ['', 'update bytes', 'records (snapshots)', 'stored Yjs', 'whole records', 'records / updates'],
    ...groups.map((group) => [
      group.label,
      bytes(group.updateBytes),
      `${count(group.stored.records)} (${count(group.stored.snapshots)})`,
      bytes(group.stored.dataBytes),
      bytes(group.stored.recordBytes),
      times(group.stored.recordBytes / group.updateBytes),
    ]),
  ]);
  const compacted = groups.filter((group) => group.compacted);
  const worst = Math.max(...compacted.map((group) => group.stored.recordBytes / group.updateBytes));
  console.log(`  persisted bytes after compaction: ${verdict(worst < 3, '< 3x update bytes')}`);
}
