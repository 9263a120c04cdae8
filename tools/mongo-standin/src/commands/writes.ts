import { ObjectId } from 'bson';
import {
  optionalBoolean,
  optionalDocument,
  optionalDocumentArray,
  optionalInteger,
  requireString,
} from '../command-fields.ts';
import type { CommandContext, CommandTable } from '../command-context.ts';
import { selectDocuments } from '../document-selection.ts';
import { assertInsertable, assertUpdatedSize } from '../document-limits.ts';
import { cloneDocument, withIdFirst } from '../document-values.ts';
import { asCommandError, CommandError, failedToParse } from '../errors.ts';
import { isDocument, type Document } from '../types.ts';
import { idKeyOf } from '../unique-index.ts';
import { applyUpdate, buildUpsertDocument, isReplacement, type UpdateSpec } from '../update-engine.ts';
import { assertSimpleCollation, checkHint } from '../unsupported-options.ts';

/** Copies a document for storage, giving it an ObjectId `_id` (first field) when it has none; at most 16 MiB. */
export function prepareForInsert(document: Document): Document {
  const copy = cloneDocument(document);
  if (copy['_id'] === undefined) copy['_id'] = new ObjectId();
  if (Array.isArray(copy['_id'])) throw new CommandError(53, 'InvalidIdField', "can't use an array for _id");
  assertInsertable(copy);
  return withIdFirst(copy);
}

/** Reads the statements of a write batch (`documents`, `updates` or `deletes`). */
function statementsOf(context: CommandContext, field: string): Document[] {
  const statements = optionalDocumentArray(context.command, field);
  if (!statements || statements.length === 0 || statements.length > 100_000) {
    throw new CommandError(16, 'InvalidLength', 'Write batch sizes must be between 1 and 100000');
  }
  return statements;
}

// Errors that fail the whole command rather than one statement: write conflicts and interruptions.
// A document over the BSON parser's limit (10334) fails the whole message in mongod.
const COMMAND_LEVEL_CODES = new Set([112, 50, 10334]);

/**
 * Runs each statement, turning failures into `writeErrors` entries; an ordered batch stops at the
 * first one. A statement meeting a document locked by a transaction waits for it, then runs again.
 * Write conflicts and an expired `maxTimeMS` fail the whole command, as in mongod.
 */
async function runBatch(
  context: CommandContext,
  statements: Document[],
  run: (statement: Document, index: number) => void,
): Promise<Document[]> {
  const ordered = optionalBoolean(context.command, 'ordered') ?? true;
  const writeErrors: Document[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      await context.retryWhileLocked(() => run(statement, index));
    } catch (error) {
      const commandError = asCommandError(error);
      if (COMMAND_LEVEL_CODES.has(commandError.code)) throw commandError;
      writeErrors.push(commandError.toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

async function insert(context: CommandContext): Promise<Document> {
  const access = context.collection(requireString(context.command, 'insert'));
  let inserted = 0;
  const writeErrors = await runBatch(context, statementsOf(context, 'documents'), (document) => {
    access.insert(prepareForInsert(document));
    inserted += 1;
  });
  return withWriteErrors({ n: inserted }, writeErrors);
}

/** Reads the update of a statement (`u` in `update`, `update` in findAndModify). */
export function readUpdateSpec(statement: Document, updateField: string, filterField: string): UpdateSpec {
  const update = statement[updateField];
  if (!isDocument(update) && !(Array.isArray(update) && update.every(isDocument))) {
    throw failedToParse(`'${updateField}' must be a document or a pipeline`);
  }
  return {
    update: update as Document | Document[],
    filter: optionalDocument(statement, filterField) ?? {},
    arrayFilters: optionalDocumentArray(statement, 'arrayFilters'),
  };
}

async function update(context: CommandContext): Promise<Document> {
  const access = context.collection(requireString(context.command, 'update'));
  let matched = 0;
  let modified = 0;
  const upserted: Document[] = [];
  const writeErrors = await runBatch(context, statementsOf(context, 'updates'), (statement, index) => {
    const spec = readUpdateSpec(statement, 'u', 'q');
    const multi = optionalBoolean(statement, 'multi') ?? false;
    if (multi && isReplacement(spec.update))
      throw failedToParse('multi update is not supported for replacement-style update');
    assertSimpleCollation(statement['collation'], 'update');
    checkHint(context, access.collectionName, statement['hint']);
    const targets = selectDocuments(access, {
      filter: spec.filter,
      sort: optionalDocument(statement, 'sort'),
      limit: multi ? 0 : 1,
    });
    // Every target must be free before any is changed: a statement that waits has applied nothing.
    access.assertWritable(targets.map(idKeyOf));
    for (const target of targets) {
      const outcome = applyUpdate(target, spec);
      matched += 1;
      if (!outcome.modified) continue;
      assertUpdatedSize(outcome.document);
      access.replace(outcome.document);
      modified += 1;
    }
    if (targets.length === 0 && (optionalBoolean(statement, 'upsert') ?? false)) {
      const document = buildUpsertDocument(spec);
      assertUpdatedSize(document);
      access.insert(document);
      matched += 1;
      upserted.push({ index, _id: document['_id'] });
    }
  });
  const reply: Document = { n: matched, nModified: modified };
  if (upserted.length > 0) reply['upserted'] = upserted;
  return withWriteErrors(reply, writeErrors);
}

async function remove(context: CommandContext): Promise<Document> {
  const access = context.collection(requireString(context.command, 'delete'));
  let deleted = 0;
  const writeErrors = await runBatch(context, statementsOf(context, 'deletes'), (statement) => {
    const filter = optionalDocument(statement, 'q') ?? {};
    const limit = optionalInteger(statement, 'limit') ?? 0;
    if (limit !== 0 && limit !== 1) throw failedToParse('The limit field in delete objects must be 0 or 1');
    assertSimpleCollation(statement['collation'], 'delete');
    checkHint(context, access.collectionName, statement['hint']);
    const targets = selectDocuments(access, { filter, limit });
    access.assertWritable(targets.map(idKeyOf));
    for (const target of targets) {
      access.remove(idKeyOf(target));
      deleted += 1;
    }
  });
  return withWriteErrors({ n: deleted }, writeErrors);
}

/** Batch write commands: insert, update and delete. */
export const writeCommands: CommandTable = {
  insert,
  update,
  delete: remove,
};
