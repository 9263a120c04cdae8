import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import { stopChild } from '../processes/childExit.ts';
import { trackChild } from '../processes/cleanup.ts';
import { pause } from '../workload/clock.ts';
import { openProvider, whenSynced } from '../workload/providerConnection.ts';
import type { FirstSyncCommand, FirstSyncReport } from './firstSyncClient.ts';
import { percentilesOf, type Percentiles } from './statistics.ts';

/** Times of new clients, from `new WebsocketProvider` to the websocket open (upgrade and its
 * authentication) and to the first sync complete; `afterOpen` is the part after the open. The clients
 * are opened in a small child process of their own, as a browser tab would be. */
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

/** The child process that opens the timed clients (see firstSyncClient.ts). */
class FirstSyncClient {
  private readonly child: ChildProcess = trackChild(
    fork(path.join(import.meta.dirname, 'firstSyncClient.ts'), [], { execArgv: ['--import', 'tsx'] }),
  );

  /** Opens a new client (empty Y.Doc) in the child and times its websocket open and its first sync. */
  async time(target: ColdLoadTarget): Promise<Timing> {
    const command: FirstSyncCommand = {
      serverUrl: target.serverUrl,
      spaceId: target.spaceId,
      params: await target.params(),
      textLength: target.textLength,
    };
    const report = await new Promise<FirstSyncReport>((resolve, reject) => {
      const onExit = () => reject(new Error('the cold-load client process exited'));
      this.child.once('message', (answer: FirstSyncReport) => {
        this.child.off('exit', onExit);
        resolve(answer);
      });
      this.child.once('exit', onExit);
      this.child.send(command);
    });
    if (report.kind === 'failed') throw new Error(report.message);
    return report;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
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
  const client = new FirstSyncClient();
  try {
    const cold = await timeColdLoads(client, target, runs, idleUnloadMs);
    const warm = await timeWarmLoads(client, target, runs);
    const complete = [...cold, ...warm].every((timing) => timing.complete);
    return { cold: summarize(cold), warm: summarize(warm), complete };
  } finally {
    await client.stop();
  }
}

async function timeColdLoads(
  client: FirstSyncClient,
  target: ColdLoadTarget,
  runs: number,
  idleUnloadMs: number,
): Promise<Timing[]> {
  // The first connections to a server just started also compile its code paths (V8's JIT): measured,
  // they would time the compiler, not the load. Made the same way, untimed.
  for (let run = 0; run < warmupRuns; run += 1) {
    await pause(idleUnloadMs + 300);
    await client.time(target);
  }
  const cold: Timing[] = [];
  for (let run = 0; run < runs; run += 1) {
    await pause(idleUnloadMs + 300);
    cold.push(await client.time(target));
  }
  return cold;
}

/** Connections while a holder keeps the document loaded. */
async function timeWarmLoads(
  client: FirstSyncClient,
  target: ColdLoadTarget,
  runs: number,
): Promise<Timing[]> {
  const warm: Timing[] = [];
  const holderDoc = new Y.Doc();
  const holder = openProvider(target.serverUrl, target.spaceId, holderDoc, await target.params());
  try {
    if (!(await whenSynced(holder, 10_000))) throw new Error('The warm-load holder did not sync');
    for (let run = 0; run < runs; run += 1) {
      await pause(20);
      warm.push(await client.time(target));
    }
  } finally {
    holder.destroy();
    holderDoc.destroy();
  }
  return warm;
}
