import path from 'node:path';
import mongoose from 'mongoose';
import { SharedDocument } from '../../../server/src/collab/sharedDocument.ts';
import { MongoUpdateStore } from '../../../server/src/collab/updateStore.ts';
import { spawnStandin } from '../../../tools/mongo-standin/src/process/standinProcess.ts';
import { createLogger } from '../../../server/src/logger.ts';
import { percentilesOf, type Percentiles } from './statistics.ts';

/**
 * Times `SharedDocument.load` of one document against the database the server left in `dataDir`,
 * in this process (the stand-in in its own process, as the server runs it): the load alone, without
 * the websocket, the authentication or the client's own work.
 */
export async function timeStoreLoads(dataDir: string, docName: string, runs: number): Promise<Percentiles> {
  const standin = await spawnStandin({ dataDir: path.join(dataDir, 'standin') });
  const logger = createLogger('silent');
  const store = new MongoUpdateStore();
  const timings: number[] = [];
  try {
    await mongoose.connect(standin.uri, { dbName: 'concerto', serverSelectionTimeoutMS: 10_000 });
    for (let run = 0; run < runs; run += 1) {
      const startedAt = performance.now();
      const document = await SharedDocument.load(
        docName,
        store,
        { flushDelayMs: 100, compactAfterRecords: 200 },
        logger,
      );
      timings.push(performance.now() - startedAt);
      await document.destroy();
    }
  } finally {
    await mongoose.disconnect();
    await standin.stop();
  }
  return percentilesOf(timings);
}
