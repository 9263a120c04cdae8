import mongoose from 'mongoose';
import { DatabaseConfigurationError } from './database.ts';

/** Thrown when the database is reachable but cannot be used as it is; the message names the fix. */
export class DatabaseDeploymentError extends DatabaseConfigurationError {}

/** What a `hello` reply says about the deployment. */
export type DeploymentKind = 'replicaSet' | 'sharded' | 'standalone';

/** Reads the kind of deployment from a `hello` reply (a mongos answers `msg: "isdbgrid"`). */
export function deploymentKindOf(hello: { setName?: unknown; msg?: unknown }): DeploymentKind {
  if (typeof hello.setName === 'string' && hello.setName) return 'replicaSet';
  if (hello.msg === 'isdbgrid') return 'sharded';
  return 'standalone';
}

/**
 * Refuses a standalone server: Concerto writes several documents in transactions (closing a meeting,
 * compacting collaboration records), which MongoDB only runs on a replica set or through a mongos.
 */
export async function requireReplicaSet(
  connection: mongoose.Connection = mongoose.connection,
): Promise<void> {
  const hello = await connection.db!.admin().command({ hello: 1 });
  if (deploymentKindOf(hello) !== 'standalone') return;
  throw new DatabaseDeploymentError(
    `The MongoDB server at ${connection.host}:${connection.port} is a standalone server, not a replica set: ` +
      'Concerto needs transactions. Fix: start mongod with `--replSet rs0`, run `rs.initiate()` once ' +
      '(a one-node replica set is enough), and add `?replicaSet=rs0` to MONGODB_URI.',
  );
}

/**
 * Creates every model's collection and indexes and waits for them; a failure (e.g. existing duplicates
 * under a unique index) stops the start instead of leaving the server running without its indexes.
 */
export async function buildIndexes(connection: mongoose.Connection = mongoose.connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    try {
      await model.init();
      // init() runs once per process; createIndexes() checks this database every time (tests and
      // restarts reconnect the same models to another database).
      await model.createIndexes();
    } catch (error) {
      throw new DatabaseDeploymentError(
        `Building the indexes of the ${model.collection.collectionName} collection failed: ` +
          `${(error as Error).message}. Fix the data that breaks the index (e.g. remove duplicates), then ` +
          'start again.',
        { cause: error },
      );
    }
  }
}
