import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesTreeOf, replaceNotes, type PlanChange, type VersionDetail } from '@concerto/shared';
import { openSynced, type CollabTestClient } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;

/** A paragraph of the notes as the editor writes it: text, part of it in bold. */
function writeParagraph(doc: Y.Doc, plain: string, bold: string): void {
  const text = new Y.XmlText();
  text.insert(0, plain);
  text.insert(plain.length, bold, { bold: {} });
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  const notes = doc.getXmlFragment('notes');
  notes.insert(notes.length, [paragraph]);
}

/** Waits until the server has stored every edit of `client`. */
async function settled(client: CollabTestClient): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await server.collab.registry.flushAll();
  expect(client.closeCode).toBeNull();
}

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_COLLAB_COMPACT_AFTER: '2' });
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Assistante' });
});
afterAll(() => server.dispose());

describe('restoring the notes from an old version', () => {
  it('brings back their text and formatting as a new edit; the versions kept stay as they were', async () => {
    const family = await buildFamily(midwife.client);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
    const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    const plan = spaces.find((space) => space.kind === 'sharedPlan')!.id;
    const history = `/families/${family.id}/spaces/${plan}/history`;

    const sophie = await openSynced(server.url, plan, midwife.client.credentials);
    writeParagraph(sophie.doc, 'Rendez-vous CPAS : ', 'mardi 10 h');
    writeParagraph(sophie.doc, 'Logement : ', 'demande introduite');
    await settled(sophie);
    const named = await midwife.client.post(history, { name: 'Avant la concertation du 12 mars' });
    expect(named.status).toBe(201);
    const kept = notesTreeOf(sophie.doc.getXmlFragment('notes'));

    // Nadia rewrites the notes: one paragraph removed, another one added.
    const nadia = await openSynced(server.url, plan, socialWorker.client.credentials);
    const notes = nadia.doc.getXmlFragment('notes');
    notes.delete(1, 1);
    writeParagraph(nadia.doc, 'Crèche : ', 'place trouvée');
    await settled(nadia);

    const before = (await midwife.client.get(`${history}/${named.body.id}`)).body as VersionDetail;
    const change = before.changes.find((candidate) => candidate.list === 'notes') as PlanChange;
    expect(change).toMatchObject({
      linesRemoved: ['Logement : demande introduite'],
      linesAdded: ['Crèche : place trouvée'],
      authors: [{ name: 'Nadia Assistante' }],
    });
    expect(before.content.notesTree).toEqual(kept);
    const versionsBefore = (await midwife.client.get(history)).body.versions;

    // Sophie restores the notes of the named version in her live document, as the history page does.
    replaceNotes(sophie.doc.getXmlFragment('notes'), before.content.notesTree);
    await settled(sophie);
    expect(notesTreeOf(nadia.doc.getXmlFragment('notes'))).toEqual(kept);
    const bold = (nadia.doc.getXmlFragment('notes').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(bold.toDelta()).toEqual([
      { insert: 'Rendez-vous CPAS : ' },
      { insert: 'mardi 10 h', attributes: { bold: {} } },
    ]);

    const after = (await midwife.client.get(`${history}/${named.body.id}`)).body as VersionDetail;
    expect(after.changes.filter((candidate) => candidate.list === 'notes')).toEqual([]);
    // The versions are the same ones, holding the same content: history was added to, never rewritten.
    const versionsAfter = (await midwife.client.get(history)).body;
    expect(versionsAfter.versions).toEqual(versionsBefore);
    expect(after.content).toEqual(before.content);
    expect(versionsAfter.editedSince.map((author: { name: string }) => author.name)).toEqual(
      expect.arrayContaining(['Sophie Sage-femme', 'Nadia Assistante']),
    );
    sophie.close();
    nadia.close();
  });
});
