import type { Collection, PinnedField } from './collection.ts';
import { assertValidName, type DataStore } from './data-store.ts';
import type { Transaction, TransactionManager } from './transactions.ts';
import { namespaceOf, type Document } from './types.ts';
import { idKeyOf } from './unique-index.ts';

/** What read and write commands need from one collection, whether or not they run in a transaction. */
export interface CollectionAccess {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly namespace: string;
  /** Visible documents in natural (insertion) order; treat them as read-only. */
  documents(): Document[];
  /** Number of visible documents. */
  count(): number;
  /** The visible document with this `_id` key. */
  get(idKey: string): Document | undefined;
  /** Visible documents that may satisfy these equalities, in natural order; undefined when no index serves them. */
  indexedDocuments(pins: readonly PinnedField[]): Document[] | undefined;
  /** Adds a document (E11000 on duplicates). */
  insert(document: Document): void;
  /** Replaces the visible document that has the same `_id`. */
  replace(document: Document): void;
  /** Deletes the visible document with this `_id` key. */
  remove(idKey: string): void;
  /** Throws `DocumentLocked` if a plain write to any of these documents would have to wait for a transaction. */
  assertWritable(idKeys: readonly string[]): void;
}

/** Direct access to live data; a document locked by an open transaction makes the write wait (`DocumentLocked`). */
class LiveCollectionAccess implements CollectionAccess {
  readonly namespace: string;

  constructor(
    private readonly store: DataStore,
    private readonly transactions: TransactionManager,
    readonly databaseName: string,
    readonly collectionName: string,
  ) {
    this.namespace = namespaceOf(databaseName, collectionName);
  }

  documents(): Document[] {
    return [...(this.store.getCollection(this.databaseName, this.collectionName)?.documents.values() ?? [])];
  }

  count(): number {
    return this.store.getCollection(this.databaseName, this.collectionName)?.documents.size ?? 0;
  }

  get(idKey: string): Document | undefined {
    return this.store.getCollection(this.databaseName, this.collectionName)?.documents.get(idKey);
  }

  indexedDocuments(pins: readonly PinnedField[]): Document[] | undefined {
    return this.store.getCollection(this.databaseName, this.collectionName)?.indexedDocuments(pins);
  }

  insert(document: Document): void {
    this.write(idKeyOf(document), (collection) => {
      collection.insert(document);
      this.store.recordPut(collection, document);
    });
  }

  replace(document: Document): void {
    const idKey = idKeyOf(document);
    this.write(idKey, (collection) => {
      collection.replace(idKey, document);
      this.store.recordPut(collection, document);
    });
  }

  remove(idKey: string): void {
    this.write(idKey, (collection) => {
      const removed = collection.remove(idKey);
      if (removed) this.store.recordDelete(collection, removed['_id']);
    });
  }

  assertWritable(idKeys: readonly string[]): void {
    for (const idKey of idKeys) this.transactions.assertLiveWriteAllowed(this.namespace, idKey);
  }

  private write(idKey: string, apply: (collection: Collection) => void): void {
    this.transactions.assertLiveWriteAllowed(this.namespace, idKey);
    const { collection } = this.store.ensureCollection(this.databaseName, this.collectionName);
    apply(collection);
    this.transactions.recordLiveWrite(this.namespace, idKey);
  }
}

/** Access through a transaction's private working set; changes are kept for commit. */
class TransactionCollectionAccess implements CollectionAccess {
  readonly namespace: string;

  constructor(
    private readonly transactions: TransactionManager,
    private readonly transaction: Transaction,
    readonly databaseName: string,
    readonly collectionName: string,
  ) {
    this.namespace = namespaceOf(databaseName, collectionName);
  }

  private view() {
    return this.transactions.viewOf(this.transaction, this.databaseName, this.collectionName);
  }

  documents(): Document[] {
    return [...this.view().working.documents.values()];
  }

  count(): number {
    return this.view().working.documents.size;
  }

  get(idKey: string): Document | undefined {
    return this.view().working.documents.get(idKey);
  }

  indexedDocuments(pins: readonly PinnedField[]): Document[] | undefined {
    return this.view().working.indexedDocuments(pins);
  }

  insert(document: Document): void {
    const idKey = idKeyOf(document);
    this.transactions.claimDocument(this.transaction, this.namespace, idKey);
    const view = this.view();
    view.working.insert(document);
    view.changes.set(idKey, document);
  }

  replace(document: Document): void {
    const idKey = idKeyOf(document);
    this.transactions.claimDocument(this.transaction, this.namespace, idKey);
    const view = this.view();
    view.working.replace(idKey, document);
    view.changes.set(idKey, document);
  }

  remove(idKey: string): void {
    this.transactions.claimDocument(this.transaction, this.namespace, idKey);
    const view = this.view();
    view.working.remove(idKey);
    view.changes.set(idKey, null);
  }

  assertWritable(): void {
    // Inside a transaction a locked document is a write conflict, raised when the document is claimed.
  }
}

/** Chooses live or transactional access for a collection, validating its name first. */
export function openCollection(
  store: DataStore,
  transactions: TransactionManager,
  transaction: Transaction | undefined,
  databaseName: string,
  collectionName: string,
): CollectionAccess {
  assertValidName(databaseName, collectionName);
  return transaction
    ? new TransactionCollectionAccess(transactions, transaction, databaseName, collectionName)
    : new LiveCollectionAccess(store, transactions, databaseName, collectionName);
}
