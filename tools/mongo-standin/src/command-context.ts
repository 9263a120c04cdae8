import type { CollectionAccess } from './collection-access.ts';
import type { CursorRegistry } from './cursors.ts';
import type { DataStore } from './data-store.ts';
import type { Transaction, TransactionManager } from './transactions.ts';
import type { Document } from './types.ts';

/** How the stand-in describes itself in `hello` replies. */
export interface ServerIdentity {
  /** `host:port` clients should use; reported as `me`, `primary` and `hosts`. */
  readonly address: string;
}

/** The shared state every command runs against. */
export interface ServerServices {
  readonly store: DataStore;
  readonly transactions: TransactionManager;
  readonly cursors: CursorRegistry;
  readonly identity: ServerIdentity;
}

/** One command being executed: its document, target database, connection and transaction. */
export interface CommandContext extends ServerServices {
  readonly name: string;
  readonly command: Document;
  readonly databaseName: string;
  readonly connectionId: number;
  readonly transaction: Transaction | undefined;
  /** When the command's `maxTimeMS` runs out (epoch ms); undefined without a limit. */
  readonly deadline: number | undefined;
  /** Access to a collection of `databaseName`, through the transaction when there is one. */
  collection(name: string): CollectionAccess;
  /**
   * Runs `work`, and while it throws `DocumentLocked` (having applied nothing) waits for that transaction
   * to end and runs it again; MaxTimeMSExpired at the deadline.
   */
  retryWhileLocked<T>(work: () => T): Promise<T>;
}

/** Executes one command and returns its reply (errors are thrown as `CommandError`). */
export type CommandHandler = (context: CommandContext) => Document | Promise<Document>;

/** Command names mapped to their handlers. */
export type CommandTable = Readonly<Record<string, CommandHandler>>;
