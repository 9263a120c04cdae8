import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { DatabaseKind } from '@concerto/shared';
import type { Config } from '../config.ts';
import { reconnectWhenStuck } from './heartbeatWatchdog.ts';

/** The database the server runs on, connected through mongoose. */
export interface Database {
  kind: DatabaseKind;
  connection: mongoose.Connection;
  /** Closes the mongoose connection, then stops the stand-in process if we started one. */
  close(): Promise<void>;
}

/** Thrown when the configuration forbids every database choice (production without MONGODB_URI). */
export class DatabaseConfigurationError extends Error {}

interface SelectedDatabase {
  uri: string;
  /** The stand-in we start gets a fixed database name; a MONGODB_URI names its database itself. */
  dbName?: string;
  stop(): Promise<void>;
}

async function selectDatabase(config: Config, logger: Logger): Promise<SelectedDatabase> {
  if (config.mongodbUri) return { uri: config.mongodbUri, stop: async () => {} };
  if (config.nodeEnv === 'production') {
    throw new DatabaseConfigurationError(
      'NODE_ENV=production requires MONGODB_URI (e.g. mongodb://mongo:27017/concerto?replicaSet=rs0). ' +
        'The MongoDB stand-in is for development, tests and offline demos only.',
    );
  }
  const dataDir = path.join(config.dataDir, 'standin');
  // A dev dependency, loaded only here: the production image does not contain it.
  const { spawnStandin } = await import('@concerto/mongo-standin/process');
  const standin = await spawnStandin({
    dataDir,
    onUnexpectedExit: (code, signal) =>
      logger.error({ code, signal }, 'the MongoDB stand-in process exited; the database is down'),
  });
  logger.warn(
    { dataDir, uri: standin.uri, pid: standin.pid },
    'Using the MongoDB stand-in in its own process (tests and offline demos only, not for real data). ' +
      'Fix: set MONGODB_URI to a MongoDB replica set.',
  );
  return { uri: standin.uri, dbName: 'concerto', stop: () => standin.stop() };
}

/** What the deployment says it is: our stand-in identifies itself in `buildInfo`. */
async function kindOf(connection: mongoose.Connection): Promise<DatabaseKind> {
  const info = await connection.db?.admin().command({ buildInfo: 1 });
  return info?.['gitVersion'] === 'mongodb-standin' ? 'standin' : 'mongodb';
}

/** Connects mongoose to MONGODB_URI, or (outside production) to a stand-in process it starts. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const selected = await selectDatabase(config, logger);
  mongoose.set('strictQuery', true);
  mongoose.set('sanitizeFilter', true);
  const connection = mongoose.connection;
  let kind: DatabaseKind;
  try {
    await mongoose.connect(selected.uri, {
      serverSelectionTimeoutMS: 10_000,
      ...(selected.dbName ? { dbName: selected.dbName } : {}),
    });
    kind = await kindOf(connection);
  } catch (error) {
    await mongoose.disconnect().catch(() => undefined);
    await selected.stop();
    throw error;
  }
  logger.info({ db: kind }, 'database connected');
  const stopWatching = reconnectWhenStuck(connection.getClient(), logger);
  return {
    kind,
    connection,
    close: async () => {
      stopWatching();
      await mongoose.disconnect();
      await selected.stop();
    },
  };
}
