import { UUID } from 'bson';
import { canonicalKey } from './document-values.ts';
import { CommandError } from './errors.ts';
import { namespaceOf, type Document } from './types.ts';
import { duplicateKeyError, ID_INDEX, idKeyOf, UniqueIndex, type IndexDefinition } from './unique-index.ts';

/**
 * One collection: documents in insertion order keyed by canonical `_id`, index definitions and
 * the hash maps enforcing unique indexes. Stored documents are never mutated, only replaced.
 */
export class Collection {
  readonly documents = new Map<string, Document>();
  readonly indexes = new Map<string, IndexDefinition>([[ID_INDEX.name, ID_INDEX]]);
  private readonly uniqueIndexes = new Map<string, UniqueIndex>();

  constructor(
    readonly databaseName: string,
    readonly name: string,
    readonly options: Document = {},
    readonly uuid: unknown = new UUID(),
  ) {}

  /** `database.collection`, as used in error messages and cursor replies. */
  get namespace(): string {
    return namespaceOf(this.databaseName, this.name);
  }

  /** An independent copy sharing the (immutable) documents: a transaction's private working set. */
  copy(): Collection {
    const copy = new Collection(this.databaseName, this.name, this.options, this.uuid);
    for (const [key, document] of this.documents) copy.documents.set(key, document);
    for (const [name, definition] of this.indexes) copy.indexes.set(name, definition);
    for (const [name, index] of this.uniqueIndexes) copy.uniqueIndexes.set(name, index.copy());
    return copy;
  }

  /** Throws E11000 if storing `document` under `idKey` would break a unique index; owners for which `isIgnored` is true are skipped. */
  assertUnique(document: Document, idKey: string, isIgnored: (owner: string) => boolean = () => false): void {
    for (const index of this.uniqueIndexes.values()) {
      const conflict = index.findConflict(document, idKey, isIgnored);
      if (conflict) throw duplicateKeyError(this.namespace, index.definition, conflict.values);
    }
  }

  /** Throws E11000 if several documents of `batch` (null = deletion) collide with each other or with stored ones outside the batch. */
  assertBatchUnique(batch: ReadonlyMap<string, Document | null>): void {
    for (const index of this.uniqueIndexes.values()) {
      const claimed = new Map<string, string>();
      for (const [idKey, document] of batch) {
        if (!document) continue;
        for (const entry of index.entriesOf(document)) {
          const storedOwner = index.owners.get(entry.canonical);
          const owner =
            claimed.get(entry.canonical) ??
            (storedOwner && !batch.has(storedOwner) ? storedOwner : undefined);
          if (owner !== undefined && owner !== idKey) {
            throw duplicateKeyError(this.namespace, index.definition, entry.values);
          }
          claimed.set(entry.canonical, idKey);
        }
      }
    }
  }

  /** Adds a new document, enforcing `_id` and unique indexes. */
  insert(document: Document): void {
    const idKey = idKeyOf(document);
    if (this.documents.has(idKey)) throw duplicateKeyError(this.namespace, ID_INDEX, [document['_id']]);
    this.assertUnique(document, idKey);
    this.put(idKey, document);
  }

  /** Replaces the stored document having the same `_id`, enforcing unique indexes. */
  replace(idKey: string, document: Document): void {
    this.assertUnique(document, idKey);
    this.put(idKey, document);
  }

  /** Removes a document; returns what was stored. */
  remove(idKey: string): Document | undefined {
    const previous = this.documents.get(idKey);
    if (previous) this.put(idKey, null);
    return previous;
  }

  /** Stores or deletes (null) without checks, keeping unique maps in step; callers validate first. */
  put(idKey: string, document: Document | null): void {
    const previous = this.documents.get(idKey);
    for (const index of this.uniqueIndexes.values()) {
      if (previous) index.remove(previous, idKey);
      if (document) index.add(document, idKey);
    }
    if (document) this.documents.set(idKey, document);
    else this.documents.delete(idKey);
  }

  /** Registers an index; a unique one is built from existing data first and refused (E11000) on duplicates. */
  addIndex(definition: IndexDefinition): void {
    if (definition['unique'] && definition.name !== ID_INDEX.name) {
      const index = new UniqueIndex(definition);
      for (const [idKey, document] of this.documents) {
        const conflict = index.findConflict(document, idKey, () => false);
        if (conflict) throw duplicateKeyError(this.namespace, definition, conflict.values);
        index.add(document, idKey);
      }
      this.uniqueIndexes.set(definition.name, index);
    }
    this.indexes.set(definition.name, definition);
  }

  /** Rebuilds the unique-index maps from the documents (after a data folder was replayed); E11000 if they disagree. */
  rebuildIndexes(): void {
    this.uniqueIndexes.clear();
    const definitions = [...this.indexes.values()];
    for (const definition of definitions) {
      this.indexes.delete(definition.name);
      this.addIndex(definition);
    }
  }

  /** Removes an index by name (never `_id_`). */
  dropIndex(name: string): void {
    if (name === ID_INDEX.name) throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    this.indexes.delete(name);
    this.uniqueIndexes.delete(name);
  }

  /** Finds an index whose key pattern equals `key` (field order matters). */
  findIndexByKey(key: Document): IndexDefinition | undefined {
    const wanted = canonicalKey(key);
    for (const definition of this.indexes.values())
      if (canonicalKey(definition.key) === wanted) return definition;
    return undefined;
  }
}
