/** Prefix of the IndexedDB databases holding offline copies of spaces on this device. */
export const offlineCopyPrefix = 'concerto-space-';

/** Deletes every offline copy on this device (at sign-out, or when access to a space ends). */
export async function clearOfflineCopies(spaceId?: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const names = spaceId
    ? [`${offlineCopyPrefix}${spaceId}`]
    : ((await indexedDB.databases?.()) ?? [])
        .map((database) => database.name ?? '')
        .filter((name) => name.startsWith(offlineCopyPrefix));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}
