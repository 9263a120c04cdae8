import * as Y from 'yjs';
import type { PlanAction, PlanChange, PlanEntry } from '@concerto/shared';
import { planLists, updateEntry } from './planModel.ts';

/** Whether a change can be undone item by item (a need, goal or action removed or changed; not the notes). */
export function isRestorable(change: PlanChange): boolean {
  return change.list !== 'notes' && change.kind !== 'added' && change.before !== null;
}

/**
 * Brings one item back as it was in a version: a removed need, goal or action comes back under its own
 * id (so actions find their need again), a changed one gets its old fields back. A new edit through the
 * live document, by whoever restores it; the history itself is never rewritten.
 */
export function restoreItem(doc: Y.Doc, change: PlanChange): void {
  if (!isRestorable(change) || change.list === 'notes') return;
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
