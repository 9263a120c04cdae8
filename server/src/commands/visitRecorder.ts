import * as Y from 'yjs';
import { planRoots, type VisitMark, type VisitMarks } from '@concerto/shared';
import { clientsSince, editorsOfClients } from '../collab/changeAttribution.ts';
import type { DocumentRegistry } from '../collab/documentRegistry.ts';
import { editorOf } from '../collab/editAuthorship.ts';
import { readEditors, type EditorIndex } from '../collab/editorRecords.ts';
import { bytesOf } from '../collab/storedBytes.ts';
import { SpaceVisitModel } from '../models/spaceVisit.ts';
import type { OpenedSpaceHistory } from '../policies/spaceHistoryReads.ts';

function marksSince(
  doc: Y.Doc,
  since: Map<number, number>,
  index: EditorIndex,
  reader: string,
  history: OpenedSpaceHistory,
) {
  const marks: VisitMark[] = [];
  const authorsOf = (editorKeys: Set<string>) =>
    [...editorKeys].flatMap((key) => {
      const editor = index.editors.get(key);
      return editor ? [history.authorView(editor)] : [];
    });
  for (const list of ['needs', 'goals', 'actions'] as const) {
    for (const entry of doc.getArray<unknown>(planRoots[list]).toArray()) {
      if (!(entry instanceof Y.Map) || typeof entry.get('id') !== 'string') continue;
      const others = editorsOfClients(clientsSince(entry, since), index);
      others.delete(reader);
      if (others.size === 0) continue;
      const created = entry._item ? entry._item.id.clock >= (since.get(entry._item.id.client) ?? 0) : false;
      marks.push({
        list,
        id: String(entry.get('id')),
        kind: created ? 'added' : 'changed',
        authors: authorsOf(others),
      });
    }
  }
  const notesBy = editorsOfClients(clientsSince(doc.getXmlFragment(planRoots.notes), since), index);
  notesBy.delete(reader);
  if (notesBy.size) marks.push({ list: 'notes', id: 'notes', kind: 'changed', authors: authorsOf(notesBy) });
  return marks;
}

/**
 * Records the caller's visit of a space and answers what other people added or changed since her
 * previous one (nothing on a first visit). Her own edits are never marked.
 */
export async function recordVisit(
  history: OpenedSpaceHistory,
  documents: DocumentRegistry,
): Promise<VisitMarks> {
  const reader = editorOf(history.opened.auth)?.key;
  if (!reader) return { since: null, marks: [] };
  const spaceId = history.space._id;
  const document = await documents.open(String(spaceId));
  try {
    await document.flushEditors();
    const previous = await SpaceVisitModel.findOne({ spaceId, readerKey: reader }).lean();
    const marks = previous
      ? marksSince(
          document.doc,
          Y.decodeStateVector(bytesOf(previous.stateVector)),
          await readEditors(String(spaceId)),
          reader,
          history,
        )
      : [];
    await SpaceVisitModel.updateOne(
      { spaceId, readerKey: reader },
      { $set: { visitedAt: new Date(), stateVector: Buffer.from(Y.encodeStateVector(document.doc)) } },
      { upsert: true },
    );
    return { since: previous?.visitedAt.toISOString() ?? null, marks };
  } finally {
    documents.release(document);
  }
}
