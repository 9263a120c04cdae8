import { createServer, type AddressInfo, type Socket } from 'node:net';
import { serveConnection } from './client-connection.ts';
import { CommandDispatcher } from './command-dispatcher.ts';
import type { ServerServices } from './command-context.ts';
import { MAX_MESSAGE_SIZE_BYTES } from './commands/handshake.ts';
import { CursorRegistry } from './cursors.ts';
import { DataStore } from './data-store.ts';
import { openStorage, type Storage } from './storage/storage.ts';
import { TransactionManager } from './transactions.ts';
import { startTtlMonitor } from './ttl-monitor.ts';

export { removeExpiredDocuments } from './ttl-monitor.ts';
export { loadDataFolder } from './storage/storage.ts';
export { SNAPSHOT_FILE_NAME } from './storage/snapshot-file.ts';

/** Options of {@link startStandin}. */
export interface StandinOptions {
  /** Folder keeping the data set across restarts (journal and snapshot); without it data lives in memory only. */
  dataDir?: string;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** Compact the journal into a new snapshot past this many bytes (or the last snapshot's size); default 16 MiB. */
  compactAfterBytes?: number;
  /** How often documents expired by a TTL index are removed; default 60 s, as mongod. */
  ttlMonitorIntervalMs?: number;
  /** Called if the journal cannot be written (the stand-in's own process exits then, as mongod would). */
  onJournalFailure?: (error: Error) => void;
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
  /** Compacts the journal into a new snapshot now (no-op without `dataDir`). */
  compact(): Promise<void>;
  /** Stops listening, closes client sockets and syncs the journal; safe to call twice. */
  close(): Promise<void>;
}

function advertisedHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a MongoDB wire-protocol stand-in in this process, for tests and offline demos only: it speaks
 * enough of the protocol for the Node driver and mongoose (CRUD, cursors, aggregation, indexes,
 * transactions) but is not a database server. With `dataDir`, every write is in the journal before it
 * is acknowledged. Logs nothing. Applications run it in its own process (`spawnStandin`).
 */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const host = options.host ?? '127.0.0.1';
  const storage: Storage | undefined = options.dataDir
    ? await openStorage(options.dataDir, {
        compactAfterBytes: options.compactAfterBytes,
        onJournalFailure: options.onJournalFailure,
      })
    : undefined;
  const store = storage?.store ?? new DataStore();

  const identity = { address: '' };
  const services: ServerServices = {
    store,
    transactions: new TransactionManager(store),
    cursors: new CursorRegistry(),
    identity,
  };
  const dispatcher = new CommandDispatcher(services);
  const stopTtlMonitor = startTtlMonitor(store, dispatcher, options.ttlMonitorIntervalMs);
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
    stopTtlMonitor();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    services.cursors.clear();
    // Closing the journal after the sockets are gone guarantees no write slips in behind it.
    try {
      await storage?.close();
    } finally {
      await stopped;
    }
  };
  return {
    uri: `mongodb://${identity.address}`,
    port,
    address: identity.address,
    compact: async () => storage?.compact(),
    close: () => (closing ??= close()),
  };
}
