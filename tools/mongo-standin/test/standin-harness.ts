import mongoose, { type Connection, type ConnectOptions } from 'mongoose';
import type { Standin } from '../src/index.ts';

// The settings the application uses, so the stand-in is exercised the same way.
mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

/** Opens an independent mongoose connection to one database of the stand-in. */
export async function connectTo(
  standin: Standin,
  database: string,
  options: ConnectOptions = {},
): Promise<Connection> {
  return mongoose
    .createConnection(`${standin.uri}/${database}?directConnection=true`, {
      serverSelectionTimeoutMS: 2000,
      ...options,
    })
    .asPromise();
}

/** The native driver `Db` behind a connection (defined once the connection is open). */
export function nativeDb(connection: Connection): NonNullable<Connection['db']> {
  if (!connection.db) throw new Error('connection is not open');
  return connection.db;
}

/** Runs `work` and returns what it threw (failing the test if it did not throw). */
export async function caught(work: () => Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await work();
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the operation to fail');
}
