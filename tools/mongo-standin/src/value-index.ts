import { canonicalKey } from './document-values.ts';
import { isDocument, type Document } from './types.ts';

// BSON numbers that stay objects once decoded (a Long beyond 2^53, Decimal128…): they may equal a plain number
// in MongoDB, so every numeric lookup also takes this bucket and leaves the verdict to the full filter.
const OTHER_NUMBER_KEY = '#number';
const NUMBER_CLASSES = new Set(['Long', 'Decimal128', 'Int32', 'Double']);

function bsonTypeOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, '_bsontype') : undefined;
}

/**
 * The buckets that hold every document an equality on `value` can match, or undefined when the value has
 * matching rules of its own (null matches missing, regexes, arrays, documents, NaN, BSON number objects).
 */
export function lookupKeysOf(value: unknown): string[] | undefined {
  if (typeof value === 'number')
    return Number.isNaN(value) ? undefined : [canonicalKey(value), OTHER_NUMBER_KEY];
  if (typeof value === 'string' || typeof value === 'boolean' || bsonTypeOf(value) === 'ObjectId') {
    return [canonicalKey(value)];
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return [canonicalKey(value)];
  return undefined;
}

/** Adds the buckets a stored value belongs to: its own, and those of array elements at any depth (multikey). */
function collectKeys(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys);
    return;
  }
  const type = bsonTypeOf(value);
  if (typeof type === 'string' && NUMBER_CLASSES.has(type)) keys.add(OTHER_NUMBER_KEY);
  for (const key of lookupKeysOf(value)?.slice(0, 1) ?? []) keys.add(key);
}

/**
 * Adds the buckets of the values a dotted path reaches: through documents, and through every element of an
 * array met on the way (also the element a numeric step names). Generous on purpose: a bucket too many only
 * costs a candidate, which the filter then refuses.
 */
function collectPathKeys(value: unknown, path: readonly string[], keys: Set<string>): void {
  const [step, ...rest] = path;
  if (step === undefined) {
    collectKeys(value, keys);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectPathKeys(item, path, keys);
    if (/^\d+$/.test(step)) collectPathKeys(value[Number(step)], rest, keys);
    return;
  }
  if (isDocument(value)) collectPathKeys(value[step], rest, keys);
}

/**
 * Which documents hold which value in one field (the leading field of a declared index, dotted or not), as
 * `_id` keys by canonical value. Buckets are copy-on-write, so a transaction's working copy costs one map copy.
 */
export class ValueIndex {
  /** Buckets this object may change in place; the others are shared with a copy. */
  private owned = new Set<string>();
  private readonly path: readonly string[];

  constructor(
    readonly field: string,
    private readonly buckets = new Map<string, Set<string>>(),
  ) {
    this.path = field.split('.');
  }

  /** An independent copy (used for transaction working sets). */
  copy(): ValueIndex {
    // From now on both sides share every bucket: each copies one before changing it.
    this.owned = new Set();
    return new ValueIndex(this.field, new Map(this.buckets));
  }

  /** The `_id` keys of the documents in these buckets. */
  idKeysIn(keys: readonly string[]): Set<string> {
    if (keys.length === 1) return this.buckets.get(keys[0] ?? '') ?? new Set();
    const idKeys = new Set<string>();
    for (const key of keys) for (const idKey of this.buckets.get(key) ?? []) idKeys.add(idKey);
    return idKeys;
  }

  /** Moves a document from the buckets of its previous version to those of its new one (null: none). */
  update(idKey: string, previous: Document | undefined | null, next: Document | null): void {
    const before = this.keysOf(previous);
    const after = this.keysOf(next);
    for (const key of before) if (!after.has(key)) this.remove(key, idKey);
    for (const key of after) if (!before.has(key)) this.writable(key).add(idKey);
  }

  private keysOf(document: Document | undefined | null): Set<string> {
    const keys = new Set<string>();
    if (document) collectPathKeys(document, this.path, keys);
    return keys;
  }

  private remove(key: string, idKey: string): void {
    const bucket = this.writable(key);
    bucket.delete(idKey);
    if (bucket.size > 0) return;
    this.buckets.delete(key);
    this.owned.delete(key);
  }

  private writable(key: string): Set<string> {
    const shared = this.buckets.get(key);
    if (shared && this.owned.has(key)) return shared;
    const bucket = new Set(shared);
    this.buckets.set(key, bucket);
    this.owned.add(key);
    return bucket;
  }
}
