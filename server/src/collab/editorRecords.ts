import mongoose from 'mongoose';
import * as Y from 'yjs';
import { SpaceEditorModel } from '../models/spaceEditor.ts';
import { bytesOf } from './storedBytes.ts';
import { TurnBatch } from './turnBatch.ts';
import {
  decodeDeletions,
  encodeDeletions,
  type DeleteSet,
  type Editor,
  type EditorActivity,
} from './editAuthorship.ts';

/** Beyond this many deletion records, an editor's are merged at once (compaction merges them anyway). */
const maxDeletionRecords = 64;

type EditorUpsert = Parameters<typeof SpaceEditorModel.collection.bulkWrite>[0][number];

/**
 * Every document's editors flushed in one turn of the event loop go in one unordered bulk write, through
 * the driver (each upsert is written in its stored form, so nothing is cast per flush). A failed write
 * fails every entry: each is an idempotent upsert, retried whole with the next flush (a deletion record
 * pushed twice merges into the same delete set).
 */
const upserts = new TurnBatch<EditorUpsert>(
  (operations) => SpaceEditorModel.collection.bulkWrite(operations, { ordered: false }),
  (_error, batchLength) => Array.from({ length: batchLength }, (_, index) => index),
);

/**
 * Deletion records this process pushed per document since it last looked for a crowded editor: the
 * database is asked only once this many could have crowded one (other instances push theirs too, and
 * compaction merges everything in the end).
 */
const deletionsSinceCheck = new Map<string, number>();

/** The upsert of one editor's flush: her clients and her deletions added, never rewritten. */
function upsertOf(docName: string, { editor, clientIds, deletions, at }: EditorActivity): EditorUpsert {
  // Fields the schema defaults to an empty list are created empty when this upsert does not fill them.
  const setOnInsert: Record<string, unknown> = {};
  if (clientIds.length === 0) setOnInsert['clientIds'] = [];
  if (!deletions) setOnInsert['deletions'] = [];
  const update = {
    $set: { kind: editor.kind, refId: editor.refId, name: editor.name, lastEditAt: at },
    ...(clientIds.length ? { $addToSet: { clientIds: { $each: clientIds } } } : {}),
    ...(deletions ? { $push: { deletions: Buffer.from(deletions) } } : {}),
    ...(Object.keys(setOnInsert).length ? { $setOnInsert: setOnInsert } : {}),
  };
  // The driver's types cannot say a pushed Buffer fits a schema-less document.
  return { updateOne: { filter: { docName, editorKey: editor.key }, update, upsert: true } } as EditorUpsert;
}

/** Writes a flush's editors (batched with every other document's of the same turn). */
export async function recordEditors(docName: string, activity: EditorActivity[]): Promise<void> {
  if (activity.length === 0) return;
  await Promise.all(activity.map((entry) => upserts.add(upsertOf(docName, entry))));
  const pushed = activity.filter((entry) => entry.deletions).length;
  if (pushed === 0) return;
  const since = (deletionsSinceCheck.get(docName) ?? 0) + pushed;
  if (since < maxDeletionRecords) {
    deletionsSinceCheck.set(docName, since);
    return;
  }
  deletionsSinceCheck.delete(docName);
  const crowded = await SpaceEditorModel.exists({
    docName,
    [`deletions.${maxDeletionRecords}`]: mongoose.trusted({ $exists: true }),
  });
  if (crowded) await mergeEditorDeletions(docName);
}

/** Forgets the count kept for a document this process frees (the next one to load it starts afresh). */
export function forgetDeletionCount(docName: string): void {
  deletionsSinceCheck.delete(docName);
}

/**
 * Merges each editor's deletion records into one. Conditional on the count read, so a record pushed
 * meanwhile (another flush) is never dropped: that editor is merged at the next occasion instead.
 */
export async function mergeEditorDeletions(docName: string): Promise<void> {
  const editors = await SpaceEditorModel.find(
    { docName, 'deletions.1': mongoose.trusted({ $exists: true }) },
    { deletions: 1 },
  ).lean();
  for (const editor of editors) {
    const merged = encodeDeletions(
      Y.mergeDeleteSets(editor.deletions.map((bytes) => decodeDeletions(bytesOf(bytes)))),
    );
    await SpaceEditorModel.updateOne(
      { _id: editor._id, deletions: mongoose.trusted({ $size: editor.deletions.length }) },
      { $set: { deletions: [Buffer.from(merged)] } },
    );
  }
}

/** Who edited one document: who sent each Yjs client's first edit, and what each person deleted. */
export interface EditorIndex {
  editors: Map<string, Editor & { lastEditAt: Date; deletions: DeleteSet }>;
  byClient: Map<number, string>;
}

/** Reads the editors of a document. A client claimed by two people (never by a real client) stays with the first. */
export async function readEditors(docName: string): Promise<EditorIndex> {
  const records = await SpaceEditorModel.find({ docName }).sort({ _id: 1 }).lean();
  const index: EditorIndex = { editors: new Map(), byClient: new Map() };
  for (const record of records) {
    index.editors.set(record.editorKey, {
      key: record.editorKey,
      kind: record.kind,
      refId: record.refId,
      name: record.name,
      lastEditAt: record.lastEditAt,
      deletions: Y.mergeDeleteSets(record.deletions.map((bytes) => decodeDeletions(bytesOf(bytes)))),
    });
    for (const client of record.clientIds)
      if (!index.byClient.has(client)) index.byClient.set(client, record.editorKey);
  }
  return index;
}
