import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnStandin } from '../../../tools/mongo-standin/src/process/standinProcess.ts';
import { startConcerto, type ConcertoProcess } from '../processes/concertoProcess.ts';
import { startSession, type ConcertoSession } from './concertoSession.ts';

/** Concerto on one instance, or on several sharing one database (the stand-in) and one Redis. */
export interface ConcertoInstances {
  /** The first instance, with the bench user signed in (spaces and tokens are made through it). */
  first: ConcertoSession;
  servers: ConcertoProcess[];
  /** Each instance's WebsocketProvider server URL, in instance order. */
  collabUrls: string[];
  /** The shared stand-in's process (several instances); undefined when the server started its own. */
  databasePids?: number[];
  /** Everything the instances printed. */
  output(): string;
  /** Stops every instance, then the shared stand-in. */
  stop(): Promise<void>;
}

const collabUrlOf = (server: ConcertoProcess) => `${server.url.replace('http', 'ws')}/collab`;

/**
 * One instance starts its own stand-in, as `npm start` does. Several get `MONGODB_URI` of one stand-in
 * started here, `REDIS_URL` and one `CONCERTO_SECRET`; the first starts alone (it writes the demo data).
 * With `bearer` (a session of an earlier start on the same data), the first signs in with it, not again.
 */
export async function startConcertoInstances(
  count: number,
  settings: { dataDir: string; profileDir?: string; redisUrl?: string; bearer?: string },
): Promise<ConcertoInstances> {
  const demo = { CONCERTO_DEMO_DATA: 'true' };
  if (count === 1) {
    const first = await startSession(
      { dataDir: settings.dataDir, profileDir: settings.profileDir, environment: demo },
      settings.bearer,
    );
    return {
      first,
      servers: [first.server],
      collabUrls: [first.collabUrl],
      output: () => first.server.output(),
      stop: () => first.server.stop(),
    };
  }
  const standin = await spawnStandin({ dataDir: path.join(settings.dataDir, 'standin') });
  // The stand-in's URI names no database (`.../?replicaSet=rs0`): the instances use the usual one.
  const uri = standin.uri.replace('/?', '/concerto?');
  const environment = {
    ...demo,
    MONGODB_URI: uri,
    REDIS_URL: settings.redisUrl ?? '',
    CONCERTO_SECRET: randomBytes(32).toString('base64'),
  };
  const first = await startSession(
    { dataDir: settings.dataDir, profileDir: settings.profileDir, environment },
    settings.bearer,
  );
  const others = await Promise.all(
    Array.from({ length: count - 1 }, () => startConcerto({ dataDir: settings.dataDir, environment })),
  );
  const servers = [first.server, ...others];
  return {
    first,
    servers,
    collabUrls: servers.map(collabUrlOf),
    databasePids: [standin.pid ?? 0],
    output: () => servers.map((server) => server.output()).join(''),
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await standin.stop();
    },
  };
}

/** The processes of the instances (to measure them). */
export function childrenOf(instances: ConcertoInstances): ChildProcess[] {
  return instances.servers.map((server) => server.child);
}
