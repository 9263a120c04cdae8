import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { inject } from 'vitest';

/**
 * The MongoDB deployment the tests run against: `MONGODB_URI` when set (a real MongoDB replica set, the
 * reference), otherwise the one stand-in process `globalDatabase.ts` started for this test run.
 */
export function testDeploymentUri(): string {
  return inject('mongodbUri');
}

/** What `/api/health` reports for that deployment. */
export function expectedDatabaseKind(): 'mongodb' | 'standin' {
  return inject('mongodbIsStandin') ? 'standin' : 'mongodb';
}

/** A database name no other test uses (MongoDB allows 63 bytes and no `.` or `/`). */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 13)}`;
}

/** `uri` with its path (the database) set to `databaseName`, keeping hosts and options. */
export function uriWithDatabase(uri: string, databaseName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`not a mongodb:// URI: ${uri}`);
  return `${match[1]}/${databaseName}${match[2] ?? ''}`;
}

/** Drops a test database (a server's or a conformance test's) once the test is done with it. */
export async function dropTestDatabase(databaseName: string): Promise<void> {
  const client = new MongoClient(testDeploymentUri(), { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.db(databaseName).dropDatabase();
  } finally {
    await client.close();
  }
}
