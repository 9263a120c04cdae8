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

/**
 * Applies `{ $set: { field: value, … } }` on top-level fields only (no dotted path, no `_id`), the update
 * the server sends most, without mingo (which rebuilds its operator tables for every call); returns the
 * fields whose stored bytes changed, or null for any other update.
 */
function setTopLevelFields(working: Document, operators: Document): string[] | null {
  const names = Object.keys(operators);
  if (names.length !== 1 || names[0] !== '$set' || !isDocument(operators['$set'])) return null;
  const fields = operators['$set'];
  const keys = Object.keys(fields);
  if (keys.length === 0) return null;
  if (keys.some((key) => key === '' || key === '_id' || key.startsWith('$') || key.includes('.')))
    return null;
  const changed: string[] = [];
  for (const key of keys) {
    const value = fields[key];
    if (key in working && sameBson({ value: working[key] }, { value })) continue;
    working[key] = cloneValue(value);
    changed.push(key);
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
  const working = cloneDocument(original);
  let changedPaths: string[] = [];
  if (!isInsert && needsPositionalPlan(operators)) {
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
    changedPaths =
      setTopLevelFields(working, operators) ??
      evaluate(() =>
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
    if (!setTopLevelFields(working, { $set: setOnInsert }))
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
  } else if (Object.keys(seedFields).length > 0 && !setTopLevelFields(seed, { $set: seedFields })) {
    evaluate(() =>
      applyOperators(seed, { $set: cloneDocument(seedFields) }, undefined, undefined, { cloneMode: 'deep' }),
    );
  }
  const { document } = applyUpdate(seed, spec, true);
  if (document['_id'] === undefined) document['_id'] = new ObjectId();
  return withIdFirst(document);
}
