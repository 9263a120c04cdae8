import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanActionSchema, planRoots, readPlan } from '@concerto/shared';

function planWith(actions: Record<string, unknown>[]): Y.Doc {
  const doc = new Y.Doc();
  const array = doc.getArray<Y.Map<unknown>>(planRoots.actions);
  array.push(actions.map((fields) => new Y.Map(Object.entries(fields))));
  return doc;
}

const good = {
  id: 'a1',
  what: 'Rendez-vous au CPAS',
  owner: { kind: 'member', id: 'm1', name: 'Amina' },
  dueDate: '2026-12-01',
  status: 'inProgress',
  needId: null,
};

describe('readPlan (read on the phone without the schema library)', () => {
  it('reads well-formed actions as PlanActionSchema describes them, with defaults for missing fields', () => {
    const [read, defaults] = readPlan(planWith([good, { id: 'a2', what: 'Appeler' }])).actions;
    // Fields added for the trimester work default too: plans written before them load as they were.
    const added = { priority: null, answers: [], templateKey: null };
    expect(PlanActionSchema.parse(read)).toEqual({ ...good, ...added });
    expect(defaults).toEqual({
      id: 'a2',
      what: 'Appeler',
      owner: null,
      dueDate: null,
      status: 'todo',
      needId: null,
      ...added,
    });
  });

  it('skips malformed actions, as the schema would refuse them', () => {
    const malformed = [
      { ...good, id: 3 },
      { ...good, status: 'forgotten' },
      { ...good, owner: { kind: 'neighbour', id: null, name: 'X' } },
      { ...good, owner: { kind: 'family', id: null } },
      { ...good, dueDate: 20261201 },
    ];
    for (const action of malformed) {
      expect(PlanActionSchema.safeParse(action).success).toBe(false);
      expect(readPlan(planWith([action])).actions).toEqual([]);
    }
  });
});
