import { Long } from 'bson';
import { typeMismatch } from './errors.ts';
import { isDocument, type Document } from './types.ts';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isDocument(value)) return 'object';
  return typeof value;
}

function wrongType(command: Document, field: string, expected: string): never {
  const commandName = Object.keys(command)[0] ?? 'command';
  throw typeMismatch(
    `BSON field '${commandName}.${field}' is the wrong type '${describeType(command[field])}', expected type '${expected}'`,
  );
}

/** Converts an int32, double, Int64 (`Long`) or bigint to a JS number; undefined for anything else. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (Long.isLong(value)) return value.toNumber();
  return undefined;
}

/** Reads a required string field, e.g. the collection name under the command's own key. */
export function requireString(command: Document, field: string): string {
  const value = command[field];
  if (typeof value !== 'string') wrongType(command, field, 'string');
  return value;
}

/** Reads an optional string field. */
export function optionalString(command: Document, field: string): string | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') wrongType(command, field, 'string');
  return value;
}

/** Reads an optional embedded document (filter, sort, projection…); null counts as absent. */
export function optionalDocument(command: Document, field: string): Document | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isDocument(value)) wrongType(command, field, 'object');
  return value;
}

/** Reads an optional array whose items must all be documents (insert batches, pipelines, arrayFilters). */
export function optionalDocumentArray(command: Document, field: string): Document[] | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isDocument)) wrongType(command, field, 'array');
  return value as Document[];
}

/** Reads an optional integer, accepting every BSON numeric type as MongoDB does. */
export function optionalInteger(command: Document, field: string): number | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  const number = toInteger(value);
  if (number === undefined) wrongType(command, field, 'long');
  return number;
}

/** Reads an optional boolean; MongoDB also accepts numbers here (`multi: 1`). */
export function optionalBoolean(command: Document, field: string): boolean | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const number = toInteger(value);
  if (number === undefined) wrongType(command, field, 'bool');
  return number !== 0;
}
