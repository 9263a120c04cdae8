import { ObjectId } from 'bson';
import { Aggregator, ProcessingMode, update as applyOperators } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { canonicalKey, cloneDocument, cloneValue, sameBson, withIdFirst } from './document-values.ts';
import { failedToParse, immutableField } from './errors.ts';
import { needsPositionalPlan, planPositionalUpdate } from './positional-updates.ts';
import { evaluate } from './query-engine.ts';
import { isDocument, type Document } from './types.ts';

/** An update as sent in `update` statements and `findAndModify`. */
export interface UpdateSpec {
  /** Operator document (`{ $set: … }`), replacement document, or aggregation pipeline. */
  update: Document | Document[];
  /** The statement's query, needed by the positional `$` operator and for upsert seeding. */
  filter: Document;
  arrayFilters?: Document[] | undefined;
}

/** The outcome of applying an update to one document. */
export interface UpdateOutcome {
  document: Document;
  modified: boolean;
}

/** True for replacement-style updates (no `$` operators, not a pipeline). */
export function isReplacement(update: Document | Document[]): boolean {
  return !Array.isArray(update) && !Object.keys(update).some((key) => key.startsWith('$'));
}

function assertOperatorDocument(update: Document): void {
  for (const key of Object.keys(update)) {
    if (!key.startsWith('$')) {
      throw failedToParse(
        `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isDocument(update[key])) {
      throw failedToParse(
        `Modifiers operate on fields but we found type ${typeof update[key]} instead. For example: {$mod: {<field>: ...}} not {${key}: ${String(update[key])}}`,
      );
    }
  }
}

function usesPositionalOperator(operators: Document): boolean {
  return Object.values(operators).some(
    (fields) => isDocument(fields) && Object.keys(fields).some((path) => /(^|\.)\$(\.|$)/.test(path)),
  );
}

function assertSameId(before: Document, after: Document): void {
  if (canonicalKey(before['_id']) !== canonicalKey(after['_id'])) {
    throw immutableField("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
}

const isPlainField = (key: string) =>
  key !== '' && key !== '_id' && !key.startsWith('$') && !key.includes('.');
const isPrimitive = (value: unknown) =>
  typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));

/** The values an `$addToSet` adds (one, or its `$each` list), when they are all strings or numbers. */
function primitivesAdded(spec: unknown): unknown[] | null {
  if (isDocument(spec)) {
    const each = spec['$each'];
    const onlyEach = Object.keys(spec).length === 1 && Array.isArray(each);
    return onlyEach && each.every(isPrimitive) ? each : null;
  }
  return isPrimitive(spec) ? [spec] : null;
}

/** Whether `$push` of `value` appends it as it is (no `$each`/`$slice`/… modifiers, not a document). */
const pushedAsIs = (value: unknown) => !isDocument(value) && !Array.isArray(value) && value !== undefined;

/**
 * Whether the update is one the server sends most — `$set`, `$addToSet` of strings or numbers and `$push`
 * of one value, on top-level fields (no dotted path, no `_id`, no field named twice) — which
 * `applySimpleOperators` applies without mingo (mingo rebuilds its whole operator tables for every call).
 */
function simpleOperatorsFit(document: Document, operators: Document): boolean {
  const seen = new Set<string>();
  for (const [operator, fields] of Object.entries(operators)) {
    if (operator !== '$set' && operator !== '$addToSet' && operator !== '$push') return false;
    if (!isDocument(fields) || Object.keys(fields).length === 0) return false;
    for (const [key, value] of Object.entries(fields)) {
      if (!isPlainField(key) || seen.has(key)) return false;
      seen.add(key);
      const held = document[key];
      const arrayOrAbsent = held === undefined || (Array.isArray(held) && held.every(isPrimitive));
      if (operator === '$addToSet' && !(arrayOrAbsent && primitivesAdded(value))) return false;
      if (operator === '$push' && !(pushedAsIs(value) && (held === undefined || Array.isArray(held))))
        return false;
    }
  }
  return true;
}

/** Whether a field set to `value` keeps the BSON it holds: compared directly for plain values and dates. */
function sameStored(held: unknown, value: unknown): boolean {
  const plain = (item: unknown) =>
    item === null || typeof item === 'string' || typeof item === 'boolean' || typeof item === 'number';
  // Object.is tells -0 from 0 (BSON does: a double against an int32) and finds NaN equal to itself.
  if (plain(held) && plain(value)) return Object.is(held, value);
  if (held instanceof Date && value instanceof Date) return Object.is(held.getTime(), value.getTime());
  return sameBson({ value: held }, { value });
}

/**
 * Applies an update `simpleOperatorsFit` accepted, exactly as mingo applies it (the operators in the
 * update's order, an `$addToSet` array made unique). It only ever replaces top-level fields with new
 * values, never changes a value in place, so `working` may be a shallow copy of the stored document.
 * Returns the fields changed.
 */
function applySimpleOperators(working: Document, operators: Document): string[] {
  const changed: string[] = [];
  for (const [operator, fields] of Object.entries(operators) as [string, Document][]) {
    for (const [key, value] of Object.entries(fields)) {
      const held = working[key];
      if (operator === '$set') {
        if (key in working && sameStored(held, value)) continue;
        working[key] = cloneValue(value);
      } else if (operator === '$addToSet') {
        const before = (held as unknown[] | undefined) ?? [];
        const after = [...new Set([...before, ...primitivesAdded(value)!])];
        if (held !== undefined && after.length === before.length) continue;
        working[key] = after;
      } else {
        working[key] = [...((held as unknown[] | undefined) ?? []), cloneValue(value)];
      }
      changed.push(key);
    }
  }
  return changed;
}

/** Applies an update to a stored document, returning a new document (the original is left untouched). */
export function applyUpdate(original: Document, spec: UpdateSpec, isInsert = false): UpdateOutcome {
  const { update } = spec;
  if (Array.isArray(update)) {
    const [result] = evaluate(() =>
      new Aggregator(update, { processingMode: ProcessingMode.CLONE_INPUT }).run<Document>([original]),
    );
    const document = withIdFirst(result ?? {});
    if (!isInsert) assertSameId(original, document);
    return { document, modified: isInsert || !sameBson(original, document) };
  }
  if (isReplacement(update)) {
    if ('_id' in update && '_id' in original) assertSameId(original, update);
    const replacement = cloneDocument(update);
    const id = original['_id'] ?? update['_id'];
    if (id !== undefined) replacement['_id'] = id;
    const document = withIdFirst(replacement);
    return { document, modified: isInsert || !sameBson(original, document) };
  }
  assertOperatorDocument(update);
  const { $setOnInsert: setOnInsert, ...operators } = update;
  const positional = !isInsert && needsPositionalPlan(operators);
  const simple = !positional && Object.keys(operators).length > 0 && simpleOperatorsFit(original, operators);
  // The simple path replaces fields and changes nothing in place: the stored values can be shared.
  const working = simple && !isInsert ? { ...original } : cloneDocument(original);
  let changedPaths: string[] = [];
  if (simple) {
    changedPaths = applySimpleOperators(working, operators);
  } else if (positional) {
    const steps = evaluate(() => planPositionalUpdate(operators, original, spec.filter, spec.arrayFilters));
    for (const { operator, path, value } of steps) {
      const changed = evaluate(() =>
        applyOperators(
          working,
          { [operator]: { [path]: value } } as Modifier<Document>,
          undefined,
          undefined,
          {
            cloneMode: 'deep',
          },
        ),
      );
      changedPaths.push(...changed);
    }
  } else if (Object.keys(operators).length > 0) {
    changedPaths = evaluate(() =>
      applyOperators(
        working,
        operators as Modifier<Document>,
        spec.arrayFilters,
        // The query is only needed by `arr.$` positional paths (and costs a query compilation);
        // upserts start from a seed the query may not match.
        !isInsert && usesPositionalOperator(operators) ? spec.filter : undefined,
        { cloneMode: 'deep' },
      ),
    );
  }
  if (isInsert && isDocument(setOnInsert)) {
    const onInsert = { $set: setOnInsert };
    if (simpleOperatorsFit(working, onInsert)) applySimpleOperators(working, onInsert);
    else
      evaluate(() =>
        applyOperators(working, { $set: setOnInsert }, undefined, undefined, { cloneMode: 'deep' }),
      );
  }
  if (!isInsert) assertSameId(original, working);
  return { document: withIdFirst(working), modified: isInsert || changedPaths.length > 0 };
}

function equalityFields(filter: Document, into: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isDocument(clause)) equalityFields(clause, into);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isDocument(value) && Object.keys(value).some((operator) => operator.startsWith('$'))) {
      if ('$eq' in value) into[key] = value['$eq'];
      continue;
    }
    into[key] = value;
  }
}

/** Builds the document an upsert inserts: equality fields of the query, then the update (with `$setOnInsert`). */
export function buildUpsertDocument(spec: UpdateSpec): Document {
  const seedFields: Document = {};
  equalityFields(spec.filter, seedFields);
  let seed: Document = {};
  if (isReplacement(spec.update)) {
    // A replacement upsert keeps only the query's _id, as mongod does.
    if ('_id' in seedFields) seed = { _id: seedFields['_id'] };
  } else if (Object.keys(seedFields).length > 0 && !applySimpleOperators(seed, { $set: seedFields })) {
    evaluate(() =>
      applyOperators(seed, { $set: cloneDocument(seedFields) }, undefined, undefined, { cloneMode: 'deep' }),
    );
  }
  const { document } = applyUpdate(seed, spec, true);
  if (document['_id'] === undefined) document['_id'] = new ObjectId();
  return withIdFirst(document);
}
