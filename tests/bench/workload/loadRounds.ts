import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from '../benchOptions.ts';
import { countStoresSkipped } from '../processes/probeRequests.ts';
import { startHocuspocus, startRelay } from '../processes/relayProcess.ts';
import { createSpaces, issueCollabTokens } from '../setup/benchSpaces.ts';
import { childrenOf, startConcertoInstances, type ConcertoInstances } from '../setup/concertoInstances.ts';
import { planParticipants } from '../setup/participantPlans.ts';
import { runEditingLoad, type LoadFigures, type LoadSettings } from './editingLoad.ts';
import type { ClientProtocol } from './workerMessages.ts';

/** The servers a round loads, in the order of its first round. */
export type ServerName = 'bare relay' | 'Hocuspocus' | 'Concerto';

/** Every server's figures in one round, and the order they ran in. */
export interface RoundFigures {
  order: ServerName[];
  relay: LoadFigures;
  hocuspocus?: LoadFigures;
  concerto: LoadFigures;
  /** What Concerto's instances printed in this round. */
  concertoOutput: string;
}

/** What every round shares: the options, the data folder, the profiles' folder and Redis. */
export interface RoundsSetting {
  options: BenchOptions;
  settings: LoadSettings;
  dataDir: string;
  profileDir?: string;
  redisUrl?: string;
}

/** Concerto after its load in the last round, still running, for the measures that follow on its data. */
export interface ConcertoAfterLoad {
  instances: ConcertoInstances;
  spaceIds: string[];
  /** A space created with the others and left empty, for the 100 KB document. */
  largeSpaceId: string;
}

/** Runs the load on `instances` processes of a comparison server (the relay or Hocuspocus), then stops them. */
async function loadPeer(
  label: ServerName,
  protocol: ClientProtocol,
  start: (redisUrl?: string) => ReturnType<typeof startRelay>,
  documentNames: readonly string[],
  setting: RoundsSetting,
): Promise<LoadFigures> {
  const { options, redisUrl } = setting;
  const servers = await Promise.all(Array.from({ length: options.instances }, () => start(redisUrl)));
  const urls = servers.map((server) => server.websocketUrl);
  const plans = planParticipants(documentNames, options.participants, urls);
  const target = { label, protocol, servers: servers.map((server) => server.child), plans };
  try {
    const figures = await runEditingLoad(target, setting.settings);
    if (protocol !== 'hocuspocus') return figures;
    const skipped = await Promise.all(servers.map((server) => countStoresSkipped(server.child)));
    return { ...figures, storesSkipped: skipped.reduce((total, count) => total + count, 0) };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/**
 * Starts Concerto (its own CPU profile folder for the round), creates the round's spaces, runs the load
 * on them. Before the last round, stops it; in the last one, `afterLoad` measures on it, then it stops.
 */
async function loadConcerto(
  round: number,
  setting: RoundsSetting,
  session: { bearer?: string },
  afterLoad?: (concerto: ConcertoAfterLoad, figures: LoadFigures) => Promise<void>,
): Promise<{ figures: LoadFigures; output: string }> {
  const { options } = setting;
  const profileDir = setting.profileDir && path.join(setting.profileDir, `round-${round}`);
  if (profileDir) mkdirSync(profileDir);
  const instances = await startConcertoInstances(options.instances, {
    dataDir: setting.dataDir,
    profileDir,
    redisUrl: setting.redisUrl,
    // The sign-in is rate limited (in Redis with several instances): the first round's session is reused.
    bearer: session.bearer,
  });
  let figures: LoadFigures;
  try {
    session.bearer ??= instances.first.api.credentials.token;
    const [largeSpaceId = '', ...spaceIds] = await createSpaces(instances.first.api, options.spaces + 1);
    // Tokens live one minute: issued once the load has waited for a quiet machine, just before it connects.
    const plans = async () => {
      const tokens = await issueCollabTokens(instances.first.api, spaceIds);
      const tokenOf = new Map(spaceIds.map((spaceId, index) => [spaceId, tokens[index] ?? '']));
      return planParticipants(spaceIds, options.participants, instances.collabUrls, (spaceId) => ({
        token: tokenOf.get(spaceId) ?? '',
      }));
    };
    const target = {
      label: 'Concerto',
      protocol: 'y-websocket' as const,
      servers: childrenOf(instances),
      databasePids: instances.databasePids,
      plans,
    };
    figures = await runEditingLoad(target, setting.settings);
    await afterLoad?.({ instances, spaceIds, largeSpaceId }, figures);
  } finally {
    await instances.stop();
  }
  return { figures, output: instances.output() };
}

/** The order of round `round` (1-based): the first round's order, turned by one place each round. */
export function orderOfRound(servers: readonly ServerName[], round: number): ServerName[] {
  const shift = (round - 1) % servers.length;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}

/**
 * Runs the editing load `options.rounds` times on the relay, Hocuspocus (unless left out) and Concerto,
 * each server started afresh for its load, in an order that turns every round so that none is always
 * measured first or last. `afterLastLoad` runs on Concerto after its load in the last round.
 */
export async function runRounds(
  setting: RoundsSetting,
  afterLastLoad: (concerto: ConcertoAfterLoad, figures: LoadFigures) => Promise<void>,
): Promise<RoundFigures[]> {
  const { options } = setting;
  const servers: ServerName[] = options.hocuspocus
    ? ['bare relay', 'Hocuspocus', 'Concerto']
    : ['bare relay', 'Concerto'];
  const session: { bearer?: string } = {};
  const rounds: RoundFigures[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    const order = orderOfRound(servers, round);
    const documentNames = Array.from({ length: options.spaces }, (_value, index) => `r${round}-${index}`);
    const figures = new Map<ServerName, LoadFigures>();
    let concertoOutput = '';
    for (const server of order) {
      const counter = options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : '';
      console.log(`Running the load on ${describe(server, options.instances)}${counter}...`);
      if (server === 'bare relay')
        figures.set(server, await loadPeer(server, 'y-websocket', startRelay, documentNames, setting));
      else if (server === 'Hocuspocus')
        figures.set(server, await loadPeer(server, 'hocuspocus', startHocuspocus, documentNames, setting));
      else {
        const last = round === options.rounds ? afterLastLoad : undefined;
        const concerto = await loadConcerto(round, setting, session, last);
        figures.set(server, concerto.figures);
        concertoOutput = concerto.output;
      }
    }
    const relay = figures.get('bare relay');
    const concerto = figures.get('Concerto');
    if (!relay || !concerto) throw new Error(`Round ${round} did not load every server`);
    rounds.push({ order, relay, concerto, hocuspocus: figures.get('Hocuspocus'), concertoOutput });
  }
  return rounds;
}

function describe(server: ServerName, instances: number): string {
  if (server === 'bare relay') return 'the bare relay (@y/websocket-server 0.1.1 setupWSConnection)';
  if (server === 'Concerto') return 'Concerto';
  const extensions = instances > 1 ? 'its Redis extension only' : 'no extension';
  return `Hocuspocus 4 (@hocuspocus/server, ${extensions})`;
}
