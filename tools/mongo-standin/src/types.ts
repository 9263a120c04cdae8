/** A BSON document as decoded by the `bson` package: a plain object with string keys. */
export type Document = Record<string, unknown>;

/** True for plain decoded documents, false for arrays, BSON value classes (ObjectId, Binary…), dates and primitives. */
export function isDocument(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Joins a database and collection name the way MongoDB reports namespaces (`db.collection`). */
export function namespaceOf(databaseName: string, collectionName: string): string {
  return `${databaseName}.${collectionName}`;
}
