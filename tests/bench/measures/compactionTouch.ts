import * as Y from 'yjs';
import { mapLimited } from '../workload/limited.ts';
import { openProvider, whenSynced } from '../workload/providerConnection.ts';

/**
 * Makes the server compact documents now: on a server started with a compaction threshold of 2, one
 * one-character edit per document is stored as a second record, which triggers the compaction when
 * the document unloads. Returns, per document, the bytes of the update that edit produced.
 */
export async function touchForCompaction(
  serverUrl: string,
  spaceIds: readonly string[],
  params: (spaceId: string) => Promise<Record<string, string>>,
): Promise<Map<string, number>> {
  const updateBytes = new Map<string, number>();
  await mapLimited(spaceIds, 10, async (spaceId) => {
    const doc = new Y.Doc();
    const provider = openProvider(serverUrl, spaceId, doc, await params(spaceId));
    try {
      if (!(await whenSynced(provider, 10_000))) throw new Error(`Could not open ${spaceId} to compact it`);
      doc.once('update', (update: Uint8Array) => updateBytes.set(spaceId, update.byteLength));
      doc.getText('body').insert(0, '.');
    } finally {
      // The edit is queued on the socket before the close frame, so the server receives it first.
      provider.destroy();
      doc.destroy();
    }
  });
  return updateBytes;
}
