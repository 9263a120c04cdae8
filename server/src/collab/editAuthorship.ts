import * as Y from 'yjs';
import { memberIdOf, professionalIdOf } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';

/** A Yjs delete set (the type is not exported by name). */
export type DeleteSet = Y.Transaction['deleteSet'];

/** Who sent an edit, from the authenticated connection it came through (never from the edit itself). */
export interface Editor {
  key: string;
  kind: 'professional' | 'familyMember';
  refId: string;
  name: string;
}

/** The editor behind a session: a professional or a family member (an admin edits no family space). */
export function editorOf(auth: AuthContext): Editor | null {
  const userId = professionalIdOf(auth.actor);
  if (userId)
    return { key: `professional:${userId}`, kind: 'professional', refId: userId, name: auth.displayName };
  const memberId = memberIdOf(auth.actor);
  if (memberId)
    return { key: `familyMember:${memberId}`, kind: 'familyMember', refId: memberId, name: auth.displayName };
  return null;
}

/** What one editor did in a document since the last flush: the Yjs clients she wrote with, what she deleted. */
export interface EditorActivity {
  editor: Editor;
  clientIds: number[];
  /** Her deletions, as one encoded Yjs delete set (null when she deleted nothing). */
  deletions: Uint8Array | null;
  at: Date;
}

/** Encodes a delete set alone (as a snapshot with no state vector, which Yjs knows how to read back). */
export function encodeDeletions(deletions: DeleteSet): Uint8Array {
  return Y.encodeSnapshot(Y.createSnapshot(deletions, new Map()));
}

/** Reads back what `encodeDeletions` wrote. */
export function decodeDeletions(bytes: Uint8Array): DeleteSet {
  return Y.decodeSnapshot(bytes).ds;
}

/**
 * Collects who changed a loaded document between two flushes, from each transaction's origin: the
 * clients whose clock moved (the items they created) and the items deleted. Yjs records neither author
 * nor deleter, so this is the server's equivalent of `Y.PermanentUserData`, kept out of the document.
 */
export class EditAuthorship {
  private pending = new Map<
    string,
    { editor: Editor; clientIds: Set<number>; deletions: DeleteSet[]; at: Date }
  >();

  /** Notes one applied transaction of `editor`; one that changed nothing (a sync of known state) is no edit. */
  record(editor: Editor, transaction: Y.Transaction): void {
    const clients = [...transaction.afterState]
      .filter(([client, clock]) => clock > (transaction.beforeState.get(client) ?? 0))
      .map(([client]) => client);
    const deleted = transaction.deleteSet.clients.size > 0;
    if (clients.length === 0 && !deleted) return;
    let entry = this.pending.get(editor.key);
    if (!entry) {
      entry = { editor, clientIds: new Set(), deletions: [], at: new Date() };
      this.pending.set(editor.key, entry);
    }
    entry.editor = editor;
    entry.at = new Date();
    clients.forEach((client) => entry.clientIds.add(client));
    if (deleted) entry.deletions.push(Y.mergeDeleteSets([transaction.deleteSet]));
  }

  /** Whether anything waits to be written. */
  get isEmpty(): boolean {
    return this.pending.size === 0;
  }

  /** Hands over what was collected since the last call (to be written with the flushed edits). */
  take(): EditorActivity[] {
    const taken = [...this.pending.values()].map(({ editor, clientIds, deletions, at }) => ({
      editor,
      clientIds: [...clientIds],
      deletions: deletions.length ? encodeDeletions(Y.mergeDeleteSets(deletions)) : null,
      at,
    }));
    this.pending.clear();
    return taken;
  }

  /** Puts back activity whose write failed, to be written with the next flush. */
  restore(activities: EditorActivity[]): void {
    for (const activity of activities) {
      const entry = this.pending.get(activity.editor.key);
      const deletions = activity.deletions ? [decodeDeletions(activity.deletions)] : [];
      if (!entry) {
        this.pending.set(activity.editor.key, {
          editor: activity.editor,
          clientIds: new Set(activity.clientIds),
          deletions,
          at: activity.at,
        });
        continue;
      }
      activity.clientIds.forEach((client) => entry.clientIds.add(client));
      entry.deletions.push(...deletions);
    }
  }
}
