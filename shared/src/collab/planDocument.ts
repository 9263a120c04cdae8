import * as Y from 'yjs';
import { z } from 'zod';
import { actionPriorities, readAnswers, readPriority } from '../plan/planExtras.ts';

/** Names of the shared types in a care plan document (the shared plan space). */
export const planRoots = {
  needs: 'needs',
  goals: 'goals',
  actions: 'actions',
  /** Rich-text notes edited with Tiptap (a Y.XmlFragment). */
  notes: 'notes',
  /** memberId -> Y.Text: what each family member wrote "in my words". */
  familyWords: 'familyWords',
  /** Comments appended by anyone in the audience. */
  comments: 'comments',
} as const;

/** Statuses of an action of the plan. */
export const actionStatuses = ['todo', 'inProgress', 'done', 'cancelled'] as const;

/** Kinds of owner of an action. */
export const actionOwnerKinds = ['professional', 'member', 'family'] as const;

/** Who carries an action: a professional, one family member, or "the family" itself. */
export const ActionOwnerSchema = z.object({
  kind: z.enum(actionOwnerKinds),
  id: z.string().nullable(),
  name: z.string(),
});

/** An action of the plan, as read from the document. */
export const PlanActionSchema = z.object({
  id: z.string(),
  what: z.string(),
  owner: z.nullable(ActionOwnerSchema),
  dueDate: z.string().nullable(),
  status: z.enum(actionStatuses),
  needId: z.string().nullable(),
  /** How urgent it is; null when nobody said (plans written before priorities). */
  priority: z.enum(actionPriorities).nullable(),
  /** Ids of the plan's risks this action answers. */
  answers: z.array(z.string()),
  /** The ready-made action it was added from (`templates.item.<key>`), if any. */
  templateKey: z.string().nullable(),
});

/** An action of the plan. */
export type PlanAction = z.infer<typeof PlanActionSchema>;

/** A need or a goal: its text and whether it is in the family's own words. */
export interface PlanEntry {
  id: string;
  text: string;
  inFamilyWords: boolean;
}

function readEntries(array: Y.Array<Y.Map<unknown>>): PlanEntry[] {
  return array.toArray().map((entry) => ({
    id: String(entry.get('id') ?? ''),
    text: String(entry.get('text') ?? ''),
    inFamilyWords: entry.get('inFamilyWords') === true,
  }));
}

// Written without the schema library on purpose: a family member's phone reads the plan with this, and
// the plan page then downloads no validation code. `PlanActionSchema` describes the same shape.
function readOwner(value: unknown): PlanAction['owner'] | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return undefined;
  const { kind, id, name } = value as Record<string, unknown>;
  if (!(actionOwnerKinds as readonly unknown[]).includes(kind)) return undefined;
  if (typeof name !== 'string' || (id !== null && typeof id !== 'string')) return undefined;
  return { kind: kind as NonNullable<PlanAction['owner']>['kind'], id, name };
}

function nullableString(value: unknown): string | null | undefined {
  return value === null || value === undefined ? null : typeof value === 'string' ? value : undefined;
}

function readAction(entry: Y.Map<unknown>): PlanAction | null {
  const id = entry.get('id');
  const status = entry.get('status') ?? 'todo';
  const owner = readOwner(entry.get('owner'));
  const dueDate = nullableString(entry.get('dueDate'));
  const needId = nullableString(entry.get('needId'));
  if (typeof id !== 'string' || !(actionStatuses as readonly unknown[]).includes(status)) return null;
  if (owner === undefined || dueDate === undefined || needId === undefined) return null;
  const what = String(entry.get('what') ?? '');
  // Fields added later default, so that older plans (and unknown values) still load their actions.
  const templateKey = entry.get('templateKey');
  return {
    id,
    what,
    owner,
    dueDate,
    status: status as PlanAction['status'],
    needId,
    priority: readPriority(entry.get('priority')),
    answers: readAnswers(entry.get('answers')),
    templateKey: typeof templateKey === 'string' ? templateKey : null,
  };
}

/** Reads the structured part of a plan document into plain objects (malformed actions are skipped). */
export function readPlan(doc: Y.Doc): { needs: PlanEntry[]; goals: PlanEntry[]; actions: PlanAction[] } {
  const actions: PlanAction[] = [];
  for (const entry of doc.getArray<Y.Map<unknown>>(planRoots.actions).toArray()) {
    const action = entry instanceof Y.Map ? readAction(entry) : null;
    if (action) actions.push(action);
  }
  return {
    needs: readEntries(doc.getArray<Y.Map<unknown>>(planRoots.needs)),
    goals: readEntries(doc.getArray<Y.Map<unknown>>(planRoots.goals)),
    actions,
  };
}
