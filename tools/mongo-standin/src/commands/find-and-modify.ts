import { optionalBoolean, optionalDocument, requireString } from '../command-fields.ts';
import type { CommandContext, CommandTable } from '../command-context.ts';
import { selectDocuments } from '../document-selection.ts';
import { assertUpdatedSize } from '../document-limits.ts';
import { failedToParse } from '../errors.ts';
import { assertSimpleCollation, checkHint } from '../unsupported-options.ts';
import { projectDocument } from '../query-engine.ts';
import type { Document } from '../types.ts';
import { idKeyOf } from '../unique-index.ts';
import { applyUpdate, buildUpsertDocument } from '../update-engine.ts';
import { readUpdateSpec } from './writes.ts';

/**
 * `findAndModify`: updates, upserts or removes the first matching document (in `sort` order) and
 * returns it before or after the change. Errors, including E11000, fail the whole command.
 */
function findAndModify(context: CommandContext): Document {
  const { command } = context;
  const access = context.collection(requireString(command, context.name));
  const filter = optionalDocument(command, 'query') ?? {};
  const remove = optionalBoolean(command, 'remove') ?? false;
  const returnNew = optionalBoolean(command, 'new') ?? false;
  const fields = optionalDocument(command, 'fields');
  const hasUpdate = command['update'] !== undefined && command['update'] !== null;
  if (remove && hasUpdate) throw failedToParse('Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate) throw failedToParse('Either an update or remove=true must be specified');
  assertSimpleCollation(command['collation'], 'findAndModify');
  checkHint(context, access.collectionName, command['hint']);
  const [target] = selectDocuments(access, { filter, sort: optionalDocument(command, 'sort'), limit: 1 });
  const value = (document: Document | undefined) => (document ? projectDocument(document, fields) : null);

  if (remove) {
    if (target) access.remove(idKeyOf(target));
    return { lastErrorObject: { n: target ? 1 : 0 }, value: value(target), ok: 1 };
  }
  const spec = readUpdateSpec({ ...command, query: filter }, 'update', 'query');
  if (target) {
    const outcome = applyUpdate(target, spec);
    if (outcome.modified) {
      assertUpdatedSize(outcome.document);
      access.replace(outcome.document);
    }
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: value(returnNew ? outcome.document : target),
      ok: 1,
    };
  }
  if (!(optionalBoolean(command, 'upsert') ?? false)) {
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  }
  const document = buildUpsertDocument(spec);
  assertUpdatedSize(document);
  access.insert(document);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: document['_id'] },
    value: returnNew ? value(document) : null,
    ok: 1,
  };
}

/** Waits, then runs again, when the target is locked by a transaction (it writes one document, after the check). */
function findAndModifyWhenFree(context: CommandContext): Promise<Document> {
  return context.retryWhileLocked(() => findAndModify(context));
}

/** `findAndModify` under both spellings drivers use. */
export const findAndModifyCommands: CommandTable = {
  findAndModify: findAndModifyWhenFree,
  findandmodify: findAndModifyWhenFree,
};
