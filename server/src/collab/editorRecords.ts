import mongoose from 'mongoose';
import * as Y from 'yjs';
import { SpaceEditorModel } from '../models/spaceEditor.ts';
import { bytesOf } from './storedBytes.ts';
import {
  decodeDeletions,
  encodeDeletions,
  type DeleteSet,
  type Editor,
  type EditorActivity,
} from './editAuthorship.ts';

/** Beyond this many deletion records, an editor's are merged at once (compaction merges them anyway). */
const maxDeletionRecords = 64;

/** Writes a flush's editors: one upsert each, adding her clients and her deletions, never rewriting. */
export async function recordEditors(docName: string, activity: EditorActivity[]): Promise<void> {
  if (activity.length === 0) return;
  await SpaceEditorModel.bulkWrite(
    activity.map(({ editor, clientIds, deletions, at }) => ({
      updateOne: {
        filter: { docName, editorKey: editor.key },
        update: {
          $set: { kind: editor.kind, refId: editor.refId, name: editor.name, lastEditAt: at },
          $addToSet: { clientIds: { $each: clientIds } },
          ...(deletions ? { $push: { deletions: Buffer.from(deletions) } } : {}),
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  const crowded = await SpaceEditorModel.exists({
    docName,
    [`deletions.${maxDeletionRecords}`]: mongoose.trusted({ $exists: true }),
  });
  if (crowded) await mergeEditorDeletions(docName);
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
