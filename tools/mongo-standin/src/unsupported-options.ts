import { canonicalKey } from './document-values.ts';
import type { CommandContext } from './command-context.ts';
import { badValue, notSupported } from './errors.ts';
import { isDocument, type Document } from './types.ts';

/**
 * Refuses the options the stand-in does not emulate, so a caller is never silently given different
 * semantics (a collation ignored on equality, a validator never run, a TTL index that expires nothing).
 */
export function refuseOptions(document: Document, names: readonly string[], where: string): void {
  for (const name of names) {
    const value = document[name];
    if (value !== undefined && value !== null && value !== false)
      throw notSupported(`The '${name}' option of ${where}`);
  }
}

/** Accepts only the simple (binary) collation, which is what the stand-in compares with. */
export function assertSimpleCollation(collation: unknown, where: string): void {
  if (collation === undefined || collation === null) return;
  if (isDocument(collation) && collation['locale'] === 'simple' && Object.keys(collation).length === 1)
    return;
  throw notSupported(`A collation other than { locale: 'simple' } (in ${where})`);
}

/**
 * Checks a `hint` as mongod does (an index that does not exist is BadValue). An existing plain index only
 * changes the plan, never the results, so it is accepted; a sparse or partial one could change the results.
 */
export function checkHint(context: CommandContext, collectionName: string, hint: unknown): void {
  if (hint === undefined || hint === null) return;
  if (isDocument(hint) && Object.keys(hint).length === 0) return;
  const collection = context.store.getCollection(context.databaseName, collectionName);
  if (!collection) return;
  if (isDocument(hint) && Object.keys(hint).length === 1 && '$natural' in hint) return;
  const index =
    typeof hint === 'string'
      ? collection.indexes.get(hint)
      : isDocument(hint)
        ? [...collection.indexes.values()].find(
            (candidate) => canonicalKey(candidate.key) === canonicalKey(hint),
          )
        : undefined;
  if (!index) throw badValue('hint provided does not correspond to an existing index');
  if (index['sparse'] || index['partialFilterExpression'])
    throw notSupported('A hint naming a sparse or partial index');
}

/** Options of `create` the stand-in refuses (validation, capped, time series, clustered, TTL, views…). */
export const UNSUPPORTED_CREATE_OPTIONS = [
  'validator',
  'validationLevel',
  'validationAction',
  'capped',
  'size',
  'max',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'storageEngine',
  'indexOptionDefaults',
  'viewOn',
  'pipeline',
  'encryptedFields',
];

/** Index options the stand-in refuses (collation, text and geo settings, wildcard projections…). */
export const UNSUPPORTED_INDEX_OPTIONS = [
  'collation',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'wildcardProjection',
  'hidden',
  'storageEngine',
];
