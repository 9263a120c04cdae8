import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBirthPlan, readPlan, readRisks } from '@concerto/shared';

/** An action as documents written before priorities, risks and templates stored it. */
function oldDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const action = new Y.Map<unknown>();
    doc.getArray('actions').push([action]);
    action.set('id', 'a1');
    action.set('what', 'Visite à domicile');
    action.set('owner', null);
    action.set('dueDate', null);
    action.set('status', 'todo');
    action.set('needId', null);
  });
  return doc;
}

describe('plans written before the trimester work', () => {
  it('still load: actions get no priority, answer no risk, come from no template; no risks, an empty birth plan', () => {
    const doc = oldDocument();
    expect(readPlan(doc).actions).toEqual([
      {
        id: 'a1',
        what: 'Visite à domicile',
        owner: null,
        dueDate: null,
        status: 'todo',
        needId: null,
        priority: null,
        answers: [],
        templateKey: null,
      },
    ]);
    expect(readRisks(doc)).toEqual([]);
    expect(Object.values(readBirthPlan(doc)).every((text) => text === '')).toBe(true);
  });

  it('new fields are read, and values this version does not know are dropped, not the action', () => {
    const doc = oldDocument();
    const action = doc.getArray<Y.Map<unknown>>('actions').get(0);
    action.set('priority', 'high');
    action.set('answers', ['r1', 42]);
    action.set('templateKey', 'T1.screening');
    expect(readPlan(doc).actions[0]).toMatchObject({
      priority: 'high',
      answers: ['r1'],
      templateKey: 'T1.screening',
    });
    action.set('priority', 'urgent!');
    expect(readPlan(doc).actions[0]).toMatchObject({ id: 'a1', priority: null });
    const risk = new Y.Map<unknown>();
    doc.getArray('risks').push([risk]);
    risk.set('id', 'r1');
    risk.set('text', 'Logement insalubre');
    risk.set('indicatorKey', 'housing');
    doc.getMap('birthPlan').set('feeding', 'Allaitement');
    expect(readRisks(doc)).toEqual([{ id: 'r1', text: 'Logement insalubre', indicatorKey: 'housing' }]);
    expect(readBirthPlan(doc).feeding).toBe('Allaitement');
  });
});
