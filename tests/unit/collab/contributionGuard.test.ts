import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isAllowedContribution } from '../../../server/src/collab/contributionGuard.ts';

const motherId = 'm'.repeat(24);

/** A plan with one action the mother carries, as the team wrote it. */
function teamPlan(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const action = new Y.Map<unknown>();
    doc.getArray('actions').push([action]);
    action.set('id', 'hers');
    action.set('what', 'Préinscrire en crèche');
    action.set('owner', { kind: 'member', id: motherId, name: 'Maria' });
    action.set('dueDate', null);
    action.set('status', 'todo');
    action.set('needId', null);
    action.set('priority', 'normal');
    action.set('answers', []);
    action.set('templateKey', 'T1.crechePreRegistration');
  });
  return doc;
}

/** The update a member's copy of `doc` sends after `change`. */
function updateFrom(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const herAction = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('actions').get(0);

describe('a family member contributes under the same rules to the new parts of the plan', () => {
  it('she still moves the status of the action she carries', () => {
    const doc = teamPlan();
    const update = updateFrom(doc, (copy) => herAction(copy).set('status', 'inProgress'));
    expect(isAllowedContribution(doc, update, motherId, 'Maria')).toBe(true);
  });

  it('she may not change its priority, the risks it answers, nor where it came from', () => {
    const doc = teamPlan();
    for (const [key, value] of [
      ['priority', 'high'],
      ['answers', ['r1']],
      ['templateKey', null],
    ] as const) {
      const update = updateFrom(doc, (copy) => herAction(copy).set(key, value));
      expect(isAllowedContribution(doc, update, motherId, 'Maria'), key).toBe(false);
    }
  });

  it('she may not write the risks nor the birth plan (the team writes them with her)', () => {
    const doc = teamPlan();
    const risk = updateFrom(doc, (copy) => {
      const entry = new Y.Map<unknown>();
      copy.getArray('risks').push([entry]);
      entry.set('id', 'r1');
      entry.set('text', 'Logement');
    });
    expect(isAllowedContribution(doc, risk, motherId, 'Maria')).toBe(false);
    const birthPlan = updateFrom(doc, (copy) => copy.getMap('birthPlan').set('feeding', 'Biberon'));
    expect(isAllowedContribution(doc, birthPlan, motherId, 'Maria')).toBe(false);
  });
});
