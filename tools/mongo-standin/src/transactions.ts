import { Collection } from './collection.ts';
import type { DataStore } from './data-store.ts';
import { CommandError, maxTimeExpired, noSuchTransaction, writeConflict } from './errors.ts';
import { namespaceOf, type Document } from './types.ts';

/** A collection as one transaction sees it: a private copy taken at first access, plus the changes to commit. */
export interface TransactionView {
  readonly databaseName: string;
  readonly collectionName: string;
  /** The live collection object when the copy was taken (undefined if it did not exist yet). */
  readonly base: Collection | undefined;
  /** The transaction's private working set: it reads its own writes here. */
  readonly working: Collection;
  /** Changed documents by `_id` key; null marks a deletion. */
  readonly changes: Map<string, Document | null>;
}

/** Lifecycle of a multi-document transaction. */
export type TransactionState = 'active' | 'committed' | 'aborted';

/** One multi-document transaction of one logical session. */
export class Transaction {
  state: TransactionState = 'active';
  readonly views = new Map<string, TransactionView>();
  /** Lock keys of the documents this transaction has written. */
  readonly claims = new Set<string>();
  readonly startedAt = Date.now();
  /** Resolves when the transaction commits or aborts (its locks are released). */
  readonly ended: Promise<void>;
  /** Settles `ended`; called once by the manager. */
  markEnded: () => void = () => {};

  constructor(
    readonly sessionKey: string,
    readonly txnNumber: number,
    readonly startVersion: number,
  ) {
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
  }
}

/**
 * Thrown by a plain write that hits a document locked by an open transaction: the command waits for the
 * transaction to end, then retries the statement (nothing of it was applied), as mongod does.
 */
export class DocumentLocked extends Error {
  constructor(readonly holder: Transaction) {
    super('document locked by an open transaction');
  }
}

/** mongod's default `transactionLifetimeLimitSeconds`. */
const DEFAULT_LIFETIME_MS = 60_000;

function lockKeyOf(namespace: string, idKey: string): string {
  return `${namespace}\u0000${idKey}`;
}

/**
 * Tracks transactions per session and detects write conflicts: a document written by an open
 * transaction is locked until it ends, and a write made after a transaction started blocks that
 * transaction from writing the same document (first writer wins, as in mongod).
 */
export class TransactionManager {
  private clock = 0;
  private activeCount = 0;
  private readonly sessions = new Map<string, Transaction>();
  private readonly locks = new Map<string, Transaction>();
  /** Lock key → clock of the last committed write; only kept while some transaction is open. */
  private readonly recentWrites = new Map<string, number>();

  constructor(
    private readonly store: DataStore,
    private readonly lifetimeMs = DEFAULT_LIFETIME_MS,
  ) {}

  /** Starts transaction `txnNumber` (a command with `startTransaction: true`), aborting the session's previous one. */
  begin(sessionKey: string, txnNumber: number): Transaction {
    const previous = this.sessions.get(sessionKey);
    if (previous && txnNumber <= previous.txnNumber) {
      throw new CommandError(
        225,
        'TransactionTooOld',
        `Cannot start transaction ${txnNumber} on session because transaction ${previous.txnNumber} has already started`,
      );
    }
    if (previous) this.abort(previous);
    const transaction = new Transaction(sessionKey, txnNumber, this.clock);
    this.sessions.set(sessionKey, transaction);
    this.activeCount += 1;
    return transaction;
  }

