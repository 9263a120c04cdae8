import * as Y from 'yjs';

/** Pending updates are merged into records of at most this many bytes (before merging). */
export const maxRecordBytes = 4 * 1024 * 1024;

/**
 * Merges pending Yjs updates into as few records as possible, none built from more than `maxBytes` of
 * updates, so one burst of edits can never make a record MongoDB would refuse (one update alone is at
 * most a websocket frame, far below the 16 MiB limit).
 */
export function mergeIntoRecords(pending: Uint8Array[], maxBytes = maxRecordBytes): Uint8Array[] {
  const records: Uint8Array[] = [];
  let group: Uint8Array[] = [];
  let groupBytes = 0;
  const close = () => {
    if (group.length) records.push(group.length === 1 ? group[0]! : Y.mergeUpdates(group));
    group = [];
    groupBytes = 0;
  };
  for (const update of pending) {
    if (groupBytes > 0 && groupBytes + update.byteLength > maxBytes) close();
    group.push(update);
    groupBytes += update.byteLength;
  }
  close();
  return records;
}
