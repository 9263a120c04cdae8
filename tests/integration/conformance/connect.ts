import mongoose, { type Connection, type ConnectOptions } from 'mongoose';
import {
  dropTestDatabase,
  expectedDatabaseKind,
  testDeploymentUri,
  uniqueDatabaseName,
  uriWithDatabase,
} from '../../support/testDatabase.ts';

/** Runs `work` and returns what it threw (failing the test if it did not throw). */
export { caught } from '../../../tools/mongo-standin/test/standin-harness.ts';

// The settings the application uses, so the deployment is exercised the same way.
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

/** Opens an independent mongoose connection to `uri` (the conformance suite's one way in). */
export async function connect(uri: string, options: ConnectOptions = {}): Promise<Connection> {
  return mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, ...options }).asPromise();
}

/** A connection to a fresh database of the test deployment; `close()` drops that database. */
export interface TestDatabase {
  connection: Connection;
  /** The native driver `Db`. */
  db: NonNullable<Connection['db']>;
  close(): Promise<void>;
}

/** Opens a fresh database named after `label` on MONGODB_URI, or on the test run's stand-in. */
export async function openTestDatabase(label: string, options: ConnectOptions = {}): Promise<TestDatabase> {
  const name = uniqueDatabaseName(`conformance-${label}`);
  const connection = await connect(uriWithDatabase(testDeploymentUri(), name), options);
  if (!connection.db) throw new Error('connection is not open');
  return {
    connection,
    db: connection.db,
    close: async () => {
      await connection.close();
      await dropTestDatabase(name);
    },
  };
}

/** True when the suite runs on the stand-in: use it only in `it.skipIf(...)` with the reason of a known gap. */
export function onStandin(): boolean {
  return expectedDatabaseKind() === 'standin';
}
