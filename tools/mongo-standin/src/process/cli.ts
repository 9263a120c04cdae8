// The stand-in's own process: parses the command line, starts the server, prints its URI on stdout (the
// launcher reads that line), writes diagnostics to stderr, and closes cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { startStandin } from '../index.ts';
import { standinUri } from './uri.ts';

const usage = `Usage: npm run standin -- [--port P] [--dir D] [--host H]

Runs the MongoDB wire-protocol stand-in (tests and offline demos only, not for real data) and prints its
mongodb:// URI on stdout.
  --port P        TCP port (default 0: any free port; the URI says which)
  --dir D         data folder (journal + snapshot); without it data lives in memory only
  --host H        interface to listen on (default 127.0.0.1)
  --watch-stdin   exit when stdin closes (set by the launcher so the stand-in never outlives its parent)`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    dir: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'watch-stdin': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer between 0 and 65535, not ${values.port}\n\n${usage}`);
  process.exit(2);
}

const standin = await startStandin({ port, host: values.host, dataDir: values.dir }).catch(
  (error: unknown) => {
    console.error(`mongo-standin: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
console.log(standinUri(standin.address));
console.error(
  `mongo-standin: listening on ${standin.address}, pid ${process.pid}, ` +
    (values.dir ? `data in ${values.dir}` : 'data in memory only (no --dir)') +
    ' — a stand-in for tests and demos, not a database server',
);

let stopping = false;
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(`mongo-standin: stopping (${reason})`);
  try {
    await standin.close();
    process.exit(0);
  } catch (error) {
    console.error(
      `mongo-standin: error while stopping: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
if (values['watch-stdin']) {
  process.stdin.on('end', () => void stop('parent gone'));
  process.stdin.on('error', () => void stop('parent gone'));
  process.stdin.resume();
}
