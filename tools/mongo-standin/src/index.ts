import { createServer, type AddressInfo, type Socket } from 'node:net';
import { serveConnection } from './client-connection.ts';
import { CommandDispatcher } from './command-dispatcher.ts';
import type { ServerServices } from './command-context.ts';
import { MAX_MESSAGE_SIZE_BYTES } from './commands/handshake.ts';
import { CursorRegistry } from './cursors.ts';
import { DataStore } from './data-store.ts';
import { encodeSnapshot, readSnapshot, writeSnapshotAtomically } from './snapshot-file.ts';
import { SnapshotScheduler } from './snapshot-scheduler.ts';
import { TransactionManager } from './transactions.ts';

export { SNAPSHOT_FILE_NAME } from './snapshot-file.ts';

/** Options of {@link startStandin}. */
export interface StandinOptions {
  /** Folder keeping the data set across restarts (one snapshot file); without it data lives in memory only. */
  dataDir?: string;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** How long after a write the snapshot is saved (debounced); default 200 ms. */
  snapshotDelayMs?: number;
}

/** A running stand-in server. */
export interface Standin {
  /**
   * `mongodb://HOST:PORT`, with no path or query so callers can append the database, e.g.
   * `${uri}/concerto?directConnection=true`, or pass `{ dbName }` to mongoose.
   * `directConnection=true` is recommended; discovery also works because `hello` lists this address.
   */
  uri: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** `host:port` as clients should dial it (what `hello` reports). */
  address: string;
  /** Writes pending changes to the snapshot now (no-op without `dataDir`). */
  flush(): Promise<void>;
  /** Stops listening, closes client sockets and flushes the snapshot; safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_SNAPSHOT_DELAY_MS = 200;

function advertisedHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts an in-process MongoDB wire-protocol stand-in, for tests and offline demos only: it speaks
 * enough of the protocol for the Node driver and mongoose (CRUD, cursors, aggregation, indexes,
 * transactions) but is not a database server. Logs nothing.
 */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const host = options.host ?? '127.0.0.1';
  const { dataDir } = options;
  const store = new DataStore();
  for (const collection of (dataDir ? await readSnapshot(dataDir) : undefined) ?? [])
    store.attach(collection);
  const scheduler = dataDir
    ? new SnapshotScheduler(
        () => writeSnapshotAtomically(dataDir, encodeSnapshot(store)),
        options.snapshotDelayMs ?? DEFAULT_SNAPSHOT_DELAY_MS,
      )
    : undefined;
  store.onChange = () => scheduler?.markDirty();

  const identity = { address: '' };
  const services: ServerServices = {
    store,
    transactions: new TransactionManager(store),
    cursors: new CursorRegistry(),
    identity,
  };
  const dispatcher = new CommandDispatcher(services);
  const sockets = new Set<Socket>();
  let lastConnectionId = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    lastConnectionId += 1;
    serveConnection(socket, dispatcher, lastConnectionId, MAX_MESSAGE_SIZE_BYTES);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, errors only concern individual connections; never let them crash the host process.
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  identity.address = `${advertisedHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    services.cursors.clear();
    // Flushing after the sockets are gone guarantees no write slips in behind the final snapshot.
    try {
      await scheduler?.flush();
    } finally {
      scheduler?.cancel();
      await stopped;
    }
  };
  return {
    uri: `mongodb://${identity.address}`,
    port,
    address: identity.address,
    flush: async () => scheduler?.flush(),
    close: () => (closing ??= close()),
  };
}
