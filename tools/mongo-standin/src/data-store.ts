import { Collection } from './collection.ts';
import { invalidNamespace, namespaceExists } from './errors.ts';
import { namespaceOf, type Document } from './types.ts';

/** Throws InvalidNamespace for names mongod would refuse. */
export function assertValidName(databaseName: string, collectionName: string): void {
  if (databaseName.length === 0 || /[/\\. "$\0]/.test(databaseName)) {
    throw invalidNamespace(`Invalid database name: '${databaseName}'`);
  }
  if (collectionName.length === 0 || collectionName.includes('$') || collectionName.includes('\0')) {
    throw invalidNamespace(`Invalid collection name: ${namespaceOf(databaseName, collectionName)}`);
  }
}

/** All databases and collections of the stand-in; every mutation is reported through `onChange`. */
export class DataStore {
  private readonly databases = new Map<string, Map<string, Collection>>();

  /** Called after every committed change, e.g. to schedule a snapshot. */
  onChange: () => void = () => {};

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
    this.onChange();
    return collection;
  }

  /** Puts a collection object in place (snapshot restore). */
  attach(collection: Collection): void {
    let database = this.databases.get(collection.databaseName);
    if (!database) {
      database = new Map();
      this.databases.set(collection.databaseName, database);
    }
    database.set(collection.name, collection);
  }

  /** Drops one collection; returns it, or undefined if it did not exist. */
  dropCollection(databaseName: string, collectionName: string): Collection | undefined {
    const database = this.databases.get(databaseName);
    const collection = database?.get(collectionName);
    if (!database || !collection) return undefined;
    database.delete(collectionName);
    // Like mongod, a database without collections ceases to exist.
    if (database.size === 0) this.databases.delete(databaseName);
    this.onChange();
    return collection;
  }

  /** Drops a whole database; returns whether it existed. */
  dropDatabase(databaseName: string): boolean {
    const existed = this.databases.delete(databaseName);
    if (existed) this.onChange();
    return existed;
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
