import type { PinnedField } from './collection.ts';
import type { CollectionAccess } from './collection-access.ts';
import { canonicalKey } from './document-values.ts';
import { findDocuments, type FindSpec } from './query-engine.ts';
import { isDocument, type Document } from './types.ts';
import { lookupKeysOf } from './value-index.ts';

/** The exact `_id` values a filter pins down (`{ _id: v }`, `{ _id: { $eq: v } }`, `{ _id: { $in: [...] } }`), if that is all it says. */
function pinnedIds(filter: Document): unknown[] | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const condition = filter['_id'];
  if (condition instanceof RegExp) return undefined;
  if (!isDocument(condition)) return [condition];
  const operators = Object.keys(condition);
  if (!operators.some((key) => key.startsWith('$'))) return [condition];
  if (operators.length !== 1) return undefined;
  const [operator] = operators;
  if (operator === '$eq' && !(condition['$eq'] instanceof RegExp)) return [condition['$eq']];
  const list = condition['$in'];
  if (
    operator === '$in' &&
    Array.isArray(list) &&
    !list.some((value) => value instanceof RegExp || Array.isArray(value))
  ) {
    return list;
  }
  return undefined;
}

/** The value-index buckets of `{ $eq: v }`, `{ $in: [...] }` (beside other operators) or a plain value `v`. */
function pinnedKeys(condition: unknown): string[] | undefined {
  if (!isDocument(condition)) return lookupKeysOf(condition);
  const operators = Object.keys(condition);
  // A document without operators is an exact document match: left to the scan.
  if (operators.length === 0 || !operators.every((operator) => operator.startsWith('$'))) return undefined;
  if ('$eq' in condition) return lookupKeysOf(condition['$eq']);
  const list = condition['$in'];
  if (!Array.isArray(list)) return undefined;
  const keys: string[] = [];
  for (const value of list) {
    const valueKeys = lookupKeysOf(value);
    if (!valueKeys) return undefined;
    keys.push(...valueKeys);
  }
  return keys;
}

/** The equalities every match must satisfy: pinned top-level fields, also inside a top-level `$and`. */
function pinnedFields(filter: Document): PinnedField[] {
  const pins: PinnedField[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isDocument(clause)) pins.push(...pinnedFields(clause));
      continue;
    }
    if (field.startsWith('$')) continue;
    const keys = pinnedKeys(condition);
    if (keys) pins.push({ field, keys });
  }
  return pins;
}

/** The documents a filter may match, and what is left of the filter to apply to them. */
interface Candidates {
  documents: Document[];
  /** `{}` when the `_id` lookup already decided the match exactly. */
  filter: Document;
}

/**
 * Narrows a scan: by-id filters become hash lookups (and need no further matching); an equality on the
 * leading field of an index takes that field's bucket, in natural order, with the full filter still to
 * apply (as mongod's index scan then fetch); anything else scans the whole collection.
 */
function candidateDocuments(access: CollectionAccess, filter: Document): Candidates {
  const ids = pinnedIds(filter);
  if (!ids) return { documents: access.indexedDocuments(pinnedFields(filter)) ?? access.documents(), filter };
  const found = new Map<string, Document>();
  for (const id of ids) {
    const idKey = canonicalKey(id);
    const document = access.get(idKey);
    if (document) found.set(idKey, document);
  }
  return { documents: [...found.values()], filter: {} };
}

/** The documents a pipeline may start from: those a leading `$match` can match, or all (the pipeline still runs whole). */
export function pipelineSource(access: CollectionAccess, pipeline: readonly Document[]): Document[] {
  const match = pipeline[0]?.['$match'];
  if (!isDocument(match)) return access.documents();
  return candidateDocuments(access, match).documents;
}

/** Runs a find-style selection on a collection, using `_id` and value-index hash lookups when the filter allows. */
export function selectDocuments(access: CollectionAccess, spec: FindSpec): Document[] {
  const candidates = candidateDocuments(access, spec.filter);
  return findDocuments(candidates.documents, { ...spec, filter: candidates.filter });
}
