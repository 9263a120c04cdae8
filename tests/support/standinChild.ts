// A stand-in in its own process for fault tests: `node --import tsx standinChild.ts <port> <dir>`, prints its URI.
import { startStandin } from '../../server/src/db/standin/index.ts';

const [port, dataDir] = process.argv.slice(2);
const standin = await startStandin({ port: Number(port), dataDir, snapshotDelayMs: 1 });
console.log(standin.uri);
process.once('SIGTERM', () => void standin.close().then(() => process.exit(0)));
