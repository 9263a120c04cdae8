import { describe, expect, it } from 'vitest';
import { diffLines, diffPlans, type PlanContent } from '@concerto/shared';

const action = (
  id: string,
  fields: Partial<PlanContent['actions'][number]> = {},
): PlanContent['actions'][number] => ({
  id,
  what: `Action ${id}`,
  owner: null,
  dueDate: null,
  status: 'todo' as const,
  needId: null,
  priority: null,
  answers: [],
  templateKey: null,
  ...fields,
});
const plan = (fields: Partial<PlanContent> = {}): PlanContent => ({
  needs: [],
  goals: [],
  actions: [],
  notes: '',
  ...fields,
});

describe('diffPlans()', () => {
  it('finds needs added, removed and changed by id, whatever their order', () => {
    const before = plan({
      needs: [
        { id: 'a', text: 'Logement', inFamilyWords: false },
        { id: 'b', text: 'Sommeil', inFamilyWords: false },
      ],
    });
    const after = plan({
      needs: [
        { id: 'c', text: 'Alimentation', inFamilyWords: true },
        { id: 'a', text: 'Logement', inFamilyWords: true },
      ],
    });
    expect(diffPlans(before, after).map(({ list, kind, id, fields }) => [list, kind, id, fields])).toEqual([
      ['needs', 'added', 'c', []],
      ['needs', 'changed', 'a', ['inFamilyWords']],
      ['needs', 'removed', 'b', []],
    ]);
  });

  it('compares actions field by field, owner included', () => {
    const before = plan({ actions: [action('x'), action('y')] });
    const after = plan({
      actions: [
        action('x', { status: 'done', owner: { kind: 'professional', id: 'p', name: 'Marc' } }),
        action('y'),
      ],
    });
    expect(diffPlans(before, after)).toMatchObject([
      { list: 'actions', kind: 'changed', id: 'x', fields: ['owner', 'status'] },
    ]);
  });

  it('says nothing when nothing changed', () => {
    const same = plan({ goals: [{ id: 'g', text: 'Un logement', inFamilyWords: false }], notes: 'Ligne\n' });
    expect(diffPlans(same, structuredClone(same))).toEqual([]);
  });

  it('gives the lines of the notes removed and added, ignoring blank lines', () => {
    const changes = diffPlans(
      plan({ notes: 'Un\n\nDeux\nTrois' }),
      plan({ notes: 'Un\nDeux bis\nTrois\nQuatre' }),
    );
    expect(changes).toEqual([
      expect.objectContaining({
        list: 'notes',
        kind: 'changed',
        linesRemoved: ['Deux'],
        linesAdded: ['Deux bis', 'Quatre'],
      }),
    ]);
  });
});

describe('diffLines()', () => {
  it('keeps the longest common part', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e'])).toEqual({ removed: ['b'], added: ['e'] });
    expect(diffLines([], ['a'])).toEqual({ removed: [], added: ['a'] });
    expect(diffLines(['a'], [])).toEqual({ removed: ['a'], added: [] });
  });

  it('compares very long notes as one block rather than spending quadratic time', () => {
    const long = Array.from({ length: 1500 }, (_, index) => `ligne ${index}`);
    const changed = [...long.slice(1), 'fin'];
    expect(diffLines(long, changed)).toEqual({ removed: long, added: changed });
    expect(diffLines(long, [...long])).toEqual({ removed: [], added: [] });
  });
});
