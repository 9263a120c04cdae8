import * as Y from 'yjs';
import {
  planRoots,
  replaceNotes,
  type PlanAction,
  type PlanChange,
  type PlanEntry,
  type VersionDetail,
} from '@concerto/shared';
import { planLists, updateEntry } from './planModel.ts';

/** Whether a change can be brought back: a need, goal or action removed or changed, or the notes changed. */
export function isRestorable(change: PlanChange): boolean {
  if (change.list === 'notes') return change.kind === 'changed';
  return change.kind !== 'added' && change.before !== null;
}

/**
 * Brings one item back as it was in a version (`content`): a removed need, goal or action comes back under
 * its own id (so actions find their need again), a changed one gets its old fields back, the notes get the
 * version's text with its structure and formatting. A new edit through the live document, by whoever
 * restores it; the history itself is never rewritten.
 */
export function restoreItem(doc: Y.Doc, change: PlanChange, content: VersionDetail['content']): void {
  if (!isRestorable(change)) return;
  if (change.list === 'notes') return replaceNotes(doc.getXmlFragment(planRoots.notes), content.notesTree);
  const before = change.before as PlanEntry | PlanAction;
  const list = planLists(doc)[change.list];
  const present = list.toArray().some((entry) => entry.get('id') === before.id);
  if (change.kind === 'changed' && present) {
    const fields = Object.fromEntries(
      change.fields.map((field) => [field, (before as unknown as Record<string, unknown>)[field] ?? null]),
    );
    updateEntry(doc, change.list, before.id, fields);
    return;
  }
  if (present) return;
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    list.push([entry]);
    for (const [key, value] of Object.entries(before)) entry.set(key, value);
  });
}
