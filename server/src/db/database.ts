import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { DatabaseKind } from '@concerto/shared';
import type { Config } from '../config.ts';
import { startLocalMongod } from './mongodLocal.ts';
import { startStandin } from './standin/index.ts';

/** The database the server runs on, connected through mongoose. */
export interface Database {
  kind: DatabaseKind;
  connection: mongoose.Connection;
  /** Closes the mongoose connection, then stops the local mongod or stand-in if we started one. */
  close(): Promise<void>;
}

/** Thrown when the configuration forbids every database choice (production without MONGODB_URI). */
export class DatabaseConfigurationError extends Error {}

interface SelectedDatabase {
  kind: DatabaseKind;
  uri: string;
  /** Our own local databases get a fixed name; a MONGODB_URI names its database itself. */
  dbName?: string;
  stop(): Promise<void>;
}

async function selectDatabase(config: Config, logger: Logger): Promise<SelectedDatabase> {
  if (config.mongodbUri) return { kind: 'mongodb', uri: config.mongodbUri, stop: async () => {} };
  if (config.nodeEnv === 'production') {
    throw new DatabaseConfigurationError(
      'NODE_ENV=production requires MONGODB_URI (e.g. mongodb://mongo:27017/concerto?replicaSet=rs0). ' +
        'The local mongod and the stand-in are for development, tests and offline demos only.',
    );
  }
  if (config.databaseMode !== 'standin') {
    const mongod = await startLocalMongod(config.dataDir, logger);
    if (mongod) return { kind: 'mongod-local', uri: mongod.uri, dbName: 'concerto', stop: mongod.stop };
    if (config.databaseMode === 'mongod-local') {
      throw new DatabaseConfigurationError(
        'CONCERTO_DATABASE=mongod-local but no mongod binary could be found or downloaded; ' +
          'install mongod and set MONGOMS_SYSTEM_BINARY, or set MONGODB_URI.',
      );
    }
  }
  const standin = await startStandin({ dataDir: path.join(config.dataDir, 'standin') });
  logger.warn(
    { dataDir: path.join(config.dataDir, 'standin') },
    'Using the MongoDB stand-in (tests and offline demos only, not for real data). ' +
      'Fix: set MONGODB_URI to a MongoDB replica set, or make a mongod binary available (MONGOMS_SYSTEM_BINARY).',
  );
  return { kind: 'standin', uri: standin.uri, dbName: 'concerto', stop: standin.close };
}

/** Picks the database (MONGODB_URI, else a local mongod, else the stand-in) and connects mongoose to it. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const selected = await selectDatabase(config, logger);
  mongoose.set('strictQuery', true);
  mongoose.set('sanitizeFilter', true);
  const connection = mongoose.connection;
  try {
    await mongoose.connect(selected.uri, {
      serverSelectionTimeoutMS: 10_000,
      ...(selected.dbName ? { dbName: selected.dbName } : {}),
    });
  } catch (error) {
    await selected.stop();
    throw error;
  }
  logger.info({ db: selected.kind }, 'database connected');
  return {
    kind: selected.kind,
    connection,
    close: async () => {
      await mongoose.disconnect();
      await selected.stop();
    },
  };
}
