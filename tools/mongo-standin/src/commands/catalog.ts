import { calculateObjectSize } from 'bson';
import { optionalBoolean, optionalDocument, optionalInteger, requireString } from '../command-fields.ts';
import type { CommandContext, CommandTable } from '../command-context.ts';
import type { Collection } from '../collection.ts';
import { assertValidName } from '../data-store.ts';
import { notSupported } from '../errors.ts';
import { findDocuments } from '../query-engine.ts';
import { namespaceOf, type Document } from '../types.ts';
import { ID_INDEX } from '../unique-index.ts';
import { assertSimpleCollation, refuseOptions, UNSUPPORTED_CREATE_OPTIONS } from '../unsupported-options.ts';

// Fields every command may carry that are not collection options.
const GENERIC_FIELDS = new Set([
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'writeConcern',
  'readConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

function collectionInfo(collection: Collection): Document {
  return {
    name: collection.name,
    type: 'collection',
    options: collection.options,
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: ID_INDEX,
  };
}

function sizeOf(collection: Collection): number {
  let bytes = 0;
  for (const document of collection.documents.values()) bytes += calculateObjectSize(document);
  return bytes;
}

function listDatabases(context: CommandContext): Document {
  const filter = optionalDocument(context.command, 'filter') ?? {};
  const nameOnly = optionalBoolean(context.command, 'nameOnly') ?? false;
  const entries = context.store.databaseNames().map((name) => {
    const sizeOnDisk = context.store
      .collectionsOf(name)
      .reduce((total, collection) => total + sizeOf(collection), 0);
    return nameOnly ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 };
  });
  const databases = findDocuments(entries, { filter });
  const totalSize = databases.reduce(
    (total, entry) => total + (typeof entry['sizeOnDisk'] === 'number' ? entry['sizeOnDisk'] : 0),
    0,
  );
  return nameOnly
    ? { databases, ok: 1 }
    : { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
}

function listCollections(context: CommandContext): Document {
  const filter = optionalDocument(context.command, 'filter') ?? {};
  const nameOnly = optionalBoolean(context.command, 'nameOnly') ?? false;
  const cursorOptions = optionalDocument(context.command, 'cursor') ?? {};
  const all = context.store.collectionsOf(context.databaseName).map(collectionInfo);
  const matching = findDocuments(all, { filter }).map((info) =>
    nameOnly ? { name: info['name'], type: info['type'] } : info,
  );
  const namespace = namespaceOf(context.databaseName, '$cmd.listCollections');
  const cursor = context.cursors.open(namespace, matching, {
    batchSize: optionalInteger(cursorOptions, 'batchSize'),
  });
  return { cursor, ok: 1 };
}

function create(context: CommandContext): Document {
  const name = requireString(context.command, 'create');
  const options: Document = {};
  for (const [key, value] of Object.entries(context.command)) {
    if (key !== 'create' && !key.startsWith('$') && !GENERIC_FIELDS.has(key)) options[key] = value;
  }
  if ('viewOn' in options) throw notSupported('Creating views');
  refuseOptions(options, UNSUPPORTED_CREATE_OPTIONS, 'create');
  assertSimpleCollation(options['collation'], 'create');
  assertValidName(context.databaseName, name);
  context.store.createCollection(context.databaseName, name, options);
  return { ok: 1 };
}

function drop(context: CommandContext): Document {
  const name = requireString(context.command, 'drop');
  const namespace = namespaceOf(context.databaseName, name);
  const dropped = context.store.dropCollection(context.databaseName, name);
  // Since MongoDB 7.0 dropping a missing collection succeeds.
  return dropped ? { ns: namespace, nIndexesWas: dropped.indexes.size, ok: 1 } : { ok: 1 };
}

function dropDatabase(context: CommandContext): Document {
  context.store.dropDatabase(context.databaseName);
  return { dropped: context.databaseName, ok: 1 };
}

/** Database and collection catalog commands. */
export const catalogCommands: CommandTable = {
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
};
