// `npm run bench`: the real Concerto server and a bare y-websocket relay under the same editing load,
// then the cold load of a 100 KB document and the bytes persisted. Prints figures; asserts nothing.
import { readBenchOptions, usage, type BenchOptions } from './benchOptions.ts';
import { awaitQuietMachine } from './measures/backgroundLoad.ts';
import { measureColdLoad } from './measures/coldLoad.ts';
import { touchForCompaction } from './measures/compactionTouch.ts';
import { summarizeProfile } from './measures/cpuProfile.ts';
import { buildLargeDocument } from './measures/largeDocument.ts';
import { readStoredUpdates } from './measures/storedUpdates.ts';
import { timeStoreLoads } from './measures/storeLoad.ts';
import { cleanUpNow, cleanUpOnExit, temporaryFolder } from './processes/cleanup.ts';
import { startRelay } from './processes/relayProcess.ts';
import { printHeader } from './report/header.ts';
import { printReport } from './report/printReport.ts';
import { createSpaces, issueCollabTokens } from './setup/benchSpaces.ts';
import { startSession } from './setup/concertoSession.ts';
import { planParticipants } from './setup/participantPlans.ts';
import { runEditingLoad, type LoadSettings } from './workload/editingLoad.ts';

/** The second server unloads idle documents at once and compacts from two records (see the header). */
const storageEnvironment = { CONCERTO_COLLAB_IDLE_UNLOAD_MS: '100', CONCERTO_COLLAB_COMPACT_AFTER: '2' };
const largeDocumentBytes = 100 * 1024;

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
  const profileDir = options.profile ? temporaryFolder('concerto-bench-profile-') : undefined;
  // Server 1: default collaboration settings, for the editing load.
  const first = await startSession({ dataDir, profileDir, environment: { CONCERTO_DEMO_DATA: 'true' } });
  const [largeSpaceId = '', ...spaceIds] = await createSpaces(first.api, options.spaces + 1);

  console.log('\nRunning the load on the bare relay (@y/websocket-server 0.1.1 setupWSConnection)...');
  const relay = await startRelay();
  const plans = planParticipants(spaceIds, options.participants);
  const relayTarget = { label: 'bare relay', serverUrl: relay.websocketUrl, server: relay.child, plans };
  const relayFigures = await runEditingLoad(relayTarget, settings).finally(() => relay.stop());

  console.log('Running the load on Concerto...');
  const tokens = await issueCollabTokens(first.api, spaceIds);
  const tokenOf = new Map(spaceIds.map((spaceId, index) => [spaceId, tokens[index] ?? '']));
  const concertoPlans = planParticipants(spaceIds, options.participants, (spaceId) => ({
    token: tokenOf.get(spaceId) ?? '',
  }));
  const concertoTarget = { label: 'Concerto', serverUrl: first.collabUrl, server: first.server.child };
  const concertoFigures = await runEditingLoad({ ...concertoTarget, plans: concertoPlans }, settings);

  console.log('Building a 100 KB document, then timing its cold loads...');
  await awaitQuietMachine(0.25, settings.quietWaitMs);
  const largeParams = await first.params(largeSpaceId);
  const large = await buildLargeDocument(first.collabUrl, largeSpaceId, largeParams, largeDocumentBytes);
  await first.server.stop();
  const allSpaceIds = new Set(spaceIds);
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
  const touch = await touchForCompaction(second.collabUrl, [largeSpaceId, ...spaceIds], second.params);
  await second.server.stop();

  printReport({
    options,
    relay: relayFigures,
    concerto: concertoFigures,
    large,
    cold: { ...cold, storeLoad },
    stored: {
      asLeft,
      largeAsLeft,
      compacted: await readStoredUpdates(dataDir, allSpaceIds),
      largeCompacted: await readStoredUpdates(dataDir, new Set([largeSpaceId])),
      touchBytes: [...touch.values()].reduce((total, bytes) => total + bytes, 0),
      largeTouchBytes: touch.get(largeSpaceId) ?? 0,
    },
    profile: profileDir ? summarizeProfile(profileDir, concertoFigures.monotonicWindow) : undefined,
    serverOutput: first.server.output() + second.server.output(),
  });
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
  cleanUpOnExit(10 * 60_000 + 3 * options.durationSeconds * 1000);
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
