import { Collection } from '../collection.ts';
import type { DataStore } from '../data-store.ts';
import type { Document } from '../types.ts';
import { idKeyOf, type IndexDefinition } from '../unique-index.ts';

/** One committed change to the data set, as the journal records it and replays it after a restart. */
export type Change =
  | { op: 'create'; db: string; coll: string; options: Document; uuid: unknown }
  | { op: 'drop'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; index: IndexDefinition }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'put'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown };

/** Receives every committed change in commit order. */
export interface ChangeSink {
  record(change: Change): void;
  /** Resolves once every change recorded so far is durable. */
  sync(): Promise<void>;
}

/** A sink that keeps nothing (a stand-in without a data folder). */
export const DISCARD_CHANGES: ChangeSink = { record: () => {}, sync: () => Promise.resolve() };

function collectionFor(store: DataStore, change: { db: string; coll: string }): Collection {
  const existing = store.getCollection(change.db, change.coll);
  if (existing) return existing;
  const collection = new Collection(change.db, change.coll);
  store.attach(collection);
  return collection;
}

/**
 * Replays one change on restored data without checks: each change sets a final state (a whole document, a
 * deletion, a collection's existence), so replay is deterministic. Unique indexes are rebuilt afterwards.
 */
export function applyChange(store: DataStore, change: Change): void {
  switch (change.op) {
    case 'create':
      if (!store.getCollection(change.db, change.coll))
        store.attach(new Collection(change.db, change.coll, change.options, change.uuid));
      return;
    case 'drop':
      store.detach(change.db, change.coll);
      return;
    case 'dropDatabase':
      for (const collection of store.collectionsOf(change.db)) store.detach(change.db, collection.name);
      return;
    case 'createIndex':
      collectionFor(store, change).indexes.set(change.index.name, change.index);
      return;
    case 'dropIndex':
      collectionFor(store, change).indexes.delete(change.name);
      return;
    case 'put':
      collectionFor(store, change).documents.set(idKeyOf(change.doc), change.doc);
      return;
    case 'delete':
      collectionFor(store, change).documents.delete(idKeyOf({ _id: change.id }));
      return;
  }
}
