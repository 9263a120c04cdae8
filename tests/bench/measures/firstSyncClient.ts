// A child process of the bench that opens the cold-load clients: a small, fresh process, as a browser tab
// would be, so that the bench's own heap (its garbage collections of tens of milliseconds) is not timed
// as the server's. Answers each `FirstSyncCommand` with a `FirstSyncReport`; exits with its parent.
import * as Y from 'yjs';
import { openProvider, whenSynced } from '../workload/providerConnection.ts';

/** Open a new client (empty Y.Doc) on a space and time its first sync. */
export interface FirstSyncCommand {
  serverUrl: string;
  spaceId: string;
  params: Record<string, string>;
  textLength: number;
}

/** The times of one first sync, or why it failed. */
export type FirstSyncReport =
  { kind: 'timed'; openMs: number; totalMs: number; complete: boolean } | { kind: 'failed'; message: string };

async function timeFirstSync(command: FirstSyncCommand): Promise<FirstSyncReport> {
  const doc = new Y.Doc();
  const startedAt = performance.now();
  const provider = openProvider(command.serverUrl, command.spaceId, doc, command.params);
  let openMs = Number.NaN;
  provider.on('status', ({ status }) => {
    if (status === 'connected') openMs = performance.now() - startedAt;
  });
  const synced = await whenSynced(provider, 10_000);
  const totalMs = performance.now() - startedAt;
  const complete = doc.getText('body').length === command.textLength;
  provider.destroy();
  doc.destroy();
  if (!synced) return { kind: 'failed', message: 'a cold-load client did not sync within 10 s' };
  return { kind: 'timed', openMs, totalMs, complete };
}

process.on('message', (command: FirstSyncCommand) => {
  timeFirstSync(command).then(
    (report) => process.send?.(report),
    (error: unknown) => process.send?.({ kind: 'failed', message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
