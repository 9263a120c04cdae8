import * as Y from 'yjs';
import {
  diffPlans,
  notesTreeOf,
  planRoots,
  readPlan,
  type PlanContent,
  type VersionDetail,
} from '@concerto/shared';
import { attributeDifference } from '../collab/changeAttribution.ts';
import type { DocumentRegistry } from '../collab/documentRegistry.ts';
import { readEditors } from '../collab/editorRecords.ts';
import { notesAsText } from '../collab/notesText.ts';
import { bytesOf } from '../collab/storedBytes.ts';
import type { SpaceVersionDocument } from '../models/spaceVersion.ts';
import { presentVersion, type OpenedSpaceHistory } from '../policies/spaceHistoryReads.ts';

/** What a plan document holds, as plain values. */
export function contentOf(doc: Y.Doc): PlanContent {
  return { ...readPlan(doc), notes: notesAsText(doc) };
}

/**
 * A version's content and every change from it to the document as it is now (loaded for the moment if
 * nobody has it open), each credited to the people who made it.
 */
export async function compareWithNow(
  history: OpenedSpaceHistory,
  version: Pick<
    SpaceVersionDocument,
    '_id' | 'createdAt' | 'reason' | 'name' | 'concertationAt' | 'namedBy' | 'authors'
  > & {
    state: unknown;
    stateVector: unknown;
  },
  documents: DocumentRegistry,
): Promise<VersionDetail> {
  const versionDoc = new Y.Doc();
  Y.applyUpdate(versionDoc, bytesOf(version.state));
  const stateVector = Y.decodeStateVector(bytesOf(version.stateVector));
  const docName = String(history.space._id);
  const document = await documents.open(docName);
  try {
    // Edits still in memory are flushed so that their editors are on record too.
    await document.flushEditors();
    const index = await readEditors(docName);
    const before = contentOf(versionDoc);
    const changes = diffPlans(before, contentOf(document.doc)).map((difference) => {
      const keys = attributeDifference(difference, { doc: versionDoc, stateVector }, document.doc, index);
      return {
        ...difference,
        authors: [...keys].flatMap((key) => {
          const editor = index.editors.get(key);
          return editor ? [history.authorView(editor)] : [];
        }),
      };
    });
    const notesTree = notesTreeOf(versionDoc.getXmlFragment(planRoots.notes));
    return { version: presentVersion(version, history), content: { ...before, notesTree }, changes };
  } finally {
    documents.release(document);
    versionDoc.destroy();
  }
}
