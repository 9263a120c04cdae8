import type { Request } from 'express';
import mongoose, { type ClientSession, type HydratedDocument } from 'mongoose';
import { notFound } from './errors.ts';
import {
  atVersion,
  ifMatchVersion,
  nextChange,
  refuseStaleWrite,
  staleWrite,
  versionOf,
  type LastChange,
} from './versions.ts';

/** A record the UI edits: it carries its last change. */
interface Versioned {
  lastChange?: Partial<LastChange> | null;
}

/** Paths a save touches that the user did not edit: never named as "what changed". */
const bookkeepingPaths = new Set(['lastChange', 'searchText', 'updatedAt', '__v']);

/** The top-level fields of a loaded record changed since it was read (as the stale notice names them). */
export function changedFields(record: mongoose.Document): string[] {
  const fields = record.modifiedPaths().map((path) => path.split('.')[0]!);
  return [...new Set(fields)].filter((field) => !bookkeepingPaths.has(field));
}

/** What `saveVersioned` needs besides the record: what it is (for messages), who changes it, which fields. */
export interface VersionedSave {
  what: string;
  by: string;
  /** Defaults to the record's modified top-level paths. */
  fields?: string[];
}

/**
 * Saves an edited record in one conditional write: MongoDB applies it only if the record is still at the
 * version it was read at, so two writers never both win. A write based on an older version (`If-Match`), or
 * one that lost the race, answers 409 `stale` saying who changed what; the next change is recorded.
 */
export async function saveVersioned<T extends Versioned>(
  request: Request,
  record: HydratedDocument<T>,
  save: VersionedSave,
): Promise<void> {
  await saveVersionedWithin(record, {
    ...save,
    basedOn: ifMatchVersion(request),
    loadedAt: versionOf(record.lastChange),
  });
}

/** What `saveVersionedWithin` needs besides `VersionedSave`. */
export interface VersionedSaveWithin extends VersionedSave {
  /** The version the client's change was based on (its `If-Match`); undefined when it named none. */
  basedOn: number | undefined;
  /** The version the record was loaded at, taken before the transaction: a transaction may run twice. */
  loadedAt: number;
  /** The transaction the save belongs to, if any. */
  session?: ClientSession;
}

/**
 * `saveVersioned` inside a transaction: the same conditional write, given the session and the versions,
 * so that a transaction retried after a write conflict checks against the version first read.
 */
export async function saveVersionedWithin<T extends Versioned>(
  record: HydratedDocument<T>,
  { what, by, fields = changedFields(record), basedOn, loadedAt, session }: VersionedSaveWithin,
): Promise<void> {
  if (basedOn !== undefined && basedOn !== loadedAt) throw staleWrite(record.lastChange, what);
  record.set('lastChange', nextChange({ version: loadedAt }, by, fields));
  record.$where = { 'lastChange.version': atVersion(loadedAt) };
  try {
    await record.save({ session: session ?? null });
  } catch (error) {
    const lost =
      error instanceof mongoose.Error.DocumentNotFoundError || error instanceof mongoose.Error.VersionError;
    if (!lost) throw error;
    const model = record.constructor as mongoose.Model<Versioned>;
    const current = await model
      .findById(record._id, { lastChange: 1 })
      .session(session ?? null)
      .lean();
    if (!current) throw notFound(what);
    throw staleWrite(current.lastChange, what);
  }
}

/** One item of an array inside a record (an indicator in a family file), as read: all its fields. */
export interface VersionedItem {
  model: mongoose.Model<Record<string, unknown>>;
  recordId: mongoose.Types.ObjectId;
  array: string;
  item: { _id: mongoose.Types.ObjectId } & Versioned;
}

/** `{ field: value }` as `{ 'array.$.field': value }`, for the array item the query matched. */
function positionalFields(array: string, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [`${array}.$.${field}`, value]));
}

/**
 * Changes the fields `set` of one array item in one conditional update, at the version it was read at; like
 * `saveVersioned`, a stale or losing write answers 409 `stale` with who changed what.
 */
export async function updateVersionedItem(
  request: Request,
  { model, recordId, array, item }: VersionedItem,
  set: Record<string, unknown>,
  { what, by, fields = Object.keys(set) }: VersionedSave,
): Promise<void> {
  refuseStaleWrite(request, item.lastChange, what);
  const lastChange = nextChange(item.lastChange, by, fields);
  const result = await model.updateOne(
    {
      _id: recordId,
      [array]: mongoose.trusted({
        $elemMatch: { _id: item._id, 'lastChange.version': atVersion(versionOf(item.lastChange)) },
      }),
    },
    // Only the changed fields of the matched item: another field changed meanwhile is left as it is.
    { $set: positionalFields(array, { ...set, lastChange }) },
  );
  if (result.matchedCount === 1) return;
  const record = await model.findById(recordId, { [`${array}._id`]: 1, [`${array}.lastChange`]: 1 }).lean();
  const items = (record as Record<string, ({ _id: unknown } & Versioned)[]> | null)?.[array] ?? [];
  const current = items.find((candidate) => String(candidate._id) === String(item._id));
  if (!current) throw notFound(what);
  throw staleWrite(current.lastChange, what);
}
