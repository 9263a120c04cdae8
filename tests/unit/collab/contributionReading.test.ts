import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isAllowedContribution } from '../../../server/src/collab/contributionGuard.ts';

const maria = { memberId: 'member-maria', name: 'Maria' };

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map(Object.entries(fields));
}

/** The server's copy of a plan the team wrote: Maria carries one action, the team another. */
function teamPlan(): Y.Doc {
  const server = new Y.Doc();
  server.transact(() => {
    server.getArray('needs').push([entry({ id: 'need-housing', text: 'Logement' })]);
    server.getArray('actions').push([
      entry({
        id: 'hers',
        what: 'Prendre rendez-vous',
        status: 'todo',
        owner: { kind: 'member', id: maria.memberId, name: 'Maria' },
      }),
      entry({
        id: 'team',
        what: 'Appeler le CPAS',
        status: 'todo',
        owner: { kind: 'professional', id: 'p1', name: 'Sophie' },
      }),
    ]);
    server.getArray('comments').push([entry({ id: 'c0', text: 'Bienvenue', author: 'Sophie' })]);
    const words = new Y.Text('Mes mots');
    server.getMap('familyWords').set('member-other', words);
    server.getXmlFragment('notes').insert(0, [new Y.XmlText('Notes de l’équipe')]);
  });
  return server;
}

/**
 * Maria's copy, synced from the server; `edit` makes one change in it and offers the update to the
 * server as the collaboration server does (checked, then applied only when allowed).
 */
function mariaOn(server: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const offer = (update: Uint8Array): boolean => {
    const before = Y.encodeStateAsUpdate(server);
    const allowed = isAllowedContribution(server, update, maria.memberId, maria.name);
    // The check itself never changes the document.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    if (allowed) Y.applyUpdate(server, update);
    return allowed;
  };
  const edit = (change: (doc: Y.Doc) => void): boolean => {
    const updates: Uint8Array[] = [];
    const record = (update: Uint8Array) => updates.push(update);
    doc.on('update', record);
    doc.transact(() => change(doc));
    doc.off('update', record);
    return updates.every(offer);
  };
  return { doc, edit, offer };
}

const action = (doc: Y.Doc, id: string) =>
  doc
    .getArray<Y.Map<unknown>>('actions')
    .toArray()
    .find((candidate) => candidate.get('id') === id)!;

describe('what a contributing member may change in the shared plan', () => {
  it('her own words: written, typed into, cut and replaced', () => {
    const server = teamPlan();
    const { edit } = mariaOn(server);
    expect(edit((doc) => doc.getMap('familyWords').set(maria.memberId, new Y.Text('Je voudrais')))).toBe(
      true,
    );
    const words = () => mariaOn(server).doc.getMap('familyWords').get(maria.memberId) as Y.Text;
    const { edit: edit2, doc } = mariaOn(server);
    const own = doc.getMap('familyWords').get(maria.memberId) as Y.Text;
    expect(edit2(() => own.insert(own.length, ' accoucher près de chez moi'))).toBe(true);
    expect(edit2(() => own.delete(0, 3))).toBe(true);
    expect(words().toString()).toBe('voudrais accoucher près de chez moi');
    expect(edit2((mine) => mine.getMap('familyWords').set(maria.memberId, new Y.Text('Autre chose')))).toBe(
      true,
    );
    expect(words().toString()).toBe('Autre chose');
  });

  it('a comment signed with her name, and the status of the action she carries', () => {
    const server = teamPlan();
    const { edit } = mariaOn(server);
    expect(
      edit((doc) => doc.getArray('comments').push([entry({ id: 'c1', text: 'Merci', author: 'Maria' })])),
    ).toBe(true);
    expect(edit((doc) => action(doc, 'hers').set('status', 'inProgress'))).toBe(true);
    expect(edit((doc) => action(doc, 'hers').set('status', 'done'))).toBe(true);
    expect(edit((doc) => action(doc, 'hers').set('status', 'todo'))).toBe(true);
    expect(server.getArray('comments').length).toBe(2);
    expect(action(server, 'hers').get('status')).toBe('todo');
  });

  it('her whole state on reconnection (what the server has, and her words) passes', () => {
    const server = teamPlan();
    const { doc, offer } = mariaOn(server);
    doc.getMap('familyWords').set(maria.memberId, new Y.Text('Hors ligne'));
    expect(offer(Y.encodeStateAsUpdate(doc))).toBe(true);
    expect((server.getMap('familyWords').get(maria.memberId) as Y.Text).toString()).toBe('Hors ligne');
  });
});

describe('what she may not change: refused, and the server document stays as it was', () => {
  const refusals: [string, (doc: Y.Doc) => void][] = [
    [
      'another member’s words',
      (doc) => (doc.getMap('familyWords').get('member-other') as Y.Text).insert(0, 'x'),
    ],
    [
      'words under another member’s name',
      (doc) => doc.getMap('familyWords').set('member-other', new Y.Text('x')),
    ],
    [
      'a comment signed with another name',
      (doc) => doc.getArray('comments').push([entry({ text: 'x', author: 'Sophie' })]),
    ],
    ['a comment with no author', (doc) => doc.getArray('comments').push([entry({ text: 'x' })])],
    ['a comment that is not an entry', (doc) => doc.getArray('comments').push(['texte nu'])],
    ['deleting a comment', (doc) => doc.getArray('comments').delete(0, 1)],
    [
      'changing an existing comment',
      (doc) => (doc.getArray('comments').get(0) as Y.Map<unknown>).set('text', 'x'),
    ],
    ['cancelling her action', (doc) => action(doc, 'hers').set('status', 'cancelled')],
    ['rewording her action', (doc) => action(doc, 'hers').set('what', 'x')],
    ['removing her action’s status', (doc) => action(doc, 'hers').delete('status')],
    ['the status of the team’s action', (doc) => action(doc, 'team').set('status', 'done')],
    ['adding an action', (doc) => doc.getArray('actions').push([entry({ id: 'forged', what: 'x' })])],
    ['deleting an action', (doc) => doc.getArray('actions').delete(0, 1)],
    ['a need', (doc) => (doc.getArray('needs').get(0) as Y.Map<unknown>).set('text', 'x')],
    ['the team’s notes', (doc) => doc.getXmlFragment('notes').insert(0, [new Y.XmlText('x')])],
    ['a part the plan does not have', (doc) => doc.getMap('elsewhere').set('x', 1)],
  ];
  it.each(refusals)('%s', (_label, change) => {
    const server = teamPlan();
    const before = Y.encodeStateAsUpdate(server);
    expect(mariaOn(server).edit(change)).toBe(false);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  it('an edit next to content the server does not have, and bytes that are not an update', () => {
    const server = teamPlan();
    const { doc, edit, offer } = mariaOn(server);
    // A teammate's entry reached her but not the server (lost with an instance): hers is placed on it.
    const teammate = new Y.Doc();
    Y.applyUpdate(teammate, Y.encodeStateAsUpdate(doc));
    teammate.getArray('needs').push([entry({ id: 'need-unsaved', text: 'Non enregistré' })]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(doc)));
    expect(edit((mine) => (mine.getArray('needs').get(1) as Y.Map<unknown>).set('text', 'x'))).toBe(false);
    expect(offer(new Uint8Array([1, 2, 3, 250, 7]))).toBe(false);
    expect(server.getArray('needs').length).toBe(1);
  });
});
