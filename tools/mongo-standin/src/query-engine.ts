import { Aggregator, ProcessingMode, Query } from 'mingo';
import type { CollationSpec, Options } from 'mingo/types';
import { compare, resolve } from 'mingo/util';
import { canonicalKey, cloneDocument, withIdFirst } from './document-values.ts';
import { badValue, CommandError } from './errors.ts';
import type { Document } from './types.ts';

/** Query options shared by find, aggregate, count and distinct. */
export interface QueryOptions {
  collation?: Document | undefined;
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
  const result: { collation?: CollationSpec; variables?: Document } = {};
  if (options.collation) result.collation = options.collation as unknown as CollationSpec;
  if (options.variables) result.variables = options.variables;
  return result;
}

/** A predicate implementing a MongoDB query filter. */
export function createMatcher(filter: Document, options: QueryOptions = {}): (document: Document) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  const query = evaluate(() => new Query(filter, mingoOptions(options)));
  return (document) => evaluate(() => query.test(document));
}

/** Filter, sort, skip, limit and project, with mongod semantics. */
export function findDocuments(documents: readonly Document[], spec: FindSpec): Document[] {
  const { $natural: naturalOrder, ...sort } = spec.sort ?? {};
  // `$natural: -1` asks for reverse insertion order, which is simply our storage order reversed.
  const source = naturalOrder === -1 ? [...documents].reverse() : [...documents];
  const projection = spec.projection && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  // Building a mingo Query copies its whole operator registry: skip it when there is nothing to evaluate.
  if (Object.keys(spec.filter).length === 0 && !projection && Object.keys(sort).length === 0) {
    return source.slice(spec.skip ?? 0, spec.limit ? (spec.skip ?? 0) + spec.limit : undefined);
  }
  return evaluate(() => {
    // Unlike mingo's find() helper, which wraps the options twice, a Query copies the operator registry once.
    let cursor = new Query(spec.filter, mingoOptions(spec)).find<Document>(source, projection);
    if (Object.keys(sort).length > 0) cursor = cursor.sort(sort);
    if (spec.skip) cursor = cursor.skip(spec.skip);
    if (spec.limit) cursor = cursor.limit(spec.limit);
    const results = cursor.all();
    return projection ? results.map(withIdFirst) : results;
  });
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
  let input = [...documents];
  let first = 0;
  while (first < pipeline.length && stageName(pipeline[first] ?? {}) === '$match') {
    const matcher = createMatcher((pipeline[first]?.['$match'] ?? {}) as Document, options);
    input = input.filter(matcher);
    first += 1;
  }
  const rest = pipeline.slice(first);
  if (rest.length === 0) return input;
  return evaluate(() =>
    new Aggregator(rest as Document[], {
      ...mingoOptions(options),
      // Stages like $set or $unset may modify their input in place: never let them touch stored documents.
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => options.resolveCollection(name).map(cloneDocument),
    }).run<Document>(input),
  );
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
  return [...values.values()].sort(compare);
}
