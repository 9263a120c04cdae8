import {
  optionalBoolean,
  optionalDocument,
  optionalDocumentArray,
  optionalInteger,
  requireString,
} from '../command-fields.ts';
import type { CommandContext, CommandTable } from '../command-context.ts';
import { pipelineSource, selectDocuments } from '../document-selection.ts';
import { badValue, failedToParse, notSupported } from '../errors.ts';
import { distinctValues, runPipeline, type QueryOptions } from '../query-engine.ts';
import { namespaceOf, type Document } from '../types.ts';
import { assertSimpleCollation, checkHint, refuseOptions } from '../unsupported-options.ts';

// find options that change what a cursor is or returns, which the stand-in does not emulate.
const UNSUPPORTED_FIND_OPTIONS = ['tailable', 'awaitData', 'returnKey', 'showRecordId', 'min', 'max'];

/** Options shared by the query commands, after refusing a non-simple collation and checking the hint. */
function queryOptions(context: CommandContext, collectionName: string | undefined): QueryOptions {
  assertSimpleCollation(context.command['collation'], context.name);
  if (collectionName !== undefined) checkHint(context, collectionName, context.command['hint']);
  return { variables: optionalDocument(context.command, 'let') };
}

function find(context: CommandContext): Document {
  const { command } = context;
  const access = context.collection(requireString(command, 'find'));
  refuseOptions(command, UNSUPPORTED_FIND_OPTIONS, 'find');
  const rawLimit = optionalInteger(command, 'limit') ?? 0;
  const skip = optionalInteger(command, 'skip') ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  const options = queryOptions(context, access.collectionName);
  const filter = optionalDocument(command, 'filter') ?? {};
  const results = selectDocuments(access, {
    ...options,
    filter,
    sort: optionalDocument(command, 'sort'),
    projection: optionalDocument(command, 'projection'),
    skip,
    limit: Math.abs(rawLimit),
  });
  const cursor = context.cursors.open(access.namespace, results, {
    batchSize: optionalInteger(command, 'batchSize'),
    // A negative limit is the legacy way of asking for a single batch.
    singleBatch: (optionalBoolean(command, 'singleBatch') ?? false) || rawLimit < 0,
  });
  return { cursor, ok: 1 };
}

function getMore(context: CommandContext): Document {
  const { command } = context;
  const namespace = namespaceOf(context.databaseName, requireString(command, 'collection'));
  const cursor = context.cursors.next(command['getMore'], namespace, optionalInteger(command, 'batchSize'));
  return { cursor, ok: 1 };
}

function killCursors(context: CommandContext): Document {
  const ids = context.command['cursors'];
  if (!Array.isArray(ids)) throw failedToParse("killCursors requires a 'cursors' array");
  const { killed, notFound } = context.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function count(context: CommandContext): Document {
  const { command } = context;
  const access = context.collection(requireString(command, 'count'));
  const filter = optionalDocument(command, 'query') ?? {};
  const skip = optionalInteger(command, 'skip') ?? 0;
  const limit = Math.abs(optionalInteger(command, 'limit') ?? 0);
  const options = queryOptions(context, access.collectionName);
  // The plain count (estimatedDocumentCount) needs no scan.
  const matching =
    Object.keys(filter).length === 0
      ? access.count()
      : selectDocuments(access, { ...options, filter }).length;
  const afterSkip = Math.max(0, matching - skip);
  return { n: limit > 0 ? Math.min(afterSkip, limit) : afterSkip, ok: 1 };
}

function distinct(context: CommandContext): Document {
  const { command } = context;
  const access = context.collection(requireString(command, 'distinct'));
  const key = requireString(command, 'key');
  const matching = selectDocuments(access, {
    ...queryOptions(context, access.collectionName),
    filter: optionalDocument(command, 'query') ?? {},
  });
  return { values: distinctValues(matching, key), ok: 1 };
}

function aggregate(context: CommandContext): Document {
  const { command } = context;
  const pipeline = optionalDocumentArray(command, 'pipeline');
  if (!pipeline) throw failedToParse("'pipeline' option must be specified as an array");
  if (optionalBoolean(command, 'explain')) throw notSupported('explain');
  const cursorOptions = optionalDocument(command, 'cursor');
  if (!cursorOptions)
    throw failedToParse("The 'cursor' option is required, except for aggregate with the explain argument");
  // `aggregate: 1` runs a collection-less pipeline (e.g. starting with $documents).
  const target = command['aggregate'];
  const access = typeof target === 'string' ? context.collection(target) : undefined;
  const results = runPipeline(access ? pipelineSource(access, pipeline) : [], pipeline, {
    ...queryOptions(context, access?.collectionName),
    resolveCollection: (name) => context.collection(name).documents(),
  });
  const namespace = access?.namespace ?? namespaceOf(context.databaseName, '$cmd.aggregate');
  const cursor = context.cursors.open(namespace, results, {
    batchSize: optionalInteger(cursorOptions, 'batchSize'),
  });
  return { cursor, ok: 1 };
}

/** Query commands: find/getMore/killCursors, count, distinct and aggregate. */
export const readCommands: CommandTable = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
