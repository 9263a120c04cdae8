import * as Y from 'yjs';
import { pause } from '../workload/clock.ts';
import { openProvider, whenSynced } from '../workload/providerConnection.ts';
import { percentilesOf, type Percentiles } from './statistics.ts';

/** Times of new clients, from `new WebsocketProvider` to the websocket open (upgrade and its
 * authentication) and to the first sync complete; `afterOpen` is the part after the open. */
export interface ConnectTimes {
  total: Percentiles;
  open: Percentiles;
  afterOpen: Percentiles;
}

/** Connect-to-first-sync times of one document, unloaded (cold) and already in memory (warm). */
export interface ColdLoadFigures {
  cold: ConnectTimes;
  warm: ConnectTimes;
  /** `SharedDocument.load` alone, in the bench process, against the same stored records. */
  storeLoad?: Percentiles;
  /** Whether every client received the whole text (the load is complete, not just fast). */
  complete: boolean;
}

/** Where to connect, and a fresh token for each connection (tokens live one minute). */
export interface ColdLoadTarget {
  serverUrl: string;
  spaceId: string;
  params: () => Promise<Record<string, string>>;
  textLength: number;
}

interface Timing {
  openMs: number;
  totalMs: number;
  complete: boolean;
}

/** Opens a new client (empty Y.Doc) and times its websocket open and its first sync. */
async function timeFirstSync(target: ColdLoadTarget): Promise<Timing> {
  const params = await target.params();
  const doc = new Y.Doc();
  const startedAt = performance.now();
  const provider = openProvider(target.serverUrl, target.spaceId, doc, params);
  let openMs = Number.NaN;
  provider.on('status', ({ status }) => {
    if (status === 'connected') openMs = performance.now() - startedAt;
  });
  const synced = await whenSynced(provider, 10_000);
  const totalMs = performance.now() - startedAt;
  const complete = doc.getText('body').length === target.textLength;
  provider.destroy();
  doc.destroy();
  if (!synced) throw new Error('A cold-load client did not sync within 10 s');
  return { openMs, totalMs, complete };
}

function summarize(timings: readonly Timing[]): ConnectTimes {
  return {
    total: percentilesOf(timings.map((timing) => timing.totalMs)),
    open: percentilesOf(timings.map((timing) => timing.openMs)),
    afterOpen: percentilesOf(timings.map((timing) => timing.totalMs - timing.openMs)),
  };
}

/** Untimed cold loads made first, on the server that has just started. */
export const warmupRuns = 3;

/**
 * Cold: waits past the server's idle unload (`idleUnloadMs`, plus time to flush) before each connection,
 * so the document is read from the database every time. Warm: a holder keeps it loaded meanwhile.
 */
export async function measureColdLoad(
  target: ColdLoadTarget,
  runs: number,
  idleUnloadMs: number,
): Promise<ColdLoadFigures> {
  const cold: Timing[] = [];
  const warm: Timing[] = [];
  // The first connections to a server just started also compile its code paths (V8's JIT): measured,
  // they would time the compiler, not the load. Made the same way, untimed.
  for (let run = 0; run < warmupRuns; run += 1) {
    await pause(idleUnloadMs + 300);
    await timeFirstSync(target);
  }
  for (let run = 0; run < runs; run += 1) {
    await pause(idleUnloadMs + 300);
    cold.push(await timeFirstSync(target));
  }
  const holderDoc = new Y.Doc();
  const holder = openProvider(target.serverUrl, target.spaceId, holderDoc, await target.params());
  try {
    if (!(await whenSynced(holder, 10_000))) throw new Error('The warm-load holder did not sync');
    for (let run = 0; run < runs; run += 1) {
      await pause(20);
      warm.push(await timeFirstSync(target));
    }
  } finally {
    holder.destroy();
    holderDoc.destroy();
  }
  const complete = [...cold, ...warm].every((timing) => timing.complete);
  return { cold: summarize(cold), warm: summarize(warm), complete };
}
