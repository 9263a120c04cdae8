import { isDocument, type Document } from './types.ts';

// MongoDB's comparison order of BSON types (missing and undefined compare as null; an empty array used as a
// sort key sorts below null): https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
const MIN_KEY = 1;
const EMPTY_ARRAY_KEY = 1.5;
const NULL = 2;
const NUMBER = 3;
const STRING = 4;
const OBJECT = 5;
const ARRAY = 6;
const BINARY = 7;
const OBJECT_ID = 8;
const BOOLEAN = 9;
const DATE = 10;
const TIMESTAMP = 11;
const REGEX = 12;
const CODE = 12.5;
const MAX_KEY = 13;

/** Stands for an empty array taken as a sort key. */
const EMPTY_ARRAY = Symbol('empty array');

function bsonTypeOf(value: object): string | undefined {
  const tag: unknown = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

function rankOf(value: unknown): number {
  if (value === undefined || value === null) return NULL;
  if (value === EMPTY_ARRAY) return EMPTY_ARRAY_KEY;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return NUMBER;
    case 'string':
      return STRING;
    case 'boolean':
      return BOOLEAN;
    default:
      break;
  }
  if (Array.isArray(value)) return ARRAY;
  if (value instanceof Date) return DATE;
  if (value instanceof RegExp) return REGEX;
  if (value instanceof Uint8Array) return BINARY;
  const tag = typeof value === 'object' ? bsonTypeOf(value) : undefined;
  switch (tag) {
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return NUMBER;
    case 'BSONSymbol':
      return STRING;
    case 'Binary':
      return BINARY;
    case 'ObjectId':
      return OBJECT_ID;
    case 'Timestamp':
      return TIMESTAMP;
    case 'BSONRegExp':
      return REGEX;
    case 'Code':
      return CODE;
    case 'MinKey':
      return MIN_KEY;
    case 'MaxKey':
      return MAX_KEY;
    default:
      return OBJECT;
  }
}

function sign(difference: number): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return Number((value as { toString(): string }).toString());
}

function compareStrings(left: string, right: string): number {
  // UTF-16 order differs from MongoDB's UTF-8 byte order only around surrogate pairs.
  if (/[\ud800-\udfff]/.test(left + right)) return Buffer.compare(Buffer.from(left), Buffer.from(right));
  return left < right ? -1 : left > right ? 1 : 0;
}

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const binary = value as { buffer: Uint8Array; position: number };
  return binary.buffer.subarray(0, binary.position);
}

function compareObjects(left: Document, right: Document): number {
  const leftEntries = Object.entries(left);
  const rightEntries = Object.entries(right);
  for (let index = 0; index < Math.min(leftEntries.length, rightEntries.length); index += 1) {
    const [leftKey, leftValue] = leftEntries[index] as [string, unknown];
    const [rightKey, rightValue] = rightEntries[index] as [string, unknown];
    const byType = sign(rankOf(leftValue) - rankOf(rightValue));
    if (byType !== 0) return byType;
    const byName = compareStrings(leftKey, rightKey);
    if (byName !== 0) return byName;
    const byValue = compareBsonValues(leftValue, rightValue);
    if (byValue !== 0) return byValue;
  }
  return sign(leftEntries.length - rightEntries.length);
}

/** Compares two BSON values the way MongoDB orders them (types first, then values; no collation). */
export function compareBsonValues(left: unknown, right: unknown): number {
  const byType = sign(rankOf(left) - rankOf(right));
  if (byType !== 0) return byType;
  switch (rankOf(left)) {
    case NUMBER:
      return sign(numberOf(left) - numberOf(right));
    case STRING:
      return compareStrings(String(left), String(right));
    case OBJECT:
      return isDocument(left) && isDocument(right) ? compareObjects(left, right) : 0;
    case ARRAY: {
      const leftItems = left as unknown[];
      const rightItems = right as unknown[];
      for (let index = 0; index < Math.min(leftItems.length, rightItems.length); index += 1) {
        const byItem = compareBsonValues(leftItems[index], rightItems[index]);
        if (byItem !== 0) return byItem;
      }
      return sign(leftItems.length - rightItems.length);
    }
    case BINARY: {
      const leftBytes = bytesOf(left);
      const rightBytes = bytesOf(right);
      const byLength = sign(leftBytes.length - rightBytes.length);
      const bySubtype = sign(
        ((left as { sub_type?: number }).sub_type ?? 0) - ((right as { sub_type?: number }).sub_type ?? 0),
      );
      return byLength || bySubtype || Buffer.compare(leftBytes, rightBytes);
    }
    case OBJECT_ID:
      return compareStrings(String(left), String(right));
    case BOOLEAN:
      return sign(Number(left) - Number(right));
    case DATE:
      return sign((left as Date).getTime() - (right as Date).getTime());
    case TIMESTAMP: {
      const leftTime = left as { t: number; i: number };
      const rightTime = right as { t: number; i: number };
      return sign(leftTime.t - rightTime.t) || sign(leftTime.i - rightTime.i);
    }
    case REGEX:
      return compareStrings(String(left), String(right));
    default:
      return 0;
  }
}

/** Every value a dotted path reaches, descending through arrays as MongoDB does for sort keys. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => (isDocument(item) ? valuesAt(item, path) : []));
  if (!isDocument(value)) return [undefined];
  const [field, ...rest] = path as [string, ...string[]];
  const next = value[field];
  if (next === undefined) return [undefined];
  if (rest.length === 0) return Array.isArray(next) ? (next.length > 0 ? next : [EMPTY_ARRAY]) : [next];
  return valuesAt(next, rest);
}

/** The sort key of a document for one field: its smallest value ascending, its largest descending. */
function sortKeyOf(document: Document, path: readonly string[], direction: 1 | -1): unknown {
  const values = valuesAt(document, path);
  let best = values[0];
  for (const value of values.slice(1)) if (compareBsonValues(value, best) * direction < 0) best = value;
  return best;
}

/** Sorts documents by a `{ field: 1 | -1 }` specification in MongoDB's cross-type order (stable). */
export function sortDocuments(documents: readonly Document[], specification: Document): Document[] {
  const fields = Object.entries(specification).map(([field, direction]) => ({
    path: field.split('.'),
    direction: (direction === -1 || direction === '-1' ? -1 : 1) as 1 | -1,
  }));
  const keyed = documents.map((document, position) => ({
    document,
    position,
    keys: fields.map((field) => sortKeyOf(document, field.path, field.direction)),
  }));
  keyed.sort((left, right) => {
    for (const [index, field] of fields.entries()) {
      const order = compareBsonValues(left.keys[index], right.keys[index]) * field.direction;
      if (order !== 0) return order;
    }
    return left.position - right.position;
  });
  return keyed.map((entry) => entry.document);
}
