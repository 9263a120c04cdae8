import { Binary, EJSON, serialize, type ObjectId } from 'bson';
import { isDocument, type Document } from './types.ts';

const BSON_WRITE_OPTIONS = { checkKeys: false, ignoreUndefined: true } as const;

function bsonTypeOf(value: object): string | undefined {
  const tag: unknown = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/**
 * Returns a string that is identical for two values exactly when MongoDB treats them as the same
 * index key (1 and 1.0 are the same key; a missing field indexes as null).
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${Object.is(value, -0) ? 0 : value}`;
    case 'boolean':
      return value ? 'btrue' : 'bfalse';
    default:
      break;
  }
  if (value instanceof Date) return `d${value.getTime()}`;
  if (typeof value === 'object' && bsonTypeOf(value) === 'ObjectId')
    return `o${(value as ObjectId).toHexString()}`;
  // Canonical (non-relaxed) EJSON keeps BSON types apart and preserves field order, like BSON comparison.
  return `j${EJSON.stringify(value as Document, { relaxed: false })}`;
}

/** Canonical key of a compound index entry (several field values). */
export function canonicalCompoundKey(values: readonly unknown[]): string {
  return values.length === 1 ? canonicalKey(values[0]) : JSON.stringify(values.map(canonicalKey));
}

/** Deep copy of a decoded BSON value; immutable BSON values (ObjectId, Long, Decimal128…) are shared. */
export function cloneValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Binary) {
    return new Binary(Uint8Array.from(value.buffer.subarray(0, value.position)), value.sub_type) as T;
  }
  if (value instanceof Uint8Array) return Uint8Array.from(value) as T;
  if (!isDocument(value)) return value;
  const copy: Document = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneValue(item);
  return copy as T;
}

/** Deep copy of a document, so stored data never aliases what commands receive or return. */
export function cloneDocument(document: Document): Document {
  return cloneValue(document);
}

/** Returns the document with `_id` as its first field, as mongod stores it. */
export function withIdFirst(document: Document): Document {
  const keys = Object.keys(document);
  if (keys[0] === '_id' || !keys.includes('_id')) return document;
  const reordered: Document = { _id: document['_id'] };
  for (const key of keys) if (key !== '_id') reordered[key] = document[key];
  return reordered;
}

/** True when both documents encode to the same BSON bytes (used to tell whether an update changed anything). */
export function sameBson(left: Document, right: Document): boolean {
  return Buffer.from(serialize(left, BSON_WRITE_OPTIONS)).equals(serialize(right, BSON_WRITE_OPTIONS));
}

/** Renders a value the way mongod prints it in error messages (`"x"`, `ObjectId('…')`). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (typeof value === 'object' && bsonTypeOf(value) === 'ObjectId') {
    return `ObjectId('${(value as ObjectId).toHexString()}')`;
  }
  return EJSON.stringify(value as Document, { relaxed: true });
}

/** Renders `{ field: value, … }` for duplicate-key messages. */
export function formatKeyValue(fields: readonly string[], values: readonly unknown[]): string {
  const parts = fields.map((field, index) => `${field}: ${formatValue(values[index])}`);
  return `{ ${parts.join(', ')} }`;
}
