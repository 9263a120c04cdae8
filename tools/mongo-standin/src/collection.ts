import { UUID } from 'bson';
import { canonicalKey } from './document-values.ts';
import { CommandError } from './errors.ts';
import { namespaceOf, type Document } from './types.ts';
import { duplicateKeyError, ID_INDEX, idKeyOf, UniqueIndex, type IndexDefinition } from './unique-index.ts';
import { ValueIndex } from './value-index.ts';

/** An equality a filter pins on a field (a top-level key of the filter): the value-index buckets its matches must be in. */
export interface PinnedField {
  field: string;
  keys: string[];
}

/** The field an index's hash map can serve (its leading one), if any; `_id` has the documents map. */
function leadingField(definition: IndexDefinition): string | undefined {
  const [field] = Object.keys(definition.key);
  return field === undefined || field === '_id' ? undefined : field;
}

/**
 * One collection: documents in insertion order keyed by canonical `_id`, index definitions, the hash maps
 * enforcing unique indexes and those answering equalities on indexed fields. Stored documents are never
 * mutated, only replaced.
 */
export class Collection {
  /** Change it only through `put` (or call `rebuildIndexes` after, as a replay does). */
  readonly documents = new Map<string, Document>();
  readonly indexes = new Map<string, IndexDefinition>([[ID_INDEX.name, ID_INDEX]]);
  private readonly uniqueIndexes = new Map<string, UniqueIndex>();
  private readonly valueIndexes = new Map<string, ValueIndex>();
  /**
   * Rank of each document in natural order, so a small index lookup is ordered without a pass over the
   * collection. A transaction's working copy does without: copying it would cost more than its passes.
   */
  private positions: Map<string, number> | undefined = new Map();
  private nextPosition = 0;

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
    for (const [field, index] of this.valueIndexes) copy.valueIndexes.set(field, index.copy());
    copy.positions = undefined;
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

  /** Stores or deletes (null) without checks, keeping index maps in step; callers validate first. */
  put(idKey: string, document: Document | null): void {
    const previous = this.documents.get(idKey);
    for (const index of this.uniqueIndexes.values()) {
      if (previous) index.remove(previous, idKey);
      if (document) index.add(document, idKey);
    }
    for (const index of this.valueIndexes.values()) index.update(idKey, previous, document);
    if (!document) {
      this.documents.delete(idKey);
      this.positions?.delete(idKey);
      return;
    }
    // A replaced document keeps its place in natural order, as in the documents map.
    if (!previous) this.positions?.set(idKey, this.nextPosition++);
    this.documents.set(idKey, document);
  }

  /**
   * The documents that may satisfy these equalities, in natural order, from the smallest value-index lookup;
   * undefined when no pinned field leads an index. A superset: the caller still applies its filter.
   */
  indexedDocuments(pins: readonly PinnedField[]): Document[] | undefined {
    let smallest: Set<string> | undefined;
    for (const pin of pins) {
      const idKeys = this.valueIndexes.get(pin.field)?.idKeysIn(pin.keys);
      if (idKeys && (!smallest || idKeys.size < smallest.size)) smallest = idKeys;
    }
    if (!smallest) return undefined;
    const found = smallest;
    const positions = this.positions;
    // Without ranks, or beyond a fraction of the collection, one ordered pass is cheaper than sorting the lookup.
    if (!positions || found.size * 8 > this.documents.size) {
      const ordered: Document[] = [];
      for (const [idKey, document] of this.documents) if (found.has(idKey)) ordered.push(document);
      return ordered;
    }
    const rank = (idKey: string) => positions.get(idKey) ?? 0;
    return [...found]
      .sort((left, right) => rank(left) - rank(right))
      .map((idKey) => this.documents.get(idKey))
      .filter((document) => document !== undefined);
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
    this.refreshValueIndexes();
  }

  /** Keeps one value index per leading field of the declared indexes, building new ones from the documents. */
  private refreshValueIndexes(): void {
    const fields = new Set<string>();
    for (const definition of this.indexes.values()) {
      const field = leadingField(definition);
      if (field !== undefined) fields.add(field);
    }
    for (const field of this.valueIndexes.keys()) if (!fields.has(field)) this.valueIndexes.delete(field);
    for (const field of fields) {
      if (this.valueIndexes.has(field)) continue;
      const index = new ValueIndex(field);
      for (const [idKey, document] of this.documents) index.update(idKey, undefined, document);
      this.valueIndexes.set(field, index);
    }
  }

  /** Rebuilds the index maps and natural-order ranks from the documents (after a data folder was replayed); E11000 if they disagree. */
  rebuildIndexes(): void {
    this.uniqueIndexes.clear();
    this.valueIndexes.clear();
    this.positions = new Map();
    this.nextPosition = 0;
    for (const idKey of this.documents.keys()) this.positions.set(idKey, this.nextPosition++);
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
    this.refreshValueIndexes();
  }

  /** Finds an index whose key pattern equals `key` (field order matters). */
  findIndexByKey(key: Document): IndexDefinition | undefined {
    const wanted = canonicalKey(key);
    for (const definition of this.indexes.values())
      if (canonicalKey(definition.key) === wanted) return definition;
    return undefined;
  }
}
