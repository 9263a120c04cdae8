import { Aggregator, ProcessingMode, Query } from 'mingo';
import type { Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { compareBsonValues, sortDocuments } from './bson-order.ts';
import { toInteger } from './command-fields.ts';
import { canonicalKey, cloneDocument, withIdFirst } from './document-values.ts';
import { standinOperators } from './expression-operators.ts';
import { badValue, CommandError, notSupported } from './errors.ts';
import { isDocument, type Document } from './types.ts';

/** Query options shared by find, aggregate, count and distinct (only the simple collation is accepted upstream). */
export interface QueryOptions {
  /** Values of the command's `let` document. */
  variables?: Document | undefined;
}

/** Everything `find` can ask for. */
export interface FindSpec extends QueryOptions {
  filter: Document;
  sort?: Document | undefined;
  projection?: Document | undefined;
  skip?: number | undefined;
  limit?: number | undefined;
}

// Stages that need a real server (output to collections, change streams, statistics, search).
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$changeStream',
  '$changeStreamSplitLargeEvent',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$listSearchIndexes',
  '$geoNear',
]);

/** Runs mingo code, reporting its failures as BadValue the way mongod reports bad queries. */
export function evaluate<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw badValue(error instanceof Error ? error.message : String(error));
  }
}

function mingoOptions(options: QueryOptions): Partial<Options> {
  const result: Partial<Options> & { variables?: Document } = { context: standinOperators };
  if (options.variables) result.variables = options.variables;
  return result;
}

/**
 * The fields and values of a filter made only of string equalities on top-level fields (`{ docName: 'x',
 * editorKey: 'y' }`, what the server sends most), or null. Such a filter is answered without compiling a
 * mingo query: mingo rebuilds its operator tables for every query, most of the stand-in's CPU under load.
 */
function stringEqualities(filter: Document): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (typeof value !== 'string' || field === '' || field.startsWith('$') || field.includes('.'))
      return null;
    pairs.push([field, value]);
  }
  return pairs;
}

/** A predicate implementing a MongoDB query filter. */
export function createMatcher(filter: Document, options: QueryOptions = {}): (document: Document) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  const equalities = stringEqualities(filter);
  if (equalities) {
    // As MongoDB (simple collation): a string equals a field holding it, or an array holding it.
    return (document) =>
      equalities.every(([field, value]) => {
        const held = document[field];
        return held === value || (Array.isArray(held) && held.includes(value));
      });
  }
  const query = evaluate(() => new Query(filter, mingoOptions(options)));
  return (document) => evaluate(() => query.test(document));
}

/** Checks a sort specification: every direction 1 or -1, as mongod requires; `$meta` sorts are not emulated. */
function validatedSort(sort: Document): Document {
  const checked: Document = {};
  for (const [field, direction] of Object.entries(sort)) {
    if (isDocument(direction)) throw notSupported(`Sorting by $meta ('${field}')`);
    const value = toInteger(direction);
    if (value !== 1 && value !== -1) {
      throw new CommandError(
        15975,
        'Location15975',
        '$sort key ordering must be 1 (for ascending) or -1 (for descending)',
      );
    }
    checked[field] = value;
  }
  return checked;
}

/** Filter, sort (in MongoDB's cross-type order), skip, limit and project, with mongod semantics. */
export function findDocuments(documents: readonly Document[], spec: FindSpec): Document[] {
  const { $natural: naturalOrder, ...sort } = spec.sort ?? {};
  // `$natural: -1` asks for reverse insertion order, which is simply our storage order reversed.
  const source = naturalOrder === -1 ? [...documents].reverse() : [...documents];
  const projection = spec.projection && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  const matching = source.filter(createMatcher(spec.filter, spec));
  const sorted = Object.keys(sort).length > 0 ? sortDocuments(matching, validatedSort(sort)) : matching;
  const skip = spec.skip ?? 0;
  const page = sorted.slice(skip, spec.limit ? skip + spec.limit : undefined);
  if (!projection) return page;
  // Unlike mingo's find() helper, which wraps the options twice, a Query copies the operator registry once.
  return evaluate(() =>
    new Query({}, mingoOptions(spec)).find<Document>(page, projection).all().map(withIdFirst),
  );
}

/** Applies a find-style projection to one document. */
export function projectDocument(document: Document, projection: Document | undefined): Document {
  if (!projection || Object.keys(projection).length === 0) return document;
  return findDocuments([document], { filter: {}, projection })[0] ?? document;
}

function stageName(stage: Document): string {
  return Object.keys(stage)[0] ?? '';
}

/** Runs an aggregation pipeline; `resolveCollection` feeds `$lookup`, `$unionWith` and `$graphLookup`. */
export function runPipeline(
  documents: readonly Document[],
  pipeline: readonly Document[],
  options: QueryOptions & { resolveCollection: (name: string) => Document[] },
): Document[] {
  for (const stage of pipeline) {
    const name = stageName(stage);
    if (UNSUPPORTED_STAGES.has(name)) {
      throw new CommandError(
        40324,
        'Location40324',
        `Unrecognized pipeline stage name: '${name}' (not supported by the MongoDB stand-in)`,
      );
    }
  }
  // Leading $match stages run without cloning, so countDocuments over big collections stays cheap.
  let results = [...documents];
  let first = 0;
  while (first < pipeline.length && stageName(pipeline[first] ?? {}) === '$match') {
    const matcher = createMatcher((pipeline[first]?.['$match'] ?? {}) as Document, options);
    results = results.filter(matcher);
    first += 1;
  }
  // Top-level $sort stages use MongoDB's cross-type order; the stages between them run in mingo.
  let segment: Document[] = [];
  const runSegment = () => {
    if (segment.length === 0) return;
    const stages = segment;
    segment = [];
    const input = results;
    results = evaluate(() =>
      new Aggregator(stages, {
        ...mingoOptions(options),
        // Stages like $set or $unset may modify their input in place: never let them touch stored documents.
        processingMode: ProcessingMode.CLONE_INPUT,
        collectionResolver: (name: string) => options.resolveCollection(name).map(cloneDocument),
      }).run<Document>(input),
    );
  };
  for (const stage of pipeline.slice(first)) {
    if (stageName(stage) !== '$sort') {
      segment.push(stage);
      continue;
    }
    runSegment();
    const sort = stage['$sort'];
    if (!isDocument(sort) || Object.keys(sort).length === 0)
      throw badValue('$sort stage must have at least one sort key');
    results = sortDocuments(results, validatedSort(sort));
  }
  runSegment();
  return results;
}

/** Distinct values of a field (array elements count individually), in BSON order. */
export function distinctValues(documents: readonly Document[], field: string): unknown[] {
  const values = new Map<string, unknown>();
  for (const document of documents) {
    const value = evaluate(() => resolve(document, field));
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const key = canonicalKey(item);
      if (!values.has(key)) values.set(key, item);
    }
  }
  return [...values.values()].sort(compareBsonValues);
}
