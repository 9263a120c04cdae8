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

/** Statuses a member may give an action she carries: started or done, or back to do (never cancelled). */
const memberStatuses: readonly unknown[] = ['todo', 'inProgress', 'done'];

/**
 * Where a struct of the update lands: in a type the document has, in a type the update itself creates,
 * nowhere (next to collected content: Yjs drops it, it changes nothing) or somewhere the document does
 * not know (refused: it would wait in the document, unchecked, for content that may never come).
 */
type Place =
  | { kind: 'existing'; type: Y.AbstractType<any>; key: string | null }
  | { kind: 'created'; parent: Y.Item; key: string | null }
  | { kind: 'dropped' }
  | { kind: 'unknown' };

/** The struct of `structs` (one client's, in clock order) holding `clock`, if any. */
function structAt<T extends Y.AbstractStruct>(structs: readonly T[] | undefined, clock: number): T | null {
  if (!structs) return null;
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = structs[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return null;
}

/**
 * Checks one contributor's update against what she may touch, reading its structs and deletions
 * against the document as it is, without copying the document (the update is applied afterwards only
 * if this says yes).
 */
class ContributionCheck {
  private readonly familyWords: Y.Map<unknown>;
  private readonly comments: Y.Array<unknown>;
  private readonly actions: Y.Array<unknown>;
  private readonly ownWords: unknown;
  private readonly created = new Map<number, Y.Item[]>();
  private readonly verdicts = new Map<Y.Item, boolean>();
  private readonly places = new Map<Y.Item, Place>();
  /** Comments this update adds, with the authors it gives them (each must be hers). */
  private readonly newComments = new Map<Y.Item, unknown[]>();
  /** Her actions whose status this update sets (the previous status may then be deleted). */
  private readonly newStatuses = new Set<Y.AbstractType<any>>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly memberId: string,
    private readonly authorName: string,
  ) {
    this.familyWords = doc.getMap(planRoots.familyWords);
    this.comments = doc.getArray(planRoots.comments);
    this.actions = doc.getArray(planRoots.actions);
    this.ownWords = this.familyWords.get(memberId);
  }

  allows(update: Uint8Array): boolean {
    const { structs, ds } = Y.decodeUpdate(update);
    const fresh: Y.Item[] = [];
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue; // collected or skipped content changes nothing
      const byClient = this.created.get(struct.id.client) ?? [];
      byClient.push(struct);
      this.created.set(struct.id.client, byClient);
      // A struct the document already holds in full is a repeat: applying it changes nothing.
      if (struct.id.clock + struct.length > Y.getState(this.doc.store, struct.id.client)) fresh.push(struct);
    }
    if (!fresh.every((item) => this.insertionAllowed(item))) return false;
    for (const authors of this.newComments.values())
      if (authors.length === 0 || authors.some((author) => author !== this.authorName)) return false;
    for (const [client, deletions] of ds.clients)
      for (const { clock, len } of deletions)
        if (!this.deletionAllowed(client, clock, clock + len)) return false;
    return true;
  }

  private insertionAllowed(item: Y.Item): boolean {
    const known = this.verdicts.get(item);
    if (known !== undefined) return known;
    this.verdicts.set(item, false); // a cycle of references is refused
    const verdict = this.judge(item);
    this.verdicts.set(item, verdict);
    return verdict;
  }

  private judge(item: Y.Item): boolean {
    const place = this.placeOf(item);
    if (place.kind === 'dropped') return true;
    if (place.kind === 'unknown') return false;
    if (place.kind === 'created') {
      if (!this.insertionAllowed(place.parent)) return false;
      const authors = this.newComments.get(place.parent);
      if (authors && place.key === 'author') authors.push(...item.content.getContent());
      return true;
    }
    const { type, key } = place;
    if (type === this.familyWords) return key === this.memberId;
    if (type === this.comments) {
      if (key !== null || !(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map))
        return false;
      this.newComments.set(item, []);
      return true;
    }
    if (isWithin(type, this.comments)) return false; // a comment, once added, is never changed
    if (this.isOwnAction(type) && key === 'status') {
      const values = item.content.getContent();
      if (
        !(item.content instanceof Y.ContentAny) ||
        values.length !== 1 ||
        !memberStatuses.includes(values[0])
      )
        return false;
      this.newStatuses.add(type);
      return true;
    }
    return this.isInOwnWords(type);
  }

  /** Where `item` lands: its parent as written, else the parent of its neighbour, as Yjs resolves it. */
  private placeOf(item: Y.Item): Place {
    const cached = this.places.get(item);
    if (cached) return cached;
    const place = this.resolvePlace(item);
    this.places.set(item, place);
    return place;
  }

  private resolvePlace(item: Y.Item): Place {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      const root = this.doc.share.get(parent);
      return root ? { kind: 'existing', type: root, key: item.parentSub } : { kind: 'unknown' };
    }
    if (parent instanceof Y.ID) {
      const holder = this.find(parent);
      if (holder === 'missing') return { kind: 'unknown' };
      if (holder instanceof Y.GC) return { kind: 'dropped' };
      if (!(holder.content instanceof Y.ContentType)) return { kind: 'unknown' };
      return this.isStored(holder)
        ? { kind: 'existing', type: holder.content.type, key: item.parentSub }
        : { kind: 'created', parent: holder, key: item.parentSub };
    }
    const neighbours = [item.origin, item.rightOrigin].filter((id): id is Y.ID => id !== null);
    if (neighbours.length === 0) return { kind: 'unknown' };
    const found = neighbours.map((id) => this.find(id));
    if (found.includes('missing')) return { kind: 'unknown' };
    if (found.some((struct) => struct instanceof Y.GC)) return { kind: 'dropped' };
    const neighbour = found[0] as Y.Item;
    if (!this.isStored(neighbour)) return this.placeOf(neighbour);
    return { kind: 'existing', type: neighbour.parent as Y.AbstractType<any>, key: neighbour.parentSub };
  }

  private isStored(struct: Y.AbstractStruct): boolean {
    return struct.id.clock < Y.getState(this.doc.store, struct.id.client);
  }

  /** The struct holding `id`: in the document if it has it, else among the update's own. */
  private find(id: Y.ID): Y.Item | Y.GC | 'missing' {
    if (id.clock < Y.getState(this.doc.store, id.client))
      return structAt(this.doc.store.clients.get(id.client), id.clock) ?? 'missing';
    return structAt(this.created.get(id.client), id.clock) ?? 'missing';
  }

  /** Deleting `[from, to)` of `client`: only her words, her entry, or the status she replaces. */
  private deletionAllowed(client: number, from: number, to: number): boolean {
    const stored = Math.min(to, Y.getState(this.doc.store, client));
    // What lies beyond the document's clock must be created by this very update (and was checked).
    for (let clock = Math.max(from, stored); clock < to;) {
      const item = structAt(this.created.get(client), clock);
      if (!item) return false;
      clock = item.id.clock + item.length;
    }
    const structs = this.doc.store.clients.get(client);
    for (let clock = from; clock < stored;) {
      const struct = structAt(structs, clock);
      if (!struct) return false;
      clock = struct.id.clock + struct.length;
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      const type = struct.parent as Y.AbstractType<any>;
      if (type === this.familyWords && struct.parentSub === this.memberId) continue;
      if (this.isInOwnWords(type)) continue;
      if (struct.parentSub === 'status' && this.newStatuses.has(type)) continue;
      return false;
    }
    return true;
  }

  private isOwnAction(type: Y.AbstractType<any>): boolean {
    if (!(type instanceof Y.Map) || type.parent !== this.actions) return false;
    const owner = type.get('owner') as { kind?: unknown; id?: unknown } | undefined;
    return owner?.kind === 'member' && owner.id === this.memberId;
  }

  private isInOwnWords(type: Y.AbstractType<any>): boolean {
    return this.ownWords instanceof Y.AbstractType && isWithin(type, this.ownWords);
  }
}

/**
 * For "contribute" access (a family member who adds their own words and comments but edits nothing
 * else): accepts the update only if every change stays inside that member's entry of `familyWords`, adds
 * comments signed with her own name, or moves the status of an action she carries. The update is read,
 * not applied: nothing of the document is copied, so the check costs what the update weighs.
 */
export function isAllowedContribution(
  doc: Y.Doc,
  update: Uint8Array,
  memberId: string,
  authorName: string,
): boolean {
  try {
    return new ContributionCheck(doc, memberId, authorName).allows(update);
  } catch {
    return false; // an update Yjs cannot read is refused
  }
}
