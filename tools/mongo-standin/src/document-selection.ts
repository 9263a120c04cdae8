import type { CollectionAccess } from './collection-access.ts';
import { canonicalKey } from './document-values.ts';
import { findDocuments, type FindSpec } from './query-engine.ts';
import { isDocument, type Document } from './types.ts';

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

/** The documents a filter may match, and what is left of the filter to apply to them. */
interface Candidates {
  documents: Document[];
  /** `{}` when the `_id` lookup already decided the match exactly. */
  filter: Document;
}

/**
 * Narrows a scan: by-id filters become hash lookups (and need no further matching), anything
 * else scans the whole collection with the full filter.
 */
function candidateDocuments(access: CollectionAccess, filter: Document): Candidates {
  const ids = pinnedIds(filter);
  if (!ids) return { documents: access.documents(), filter };
  const found = new Map<string, Document>();
  for (const id of ids) {
    const idKey = canonicalKey(id);
    const document = access.get(idKey);
    if (document) found.set(idKey, document);
  }
  return { documents: [...found.values()], filter: {} };
}

/** Runs a find-style selection on a collection, using `_id` hash lookups when the filter allows. */
export function selectDocuments(access: CollectionAccess, spec: FindSpec): Document[] {
  const candidates = candidateDocuments(access, spec.filter);
  return findDocuments(candidates.documents, { ...spec, filter: candidates.filter });
}