  /** The open transaction `txnNumber` of the session; a committed one only for a retried commitTransaction. */
  resume(sessionKey: string, txnNumber: number, commandName: string): Transaction {
    const transaction = this.sessions.get(sessionKey);
    if (!transaction || transaction.txnNumber !== txnNumber) {
      throw noSuchTransaction(
        `Given transaction number ${txnNumber} does not match any in-progress transactions.`,
      );
    }
    this.expireIfStale(transaction);
    if (transaction.state === 'committed') {
      if (commandName === 'commitTransaction') return transaction;
      throw new CommandError(
        256,
        'TransactionCommitted',
        `Transaction with { txnNumber: ${txnNumber} } has been committed.`,
      );
    }
    if (transaction.state === 'aborted') {
      throw noSuchTransaction(`Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
    }
    return transaction;
  }

  /** The transaction's view of a collection, copying the live collection on first access. */
  viewOf(transaction: Transaction, databaseName: string, collectionName: string): TransactionView {
    const namespace = namespaceOf(databaseName, collectionName);
    const existing = transaction.views.get(namespace);
    if (existing) return existing;
    const base = this.store.getCollection(databaseName, collectionName);
    const view: TransactionView = {
      databaseName,
      collectionName,
      base,
      working: base ? base.copy() : new Collection(databaseName, collectionName),
      changes: new Map(),
    };
    transaction.views.set(namespace, view);
    return view;
  }

  /** Locks a document for the transaction before it writes it; aborts it with WriteConflict if someone got there first. */
  claimDocument(transaction: Transaction, namespace: string, idKey: string): void {
    const lockKey = lockKeyOf(namespace, idKey);
    if (transaction.claims.has(lockKey)) return;
    if (
      this.isHeldByOther(lockKey, transaction) ||
      (this.recentWrites.get(lockKey) ?? -1) > transaction.startVersion
    ) {
      this.abort(transaction);
      throw writeConflict(true);
    }
    this.locks.set(lockKey, transaction);
    transaction.claims.add(lockKey);
  }

  /** Stops a non-transactional write to a document an open transaction has written (throws `DocumentLocked`). */
  assertLiveWriteAllowed(namespace: string, idKey: string): void {
    const holder = this.locks.get(lockKeyOf(namespace, idKey));
    if (holder && this.isHeldByOther(lockKeyOf(namespace, idKey), undefined))
      throw new DocumentLocked(holder);
  }

  /**
   * Waits until `holder` ends (commit, abort, or expiry at the transaction lifetime limit); rejects with
   * MaxTimeMSExpired at `deadline` (epoch ms), like a write blocked behind a transaction in mongod.
   */
  async waitForRelease(holder: Transaction, deadline: number | undefined): Promise<void> {
    const timers: NodeJS.Timeout[] = [];
    const expiry = new Promise<void>((resolve) => {
      timers.push(setTimeout(resolve, Math.max(0, holder.startedAt + this.lifetimeMs - Date.now() + 1)));
    }).then(() => this.expireIfStale(holder));
    const waits: Array<Promise<void>> = [holder.ended, expiry];
    if (deadline !== undefined) {
      waits.push(
        new Promise((_, reject) => {
          timers.push(setTimeout(() => reject(maxTimeExpired()), Math.max(0, deadline - Date.now())));
        }),
      );
    }
    try {
      await Promise.race(waits);
    } finally {
      for (const timer of timers) clearTimeout(timer);
    }
  }

  /** Notes a committed write so transactions that started earlier cannot overwrite it. */
  recordLiveWrite(namespace: string, idKey: string): void {
    this.clock += 1;
    if (this.activeCount > 0) this.recentWrites.set(lockKeyOf(namespace, idKey), this.clock);
  }

  /** Applies all of the transaction's changes atomically, after re-checking unique indexes against live data. */
  commit(transaction: Transaction): void {
    const changedViews = [...transaction.views.values()].filter((view) => view.changes.size > 0);
    try {
      for (const view of changedViews) {
        const live = this.store.getCollection(view.databaseName, view.collectionName);
        // The collection was dropped or recreated underneath the transaction.
        if (view.base && live !== view.base) throw writeConflict(true);
        live?.assertBatchUnique(view.changes);
      }
    } catch (error) {
      this.abort(transaction);
      throw error;
    }
    for (const view of changedViews) {
      const { collection } = this.store.ensureCollection(view.databaseName, view.collectionName);
      for (const [idKey, document] of view.changes) {
        const previous = collection.documents.get(idKey);
        collection.put(idKey, document);
        if (document) this.store.recordPut(collection, document);
        else if (previous) this.store.recordDelete(collection, previous['_id']);
        this.recordLiveWrite(collection.namespace, idKey);
      }
    }
    this.finish(transaction, 'committed');
  }

  /** Discards the transaction's changes and releases its locks (no-op if already finished). */
  abort(transaction: Transaction): void {
    this.finish(transaction, 'aborted');
  }

  /** `endSessions`: aborts and forgets the sessions' transactions. */
  endSessions(sessionKeys: readonly string[]): void {
    for (const sessionKey of sessionKeys) {
      const transaction = this.sessions.get(sessionKey);
      if (transaction) this.abort(transaction);
      this.sessions.delete(sessionKey);
    }
  }

  private isHeldByOther(lockKey: string, transaction: Transaction | undefined): boolean {
    const holder = this.locks.get(lockKey);
    if (!holder || holder === transaction) return false;
    this.expireIfStale(holder);
    return holder.state === 'active';
  }

  private expireIfStale(transaction: Transaction): void {
    if (transaction.state === 'active' && Date.now() - transaction.startedAt > this.lifetimeMs)
      this.abort(transaction);
  }

  private finish(transaction: Transaction, state: TransactionState): void {
    if (transaction.state !== 'active') return;
    transaction.state = state;
    for (const lockKey of transaction.claims) {
      if (this.locks.get(lockKey) === transaction) this.locks.delete(lockKey);
    }
    transaction.claims.clear();
    transaction.views.clear();
    transaction.markEnded();
    this.activeCount -= 1;
    // With no transaction open, nobody can conflict with past writes any more.
    if (this.activeCount === 0) this.recentWrites.clear();
  }
}
