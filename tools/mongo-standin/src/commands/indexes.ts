import {
  optionalDocument,
  optionalDocumentArray,
  optionalInteger,
  requireString,
} from '../command-fields.ts';
import type { CommandContext, CommandTable } from '../command-context.ts';
import type { Collection } from '../collection.ts';
import { canonicalKey, formatValue } from '../document-values.ts';
import { CommandError, failedToParse, namespaceNotFound, notSupported } from '../errors.ts';
import { isDocument, namespaceOf, type Document } from '../types.ts';
import { ID_INDEX, type IndexDefinition } from '../unique-index.ts';
import { refuseOptions, UNSUPPORTED_INDEX_OPTIONS } from '../unsupported-options.ts';

// Options that make two indexes over the same key different indexes.
const DISTINGUISHING_OPTIONS = [
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'collation',
  'hidden',
];

function indexNotFound(message: string): CommandError {
  return new CommandError(27, 'IndexNotFound', message);
}

function toDefinition(specification: Document): IndexDefinition {
  const { key, name, ns: _namespace, v: _version, ...options } = specification;
  if (!isDocument(key) || Object.keys(key).length === 0)
    throw failedToParse("Index spec 'key' must be a non-empty object");
  for (const [field, kind] of Object.entries(key)) {
    // Text, geo, hashed and wildcard indexes change what queries mean; only plain B-tree keys are emulated.
    if ((kind !== 1 && kind !== -1) || field.includes('$**'))
      throw notSupported(`An index of type ${JSON.stringify(kind)} on '${field}'`);
  }
  refuseOptions(options, UNSUPPORTED_INDEX_OPTIONS, 'createIndexes');
  const indexName =
    typeof name === 'string'
      ? name
      : Object.entries(key)
          .map(([field, order]) => `${field}_${String(order)}`)
          .join('_');
  return { v: 2, key, name: indexName, ...options };
}

function sameOptions(left: IndexDefinition, right: IndexDefinition): boolean {
  return DISTINGUISHING_OPTIONS.every((option) => {
    // `unique: false` and no `unique` at all mean the same thing.
    const normalize = (value: unknown) => canonicalKey(value === false ? undefined : value);
    return normalize(left[option]) === normalize(right[option]);
  });
}

/** Decides whether `definition` is new, already present, or conflicts with an existing index. */
function isAlreadyPresent(collection: Collection, definition: IndexDefinition): boolean {
  const sameName = collection.indexes.get(definition.name);
  if (sameName) {
    if (canonicalKey(sameName.key) !== canonicalKey(definition.key)) {
      throw new CommandError(
        86,
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. Requested index: ${formatValue(definition)}, existing index: ${formatValue(sameName)}`,
      );
    }
    if (!sameOptions(sameName, definition)) {
      throw new CommandError(
        85,
        'IndexOptionsConflict',
        `An equivalent index already exists with the same name but different options. Requested index: ${formatValue(definition)}, existing index: ${formatValue(sameName)}`,
      );
    }
    return true;
  }
  const sameKey = collection.findIndexByKey(definition.key);
  if (sameKey && sameOptions(sameKey, definition)) {
    throw new CommandError(
      85,
      'IndexOptionsConflict',
      `Index already exists with a different name: ${sameKey.name}`,
    );
  }
  return false;
}

function createIndexes(context: CommandContext): Document {
  const name = requireString(context.command, 'createIndexes');
  const requested = optionalDocumentArray(context.command, 'indexes');
  if (!requested || requested.length === 0) throw failedToParse('Must specify at least one index to create');
  const definitions = requested.map(toDefinition);
  const { collection, created } = context.store.ensureCollection(context.databaseName, name);
  const numIndexesBefore = collection.indexes.size;
  const toCreate = definitions.filter((definition) => !isAlreadyPresent(collection, definition));
  const added: string[] = [];
  try {
    for (const definition of toCreate) {
      collection.addIndex(definition);
      added.push(definition.name);
    }
  } catch (error) {
    // mongod builds a batch of indexes all-or-nothing.
    for (const indexName of added) collection.dropIndex(indexName);
    throw error;
  }
  for (const definition of toCreate) context.store.recordIndexCreated(collection, definition);
  const reply: Document = {
    createdCollectionAutomatically: created,
    numIndexesBefore,
    numIndexesAfter: collection.indexes.size,
  };
  if (toCreate.length === 0) reply['note'] = 'all indexes already exist';
  return { ...reply, ok: 1 };
}

function existingCollection(context: CommandContext, field: string): Collection {
  const name = requireString(context.command, field);
  const collection = context.store.getCollection(context.databaseName, name);
  if (!collection) throw namespaceNotFound(namespaceOf(context.databaseName, name));
  return collection;
}

function listIndexes(context: CommandContext): Document {
  const collection = existingCollection(context, 'listIndexes');
  const cursorOptions = optionalDocument(context.command, 'cursor') ?? {};
  const cursor = context.cursors.open(collection.namespace, [...collection.indexes.values()], {
    batchSize: optionalInteger(cursorOptions, 'batchSize'),
  });
  return { cursor, ok: 1 };
}

function indexesToDrop(collection: Collection, selector: unknown): string[] {
  if (selector === '*') return [...collection.indexes.keys()].filter((name) => name !== ID_INDEX.name);
  if (typeof selector === 'string') {
    if (!collection.indexes.has(selector)) throw indexNotFound(`index not found with name [${selector}]`);
    return [selector];
  }
  if (Array.isArray(selector)) return selector.flatMap((item) => indexesToDrop(collection, item));
  if (isDocument(selector)) {
    const definition = collection.findIndexByKey(selector);
    if (!definition) throw indexNotFound(`can't find index with key: ${formatValue(selector)}`);
    return [definition.name];
  }
  throw failedToParse("dropIndexes 'index' must be '*', a name, a key pattern or an array of names");
}

function dropIndexes(context: CommandContext): Document {
  const collection = existingCollection(context, 'dropIndexes');
  const nIndexesWas = collection.indexes.size;
  const names = indexesToDrop(collection, context.command['index']);
  for (const name of names) {
    collection.dropIndex(name);
    context.store.recordIndexDropped(collection, name);
  }
  return { nIndexesWas, ok: 1 };
}

/** Index management commands. */
export const indexCommands: CommandTable = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
