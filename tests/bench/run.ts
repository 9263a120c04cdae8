// `npm run bench`: the real Concerto server, a bare y-websocket relay and Hocuspocus 4 under the same
// editing load (on one instance, or on several over Redis), then, on one instance, the cold load of a
// 100 KB document and the bytes persisted. Prints figures; asserts nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRedis } from '../support/redisServer.ts';
import { readBenchOptions, usage, type BenchOptions } from './benchOptions.ts';
import { awaitQuietMachine, awaitServerIdle } from './measures/backgroundLoad.ts';
import { measureColdLoad } from './measures/coldLoad.ts';
import { touchForCompaction } from './measures/compactionTouch.ts';
import { summarizeProfile } from './measures/cpuProfile.ts';
import { buildLargeDocument } from './measures/largeDocument.ts';
import { readStoredUpdates } from './measures/storedUpdates.ts';
import { timeStoreLoads } from './measures/storeLoad.ts';
import { cleanUpNow, cleanUpOnExit, temporaryFolder, trackChild } from './processes/cleanup.ts';
import { printHeader } from './report/header.ts';
import { printReport, type StorageResults } from './report/printReport.ts';
import { startSession, type ConcertoSession } from './setup/concertoSession.ts';
import type { LoadSettings } from './workload/editingLoad.ts';
import { runRounds } from './workload/loadRounds.ts';

/** The second server unloads idle documents at once and compacts from two records (see the header). */
const storageEnvironment = { CONCERTO_COLLAB_IDLE_UNLOAD_MS: '100', CONCERTO_COLLAB_COMPACT_AFTER: '2' };
const largeDocumentBytes = 100 * 1024;

/** The cold load of a 100 KB document and the bytes stored, on the one instance's data (then stopped). */
async function measureStorage(
  first: ConcertoSession,
  dataDir: string,
  loadSpaceIds: readonly string[],
  largeSpaceId: string,
  options: BenchOptions,
  settings: LoadSettings,
): Promise<{ storage: StorageResults; output: string }> {
  console.log('Building a 100 KB document, then timing its cold loads...');
  await awaitQuietMachine(0.25, settings.quietWaitMs);
  const largeParams = await first.params(largeSpaceId);
  const large = await buildLargeDocument(first.collabUrl, largeSpaceId, largeParams, largeDocumentBytes);
  await first.server.stop();
  const allSpaceIds = new Set(loadSpaceIds);
  const asLeft = await readStoredUpdates(dataDir, allSpaceIds);
  const largeAsLeft = await readStoredUpdates(dataDir, new Set([largeSpaceId]));
  const storeLoad = await timeStoreLoads(dataDir, largeSpaceId, options.coldRuns);
  // Server 2, on the same data: every connection to the large document loads it from the database.
  const second = await startSession(
    { dataDir, environment: storageEnvironment },
    first.api.credentials.token,
  );
  const coldTarget = {
    serverUrl: second.collabUrl,
    spaceId: largeSpaceId,
    params: () => second.params(largeSpaceId),
    textLength: large.textLength,
  };
  const cold = await measureColdLoad(coldTarget, options.coldRuns, 100);
  const touch = await touchForCompaction(second.collabUrl, [largeSpaceId, ...loadSpaceIds], second.params);
  await awaitServerIdle(second.server.pid);
  await second.server.stop();
  const stored = {
    asLeft,
    largeAsLeft,
    compacted: await readStoredUpdates(dataDir, allSpaceIds),
    largeCompacted: await readStoredUpdates(dataDir, new Set([largeSpaceId])),
    touchBytes: [...touch.values()].reduce((total, bytes) => total + bytes, 0),
    largeTouchBytes: touch.get(largeSpaceId) ?? 0,
  };
  return { storage: { large, cold: { ...cold, storeLoad }, stored }, output: second.server.output() };
}

async function main(options: BenchOptions): Promise<void> {
  const settings: LoadSettings = {
    workers: options.workers,
    documents: options.spaces,
    warmupMs: 5000,
    durationMs: options.durationSeconds * 1000,
    pauseMs: { min: 1000, max: 2000 },
    quietWaitMs: options.quietWaitSeconds * 1000,
  };
  printHeader(options, settings);
  const dataDir = temporaryFolder('concerto-bench-');
  // Kept after the run (its path is printed), to be opened in Chrome's DevTools or read by a script.
  const profileDir = options.profile
    ? mkdtempSync(path.join(tmpdir(), 'concerto-bench-profile-'))
    : undefined;
  const redis = options.instances > 1 ? await startRedis((child) => trackChild(child)) : undefined;
  let measured: { storage: StorageResults; output: string } | undefined;
  const rounds = await runRounds(
    { options, settings, dataDir, profileDir, redisUrl: redis?.url },
    async ({ instances, spaceIds, largeSpaceId }) => {
      if (options.instances === 1)
        measured = await measureStorage(instances.first, dataDir, spaceIds, largeSpaceId, options, settings);
    },
  );
  await redis?.stop();
  const last = rounds[rounds.length - 1];
  if (!last) throw new Error('No round was run');
  const lastProfile = profileDir && path.join(profileDir, `round-${rounds.length}`);
  printReport({
    options,
    rounds,
    storage: measured?.storage,
    profile: lastProfile
      ? {
          connect: summarizeProfile(lastProfile, last.concerto.connectWindow),
          window: summarizeProfile(lastProfile, last.concerto.monotonicWindow),
        }
      : undefined,
    serverOutput: rounds.map((round) => round.concertoOutput).join('') + (measured?.output ?? ''),
  });
  if (profileDir)
    console.log(
      `\nThe server's CPU profiles, one folder per round (open in Chrome DevTools' Performance panel): ${profileDir}`,
    );
}

let options: BenchOptions | undefined;
try {
  options = readBenchOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (!options) {
  console.log(usage);
} else {
  // Each WebsocketProvider listens to the process `exit` event; the bench opens a dozen at a time.
  process.setMaxListeners(50);
  cleanUpOnExit(options.rounds * (10 * 60_000 + 4 * options.durationSeconds * 1000));
  const failed = await main(options).then(
    () => false,
    (error: unknown) => {
      console.error('\nThe benchmark failed:', error);
      return true;
    },
  );
  // Exit now: nothing measured is left, and a stray handle must not keep the bench alive.
  cleanUpNow();
  process.exit(failed ? 1 : 0);
}
