/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type */
import * as Y from 'yjs';
import { planRoots, type PlanDifference } from '@concerto/shared';
import type { DeleteSet } from './editAuthorship.ts';
import type { EditorIndex } from './editorRecords.ts';

type AnyType = Y.AbstractType<any>;

/** The Y.Map of a need, goal or action by its id, or null. */
export function entryMap(doc: Y.Doc, list: 'needs' | 'goals' | 'actions', id: string): Y.Map<unknown> | null {
  for (const entry of doc.getArray<unknown>(planRoots[list]).toArray())
    if (entry instanceof Y.Map && entry.get('id') === id) return entry as Y.Map<unknown>;
  return null;
}

/** Each item of a type: list items in order, and for a map every value a key ever had (newest first). */
function itemsOf(type: AnyType, keys?: readonly string[]): Y.Item[] {
  const items: Y.Item[] = [];
  for (let item = type._start; item; item = item.right) items.push(item);
  type._map.forEach((newest, key) => {
    if (keys && !keys.includes(key)) return;
    for (let item: Y.Item | null = newest; item; item = item.left) items.push(item);
  });
  return items;
}

/** Yjs clients that created items inside `type` after the state vector `since` (an edit made since then). */
export function clientsSince(
  type: AnyType,
  since: Map<number, number>,
  keys?: readonly string[],
): Set<number> {
  const clients = new Set<number>();
  const visit = (current: AnyType, only?: readonly string[]) => {
    for (const item of itemsOf(current, only)) {
      if (item.id.clock + item.length > (since.get(item.id.client) ?? 0)) clients.add(item.id.client);
      if (item.content instanceof Y.ContentType && !item.deleted) visit(item.content.type);
    }
  };
  visit(type, keys);
  return clients;
}

/** Items alive in `type` of an old version, recursively (to find which of them were deleted since). */
function liveItemsOf(type: AnyType, keys?: readonly string[]): Y.Item[] {
  const found: Y.Item[] = [];
  for (const item of itemsOf(type, keys)) {
    if (item.deleted) continue;
    found.push(item);
    if (item.content instanceof Y.ContentType) found.push(...liveItemsOf(item.content.type));
  }
  return found;
}

/** Who deleted an item (by its first or last character): the editor whose recorded deletions hold it. */
function deleterOf(item: Y.Item, index: EditorIndex): string | null {
  const ids = [item.id, Y.createID(item.id.client, item.id.clock + item.length - 1)];
  for (const [key, editor] of index.editors)
    if (ids.some((id) => Y.isDeleted(editor.deletions, id))) return key;
  return null;
}

/** Who deleted the items of an old version's type (or only the values of `keys`) that are deleted now. */
export function deletersSince(
  versionType: AnyType,
  deletedNow: DeleteSet,
  index: EditorIndex,
  keys?: readonly string[],
): Set<string> {
  const deleters = new Set<string>();
  for (const item of liveItemsOf(versionType, keys)) {
    if (
      !Y.isDeleted(deletedNow, item.id) &&
      !Y.isDeleted(deletedNow, Y.createID(item.id.client, item.id.clock + item.length - 1))
    )
      continue;
    const deleter = deleterOf(item, index);
    if (deleter) deleters.add(deleter);
  }
  return deleters;
}

/** The editors behind a set of Yjs clients (clients nobody claimed are left out). */
export function editorsOfClients(clients: Iterable<number>, index: EditorIndex): Set<string> {
  const editors = new Set<string>();
  for (const client of clients) {
    const key = index.byClient.get(client);
    if (key) editors.add(key);
  }
  return editors;
}

/**
 * Who made one difference between a version and now: for what was added or changed, the editors of the
 * items created since the version (in the entry, or in its changed fields); for what was removed, the
 * editors who deleted it. The notes credit both.
 */
export function attributeDifference(
  difference: PlanDifference,
  version: { doc: Y.Doc; stateVector: Map<number, number> },
  current: Y.Doc,
  index: EditorIndex,
): Set<string> {
  const deletedNow = Y.createDeleteSetFromStructStore(current.store);
  if (difference.list === 'notes') {
    const created = clientsSince(current.getXmlFragment(planRoots.notes), version.stateVector);
    const deleters = deletersSince(version.doc.getXmlFragment(planRoots.notes), deletedNow, index);
    return new Set([...editorsOfClients(created, index), ...deleters]);
  }
  const before = entryMap(version.doc, difference.list, difference.id);
  const after = entryMap(current, difference.list, difference.id);
  if (difference.kind === 'removed') {
    const item = before?._item;
    const deleter = item ? deleterOf(item, index) : null;
    return new Set(deleter ? [deleter] : []);
  }
  if (!after) return new Set();
  const keys = difference.kind === 'changed' ? difference.fields : undefined;
  const created = editorsOfClients(clientsSince(after, version.stateVector, keys), index);
  const removedValues = before && keys ? deletersSince(before, deletedNow, index, keys) : new Set<string>();
  return new Set([...created, ...removedValues]);
}
