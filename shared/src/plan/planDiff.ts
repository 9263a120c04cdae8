import type { PlanAction, PlanEntry } from '../collab/planDocument.ts';

/** What a version of a plan holds, as plain values: its lists and its notes as text (one line a paragraph). */
export interface PlanContent {
  needs: PlanEntry[];
  goals: PlanEntry[];
  actions: PlanAction[];
  notes: string;
}

/** One difference between two plans, before anyone is credited with it. */
export interface PlanDifference {
  list: 'needs' | 'goals' | 'actions' | 'notes';
  kind: 'added' | 'removed' | 'changed';
  id: string;
  before: PlanEntry | PlanAction | null;
  after: PlanEntry | PlanAction | null;
  fields: string[];
  linesRemoved: string[];
  linesAdded: string[];
}

/** The id of the notes in a list of differences (they are one rich text, not a list of items). */
export const notesChangeId = 'notes';

/** Past this many line pairs, notes are compared as one block (the line diff is quadratic). */
const maxDiffCells = 1_000_000;

function changedFields(before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('id');
  return [...keys].filter(
    (key) =>
      JSON.stringify((before as Record<string, unknown>)[key]) !==
      JSON.stringify((after as Record<string, unknown>)[key]),
  );
}

function diffList(
  list: 'needs' | 'goals' | 'actions',
  before: (PlanEntry | PlanAction)[],
  after: (PlanEntry | PlanAction)[],
): PlanDifference[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Set(after.map((item) => item.id));
  const base = { list, linesRemoved: [], linesAdded: [] };
  const differences: PlanDifference[] = [];
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) {
      differences.push({ ...base, kind: 'added', id: item.id, before: null, after: item, fields: [] });
      continue;
    }
    const fields = changedFields(previous, item);
    if (fields.length)
      differences.push({ ...base, kind: 'changed', id: item.id, before: previous, after: item, fields });
  }
  for (const item of before)
    if (!now.has(item.id))
      differences.push({ ...base, kind: 'removed', id: item.id, before: item, after: null, fields: [] });
  return differences;
}

/** Lines only in `before` and lines only in `after`, by their longest common subsequence. */
export function diffLines(before: string[], after: string[]): { removed: string[]; added: string[] } {
  if (before.length * after.length > maxDiffCells)
    return before.join('\n') === after.join('\n')
      ? { removed: [], added: [] }
      : { removed: before, added: after };
  const lengths = Array.from({ length: before.length + 1 }, () =>
    new Array<number>(after.length + 1).fill(0),
  );
  for (let i = before.length - 1; i >= 0; i--)
    for (let j = after.length - 1; j >= 0; j--)
      lengths[i]![j] =
        before[i] === after[j]
          ? lengths[i + 1]![j + 1]! + 1
          : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (before[i] === after[j]) {
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) removed.push(before[i++]!);
    else added.push(after[j++]!);
  }
  return { removed: [...removed, ...before.slice(i)], added: [...added, ...after.slice(j)] };
}

const linesOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/**
 * What changed from one plan to another: needs, goals and actions added, removed or changed (compared by
 * id, field by field), and the notes' lines removed and added. Pure: the server credits authors after.
 */
export function diffPlans(before: PlanContent, after: PlanContent): PlanDifference[] {
  const differences = [
    ...diffList('needs', before.needs, after.needs),
    ...diffList('goals', before.goals, after.goals),
    ...diffList('actions', before.actions, after.actions),
  ];
  const notes = diffLines(linesOf(before.notes), linesOf(after.notes));
  if (notes.removed.length || notes.added.length)
    differences.push({
      list: 'notes',
      kind: 'changed',
      id: notesChangeId,
      before: null,
      after: null,
      fields: [],
      linesRemoved: notes.removed,
      linesAdded: notes.added,
    });
  return differences;
}
