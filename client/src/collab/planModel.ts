import * as Y from 'yjs';
import {
  planExtraRoots,
  planRoots,
  readPlan,
  type ActionPriority,
  type BirthPlanTopic,
  type PlanAction,
} from '@concerto/shared';

/** Who carries an action of the plan. */
export type ActionOwner = NonNullable<PlanAction['owner']>;

function newId(): string {
  return crypto.randomUUID();
}

/** The structured lists of a plan document. */
export function planLists(doc: Y.Doc) {
  return {
    needs: doc.getArray<Y.Map<unknown>>(planRoots.needs),
    goals: doc.getArray<Y.Map<unknown>>(planRoots.goals),
    actions: doc.getArray<Y.Map<unknown>>(planRoots.actions),
    familyWords: doc.getMap<Y.Text>(planRoots.familyWords),
    comments: doc.getArray<Y.Map<unknown>>(planRoots.comments),
    risks: doc.getArray<Y.Map<unknown>>(planExtraRoots.risks),
    birthPlan: doc.getMap<unknown>(planExtraRoots.birthPlan),
  };
}

/** Adds a need or a goal; `inFamilyWords` marks text the family said in its own words. */
export function addEntry(
  doc: Y.Doc,
  list: 'needs' | 'goals',
  text: string,
  inFamilyWords: boolean,
  author: string,
): string {
  const id = newId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    planLists(doc)[list].push([entry]);
    entry.set('id', id);
    entry.set('text', text);
    entry.set('inFamilyWords', inFamilyWords);
    entry.set('author', author);
  });
  return id;
}

/** Adds an action: what, who carries it, by when; its priority, the risks it answers, its template. */
export function addAction(
  doc: Y.Doc,
  action: {
    what: string;
    owner: ActionOwner | null;
    dueDate: string | null;
    needId?: string | null;
    priority?: ActionPriority | null;
    answers?: string[];
    templateKey?: string | null;
  },
): string {
  const id = newId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    planLists(doc).actions.push([entry]);
    entry.set('id', id);
    entry.set('what', action.what);
    entry.set('owner', action.owner);
    entry.set('dueDate', action.dueDate);
    entry.set('status', 'todo');
    entry.set('needId', action.needId ?? null);
    entry.set('priority', action.priority ?? null);
    entry.set('answers', action.answers ?? []);
    entry.set('templateKey', action.templateKey ?? null);
  });
  return id;
}

/** Adds a risk the plan answers, optionally naming the (social) indicator it comes from. */
export function addRisk(doc: Y.Doc, text: string, indicatorKey: string | null): string {
  const id = newId();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    planLists(doc).risks.push([entry]);
    entry.set('id', id);
    entry.set('text', text);
    entry.set('indicatorKey', indicatorKey);
  });
  return id;
}

/** Writes one topic of the birth plan (an empty text removes it). */
export function setBirthPlanTopic(doc: Y.Doc, topic: BirthPlanTopic, text: string): void {
  const birthPlan = planLists(doc).birthPlan;
  if (text) birthPlan.set(topic, text);
  else birthPlan.delete(topic);
}

function findEntry(
  array: Y.Array<Y.Map<unknown>>,
  id: string,
): { entry: Y.Map<unknown>; index: number } | null {
  const index = array.toArray().findIndex((entry) => entry.get('id') === id);
  return index < 0 ? null : { entry: array.get(index), index };
}

/** Changes fields of an entry (need, goal or action) in place; each field merges on its own. */
export function updateEntry(
  doc: Y.Doc,
  list: 'needs' | 'goals' | 'actions' | 'risks',
  id: string,
  fields: Record<string, unknown>,
): void {
  const found = findEntry(planLists(doc)[list], id);
  if (!found) return;
  doc.transact(() => Object.entries(fields).forEach(([key, value]) => found.entry.set(key, value)));
}

/** Removes an entry from a list. */
export function removeEntry(doc: Y.Doc, list: 'needs' | 'goals' | 'actions' | 'risks', id: string): void {
  const found = findEntry(planLists(doc)[list], id);
  if (found) planLists(doc)[list].delete(found.index, 1);
}

/** The Y.Text where one family member writes "in my words", created on first use. */
export function familyWordsOf(doc: Y.Doc, memberId: string): Y.Text {
  const words = planLists(doc).familyWords;
  let text = words.get(memberId);
  if (!(text instanceof Y.Text)) {
    text = new Y.Text();
    words.set(memberId, text);
  }
  return text;
}

/** Appends a comment by the current user. */
export function addComment(doc: Y.Doc, text: string, author: string): void {
  doc.transact(() => {
    const comment = new Y.Map<unknown>();
    planLists(doc).comments.push([comment]);
    comment.set('id', newId());
    comment.set('text', text);
    comment.set('author', author);
    comment.set('at', new Date().toISOString());
  });
}

/** The plan as plain objects for display (re-read on each document change). */
export { readPlan };
