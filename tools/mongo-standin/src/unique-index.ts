import { Query } from 'mingo';
import { resolve } from 'mingo/util';
import { canonicalCompoundKey, canonicalKey, formatKeyValue } from './document-values.ts';
import { CommandError } from './errors.ts';
import type { Document } from './types.ts';

/** An index as `listIndexes` reports it: `{ v, key, name, unique?, sparse?, partialFilterExpression?, … }`. */
export type IndexDefinition = Document & { key: Document; name: string };

/** The implicit `_id_` index every collection has. */
export const ID_INDEX: IndexDefinition = { v: 2, key: { _id: 1 }, name: '_id_' };

/** One entry a document contributes to an index: its canonical hash key and the raw values for messages. */
export interface IndexEntry {
  canonical: string;
  values: unknown[];
}

/** Builds the E11000 error mongod returns for a unique-index violation. */
export function duplicateKeyError(
  namespace: string,
  definition: IndexDefinition,
  values: readonly unknown[],
): CommandError {
  const fields = Object.keys(definition.key);
  const keyValue: Document = {};
  fields.forEach((field, index) => {
    keyValue[field] = values[index] ?? null;
  });
  const message =
    `E11000 duplicate key error collection: ${namespace} index: ${definition.name} ` +
    `dup key: ${formatKeyValue(fields, values)}`;
  return new CommandError(11000, 'DuplicateKey', message, { keyPattern: { ...definition.key }, keyValue });
}

function cartesianProduct(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (combinations, list) => combinations.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

/**
 * A unique index enforced with a hash map from canonical key to the owning document's `_id` key,
 * so checks cost one lookup per key instead of a collection scan.
 */
export class UniqueIndex {
  readonly fields: string[];
  private readonly partialFilter: Query | undefined;

  constructor(
    readonly definition: IndexDefinition,
    readonly owners: Map<string, string> = new Map(),
  ) {
    this.fields = Object.keys(definition.key);
    const partial = definition['partialFilterExpression'];
    this.partialFilter = partial ? new Query(partial as Document, {}) : undefined;
  }

  /** An independent copy (used for transaction working sets). */
  copy(): UniqueIndex {
    return new UniqueIndex(this.definition, new Map(this.owners));
  }

  /** The entries a document contributes; none when sparse/partial rules exclude it. */
  entriesOf(document: Document): IndexEntry[] {
    if (this.partialFilter && !this.partialFilter.test(document)) return [];
    const values = this.fields.map((field) => resolve(document, field));
    if (this.definition['sparse'] && values.every((value) => value === undefined)) return [];
    // Arrays make the index multikey: every element is a separate entry.
    const expanded = values.map((value) =>
      Array.isArray(value) && value.length > 0 ? value : [value ?? null],
    );
    const seen = new Set<string>();
    const entries: IndexEntry[] = [];
    for (const combination of cartesianProduct(expanded)) {
      const canonical = canonicalCompoundKey(combination);
      if (seen.has(canonical)) continue;
      seen.add(canonical);
      entries.push({ canonical, values: combination });
    }
    return entries;
  }

  /** The first entry of `document` already owned by another document, unless that owner is ignored. */
  findConflict(
    document: Document,
    ownerKey: string,
    isIgnored: (owner: string) => boolean,
  ): IndexEntry | undefined {
    return this.entriesOf(document).find((entry) => {
      const owner = this.owners.get(entry.canonical);
      return owner !== undefined && owner !== ownerKey && !isIgnored(owner);
    });
  }

  /** Records the document's entries (call only after `findConflict` found none). */
  add(document: Document, ownerKey: string): void {
    for (const entry of this.entriesOf(document)) this.owners.set(entry.canonical, ownerKey);
  }

  /** Forgets the document's entries. */
  remove(document: Document, ownerKey: string): void {
    for (const entry of this.entriesOf(document)) {
      if (this.owners.get(entry.canonical) === ownerKey) this.owners.delete(entry.canonical);
    }
  }
}

/** The canonical key of a document's `_id`, used as the primary key of every collection map. */
export function idKeyOf(document: Document): string {
  return canonicalKey(document['_id']);
}
