// `npm run bench`: the real Concerto server, a bare y-websocket relay and Hocuspocus 4 under the same
// editing load (on one instance, or on several over Redis), then, on one instance, the cold load of a
// 100 KB document and the bytes persisted. Prints figures; asserts nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRedis } from '../support/redisServer.ts';
import { readBenchOptions, usage, type BenchOptions } from './benchOptions.ts';
import { awaitQuietMachine } from './measures/backgroundLoad.ts';
import { measureColdLoad } from './measures/coldLoad.ts';
import { touchForCompaction } from './measures/compactionTouch.ts';
import { summarizeProfile } from './measures/cpuProfile.ts';
import { buildLargeDocument } from './measures/largeDocument.ts';
import { readStoredUpdates } from './measures/storedUpdates.ts';
import { timeStoreLoads } from './measures/storeLoad.ts';
import { cleanUpNow, cleanUpOnExit, temporaryFolder, trackChild } from './processes/cleanup.ts';
import { countStoresSkipped } from './processes/probeRequests.ts';
import { startHocuspocus, startRelay } from './processes/relayProcess.ts';
import { printHeader } from './report/header.ts';
import { printReport, type StorageResults } from './report/printReport.ts';
import { createSpaces, issueCollabTokens } from './setup/benchSpaces.ts';
import { childrenOf, startConcertoInstances } from './setup/concertoInstances.ts';
import { startSession, type ConcertoSession } from './setup/concertoSession.ts';
import { planParticipants } from './setup/participantPlans.ts';
import { runEditingLoad, type LoadFigures, type LoadSettings } from './workload/editingLoad.ts';
import type { ClientProtocol } from './workload/workerMessages.ts';

/** The second server unloads idle documents at once and compacts from two records (see the header). */
const storageEnvironment = { CONCERTO_COLLAB_IDLE_UNLOAD_MS: '100', CONCERTO_COLLAB_COMPACT_AFTER: '2' };
const largeDocumentBytes = 100 * 1024;

/** Runs the load on `instances` processes of a comparison server (the relay or Hocuspocus), then stops them. */
async function loadPeer(
  label: string,
  protocol: ClientProtocol,
  start: (redisUrl?: string) => ReturnType<typeof startRelay>,
  spaceIds: readonly string[],
  options: BenchOptions,
  settings: LoadSettings,
  redisUrl: string | undefined,
): Promise<LoadFigures> {
  const servers = await Promise.all(Array.from({ length: options.instances }, () => start(redisUrl)));
  const urls = servers.map((server) => server.websocketUrl);
  const plans = planParticipants(spaceIds, options.participants, urls);
  const target = { label, protocol, servers: servers.map((server) => server.child), plans };
  try {
    const figures = await runEditingLoad(target, settings);
    if (protocol !== 'hocuspocus') return figures;
    const skipped = await Promise.all(servers.map((server) => countStoresSkipped(server.child)));
    return { ...figures, storesSkipped: skipped.reduce((total, count) => total + count, 0) };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

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
  const concerto = await startConcertoInstances(options.instances, {
    dataDir,
    profileDir,
    redisUrl: redis?.url,
  });
  const { first } = concerto;
  const [largeSpaceId = '', ...spaceIds] = await createSpaces(first.api, options.spaces + 1);

  console.log('\nRunning the load on the bare relay (@y/websocket-server 0.1.1 setupWSConnection)...');
  const relay = await loadPeer(
    'bare relay',
    'y-websocket',
    startRelay,
    spaceIds,
    options,
    settings,
    redis?.url,
  );
  let hocuspocus: LoadFigures | undefined;
  if (options.hocuspocus) {
    const extensions = options.instances > 1 ? 'its Redis extension only' : 'no extension';
    console.log(`Running the load on Hocuspocus 4 (@hocuspocus/server, ${extensions})...`);
    hocuspocus = await loadPeer(
      'Hocuspocus',
      'hocuspocus',
      startHocuspocus,
      spaceIds,
      options,
      settings,
      redis?.url,
    );
  }

  console.log('Running the load on Concerto...');
  const tokens = await issueCollabTokens(first.api, spaceIds);
  const tokenOf = new Map(spaceIds.map((spaceId, index) => [spaceId, tokens[index] ?? '']));
  const concertoPlans = planParticipants(spaceIds, options.participants, concerto.collabUrls, (spaceId) => ({
    token: tokenOf.get(spaceId) ?? '',
  }));
  const concertoFigures = await runEditingLoad(
    {
      label: 'Concerto',
      protocol: 'y-websocket',
      servers: childrenOf(concerto),
      databasePids: concerto.databasePids,
      plans: concertoPlans,
    },
    settings,
  );

  const measured =
    options.instances === 1
      ? await measureStorage(first, dataDir, spaceIds, largeSpaceId, options, settings)
      : undefined;
  await concerto.stop();
  await redis?.stop();

  printReport({
    options,
    relay,
    concerto: concertoFigures,
    hocuspocus,
    storage: measured?.storage,
    profile: profileDir
      ? {
          connect: summarizeProfile(profileDir, concertoFigures.connectWindow),
          window: summarizeProfile(profileDir, concertoFigures.monotonicWindow),
        }
      : undefined,
    serverOutput: concerto.output() + (measured?.output ?? ''),
  });
  if (profileDir)
    console.log(`\nThe server's CPU profiles (open in Chrome DevTools' Performance panel): ${profileDir}`);
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
  cleanUpOnExit(10 * 60_000 + 4 * options.durationSeconds * 1000);
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
