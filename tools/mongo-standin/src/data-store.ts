import { Collection } from './collection.ts';
import { invalidNamespace, namespaceExists } from './errors.ts';
import { DISCARD_CHANGES, type Change, type ChangeSink } from './storage/changes.ts';
import { namespaceOf, type Document } from './types.ts';
import type { IndexDefinition } from './unique-index.ts';

/** Throws InvalidNamespace for names mongod would refuse. */
export function assertValidName(databaseName: string, collectionName: string): void {
  if (databaseName.length === 0 || /[/\\. "$\0]/.test(databaseName)) {
    throw invalidNamespace(`Invalid database name: '${databaseName}'`);
  }
  if (collectionName.length === 0 || collectionName.includes('$') || collectionName.includes('\0')) {
    throw invalidNamespace(`Invalid collection name: ${namespaceOf(databaseName, collectionName)}`);
  }
}

/** All databases and collections of the stand-in; every committed change is recorded in `changes` (the journal). */
export class DataStore {
  private readonly databases = new Map<string, Map<string, Collection>>();

  /** Receives every committed change, in order. */
  changes: ChangeSink = DISCARD_CHANGES;
  /** How many changes were recorded so far: a command that moved it waits for `changes.sync()` before replying. */
  changeCount = 0;

  private record(change: Change): void {
    this.changeCount += 1;
    this.changes.record(change);
  }

  /** The live collection, if it exists. */
  getCollection(databaseName: string, collectionName: string): Collection | undefined {
    return this.databases.get(databaseName)?.get(collectionName);
  }

  /** Returns the collection, creating it implicitly (as inserts and createIndexes do). */
  ensureCollection(
    databaseName: string,
    collectionName: string,
  ): { collection: Collection; created: boolean } {
    const existing = this.getCollection(databaseName, collectionName);
    if (existing) return { collection: existing, created: false };
    return { collection: this.createCollection(databaseName, collectionName), created: true };
  }

  /** Explicit `create`: fails with NamespaceExists if the collection is already there. */
  createCollection(databaseName: string, collectionName: string, options: Document = {}): Collection {
    assertValidName(databaseName, collectionName);
    if (this.getCollection(databaseName, collectionName)) {
      throw namespaceExists(namespaceOf(databaseName, collectionName));
    }
    const collection = new Collection(databaseName, collectionName, options);
    this.attach(collection);
    this.record({
      op: 'create',
      db: databaseName,
      coll: collectionName,
      options,
      uuid: collection.uuid,
    });
    return collection;
  }

  /** Puts a collection object in place (restoring a data folder). */
  attach(collection: Collection): void {
    let database = this.databases.get(collection.databaseName);
    if (!database) {
      database = new Map();
      this.databases.set(collection.databaseName, database);
    }
    database.set(collection.name, collection);
  }

  /** Removes a collection object without recording anything (replaying a drop); returns it. */
  detach(databaseName: string, collectionName: string): Collection | undefined {
    const database = this.databases.get(databaseName);
    const collection = database?.get(collectionName);
    if (!database || !collection) return undefined;
    database.delete(collectionName);
    // Like mongod, a database without collections ceases to exist.
    if (database.size === 0) this.databases.delete(databaseName);
    return collection;
  }

  /** Drops one collection; returns it, or undefined if it did not exist. */
  dropCollection(databaseName: string, collectionName: string): Collection | undefined {
    const collection = this.detach(databaseName, collectionName);
    if (collection) this.record({ op: 'drop', db: databaseName, coll: collectionName });
    return collection;
  }

  /** Drops a whole database; returns whether it existed. */
  dropDatabase(databaseName: string): boolean {
    const existed = this.databases.delete(databaseName);
    if (existed) this.record({ op: 'dropDatabase', db: databaseName });
    return existed;
  }

  /** Records a document stored (inserted or replaced) in a live collection. */
  recordPut(collection: Collection, document: Document): void {
    this.record({ op: 'put', db: collection.databaseName, coll: collection.name, doc: document });
  }

  /** Records a document deleted from a live collection. */
  recordDelete(collection: Collection, id: unknown): void {
    this.record({ op: 'delete', db: collection.databaseName, coll: collection.name, id });
  }

  /** Records an index built on a live collection. */
  recordIndexCreated(collection: Collection, index: IndexDefinition): void {
    this.record({ op: 'createIndex', db: collection.databaseName, coll: collection.name, index });
  }

  /** Records an index dropped from a live collection. */
  recordIndexDropped(collection: Collection, name: string): void {
    this.record({ op: 'dropIndex', db: collection.databaseName, coll: collection.name, name });
  }

  /** Names of databases holding at least one collection. */
  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  /** Collections of one database, in creation order. */
  collectionsOf(databaseName: string): Collection[] {
    return [...(this.databases.get(databaseName)?.values() ?? [])];
  }

  /** Every collection of every database. */
  allCollections(): Collection[] {
    return [...this.databases.values()].flatMap((database) => [...database.values()]);
  }
}
