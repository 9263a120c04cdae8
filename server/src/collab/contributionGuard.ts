/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type */
import * as Y from 'yjs';
import { planRoots } from '@concerto/shared';

/** Whether `type` sits inside the tree rooted at `ancestor`. */
function isWithin(type: Y.AbstractType<any>, ancestor: Y.AbstractType<any>): boolean {
  let current: Y.AbstractType<any> | null = type;
  while (current) {
    if (current === ancestor) return true;
    current = (current._item?.parent as Y.AbstractType<any> | undefined) ?? null;
  }
  return false;
}

/**
 * Comments may only be added, each signed with the author's own name: no deleting or editing others'.
 * Maps created in the same transaction may be filled in; any other change inside `comments` is refused.
 */
function commentsChangesAllowed(
  events: Y.YEvent<any>[],
  comments: Y.Array<unknown>,
  authorName: string,
): boolean {
  const added = new Set<Y.AbstractType<any>>();
  for (const event of events) {
    if (event.target !== comments) continue;
    if (event.changes.deleted.size > 0) return false;
    for (const item of event.changes.added) {
      for (const content of item.content.getContent()) {
        if (!(content instanceof Y.Map) || content.get('author') !== authorName) return false;
        added.add(content);
      }
    }
  }
  return events.every(
    (event) => event.target === comments || [...added].some((map) => isWithin(event.target, map)),
  );
}

/** Statuses a member may give an action she carries: started or done, or back to do (never cancelled). */
const memberStatuses: readonly unknown[] = ['todo', 'inProgress', 'done'];

/** Whether a change of `keys` on `type` is only the status of an action this member carries. */
function isOwnActionStatus(
  type: Y.AbstractType<any>,
  keys: Set<string | null>,
  actions: Y.Array<unknown>,
  memberId: string,
): boolean {
  if (!(type instanceof Y.Map) || type.parent !== actions) return false;
  if ([...keys].some((key) => key !== 'status')) return false;
  const owner = type.get('owner') as { kind?: unknown; id?: unknown } | undefined;
  return owner?.kind === 'member' && owner.id === memberId && memberStatuses.includes(type.get('status'));
}

/**
 * For "contribute" access (a family member who adds their own words and comments but edits nothing
 * else): applies the update to a copy of the document and accepts it only if every change stays inside
 * that member's entry of `familyWords`, adds comments signed with her own name, or moves the status of
 * an action she carries.
 */
export function isAllowedContribution(
  doc: Y.Doc,
  update: Uint8Array,
  memberId: string,
  authorName: string,
): boolean {
  const probe = new Y.Doc({ gc: false });
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  const familyWords = probe.getMap<unknown>(planRoots.familyWords);
  const comments = probe.getArray<unknown>(planRoots.comments);
  const actions = probe.getArray<unknown>(planRoots.actions);
  const ownWords = () => familyWords.get(memberId);
  let allowed = true;
  comments.observeDeep((events) => {
    if (!commentsChangesAllowed(events, comments, authorName)) allowed = false;
  });
  probe.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      if (type === (familyWords as Y.AbstractType<any>)) {
        if ([...keys].some((key) => key !== memberId)) allowed = false;
        continue;
      }
      if (isWithin(type, comments)) continue;
      if (isOwnActionStatus(type, keys, actions, memberId)) continue;
      const own = ownWords();
      if (own instanceof Y.AbstractType && isWithin(type, own)) continue;
      allowed = false;
    }
  });
  try {
    Y.applyUpdate(probe, update);
  } catch {
    allowed = false;
  }
  probe.destroy();
  return allowed;
}
