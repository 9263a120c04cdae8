import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditAuthorship, decodeDeletions, type Editor } from '../../../server/src/collab/editAuthorship.ts';

const editor = (name: string): Editor => ({
  key: `professional:${name}`,
  kind: 'professional',
  refId: name,
  name,
});
const sophie = editor('sophie');
const nadia = editor('nadia');

/** A server document recording who applied which update, as the collaboration server does. */
function serverDocument() {
  const doc = new Y.Doc();
  const authorship = new EditAuthorship();
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    const origin = transaction.origin as { editor?: Editor } | null;
    if (origin?.editor) authorship.record(origin.editor, transaction);
  });
  return {
    doc,
    authorship,
    apply: (update: Uint8Array, who: Editor) => Y.applyUpdate(doc, update, { editor: who }),
  };
}

describe('EditAuthorship', () => {
  it('credits each editor with the clients she wrote with and the items she deleted, nothing more', () => {
    const server = serverDocument();
    const sophiesDoc = new Y.Doc();
    sophiesDoc.getArray('needs').insert(0, ['Logement', 'Sommeil']);
    server.apply(Y.encodeStateAsUpdate(sophiesDoc), sophie);

    const nadiasDoc = new Y.Doc();
    Y.applyUpdate(nadiasDoc, Y.encodeStateAsUpdate(server.doc));
    const before = Y.encodeStateVector(nadiasDoc);
    nadiasDoc.getArray('needs').delete(0, 1);
    server.apply(Y.encodeStateAsUpdate(nadiasDoc, before), nadia);

    // A third device syncs its whole state (Sophie's items, Nadia's deletion): nothing new, nobody credited.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server.doc));
    server.apply(Y.encodeStateAsUpdate(copy), editor('late'));

    const activity = server.authorship.take();
    expect(activity.map((entry) => [entry.editor.name, entry.clientIds])).toEqual([
      ['sophie', [sophiesDoc.clientID]],
      ['nadia', []],
    ]);
    const deleted = decodeDeletions(activity[1]!.deletions!);
    expect(Y.isDeleted(deleted, Y.createID(sophiesDoc.clientID, 0))).toBe(true);
    expect(Y.isDeleted(deleted, Y.createID(sophiesDoc.clientID, 1))).toBe(false);
    expect(activity[0]!.deletions).toBeNull();
    expect(server.authorship.isEmpty).toBe(true);
  });

  it('keeps activity whose write failed for the next flush', () => {
    const server = serverDocument();
    const sophiesDoc = new Y.Doc();
    sophiesDoc.getText('notes').insert(0, 'Bonjour');
    server.apply(Y.encodeStateAsUpdate(sophiesDoc), sophie);
    const taken = server.authorship.take();
    server.authorship.restore(taken);
    expect(server.authorship.take().map((entry) => entry.clientIds)).toEqual([[sophiesDoc.clientID]]);
  });
});
