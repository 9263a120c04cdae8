import * as Y from 'yjs';
import { z } from 'zod';

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

/** Who carries an action: a professional, one family member, or "the family" itself. */
export const ActionOwnerSchema = z.object({
  kind: z.enum(['professional', 'member', 'family']),
  id: z.string().nullable(),
  name: z.string(),
});

/** An action of the plan, as read from the document. */
export const PlanActionSchema = z.object({
  id: z.string(),
  what: z.string(),
  owner: ActionOwnerSchema.nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(actionStatuses),
  needId: z.string().nullable(),
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

/** Reads the structured part of a plan document into plain objects (malformed actions are skipped). */
export function readPlan(doc: Y.Doc): { needs: PlanEntry[]; goals: PlanEntry[]; actions: PlanAction[] } {
  const actions: PlanAction[] = [];
  for (const entry of doc.getArray<Y.Map<unknown>>(planRoots.actions).toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const parsed = PlanActionSchema.safeParse({
      id: entry.get('id'),
      what: String(entry.get('what') ?? ''),
      owner: entry.get('owner') ?? null,
      dueDate: entry.get('dueDate') ?? null,
      status: entry.get('status') ?? 'todo',
      needId: entry.get('needId') ?? null,
    });
    if (parsed.success) actions.push(parsed.data);
  }
  return {
    needs: readEntries(doc.getArray<Y.Map<unknown>>(planRoots.needs)),
    goals: readEntries(doc.getArray<Y.Map<unknown>>(planRoots.goals)),
    actions,
  };
}
