// Vitest global setup of the integration and e2e projects: one database deployment for the whole run.
// With MONGODB_URI set, every test server and conformance test uses it (each with its own database, dropped
// afterwards); otherwise one MongoDB stand-in process is started here and stopped at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { TestProject } from 'vitest/node';
import { spawnStandin } from '../../tools/mongo-standin/src/process/standinProcess.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The deployment's URI, without a database name to rely on (tests set their own). */
    mongodbUri: string;
    /** True when the tests run on the stand-in rather than on MongoDB. */
    mongodbIsStandin: boolean;
  }
}

/** Our stand-in says who it is in `buildInfo` (the server tells the two apart the same way). */
async function isStandin(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    return (await client.db('admin').command({ buildInfo: 1 }))['gitVersion'] === 'mongodb-standin';
  } finally {
    await client.close();
  }
}

/** Provides the deployment to every test file; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.MONGODB_URI;
  if (configured) {
    project.provide('mongodbUri', configured);
    project.provide('mongodbIsStandin', await isStandin(configured));
    return async () => {};
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'concerto-standin-'));
  const standin = await spawnStandin({ dataDir });
  project.provide('mongodbUri', standin.uri);
  project.provide('mongodbIsStandin', true);
  return async () => {
    await standin.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
