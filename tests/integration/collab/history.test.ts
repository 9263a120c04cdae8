import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabUpdateModel } from '../../../server/src/models/collabUpdate.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import { openSynced, waitFor, type CollabTestClient } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let outsider: BuiltProfessional;

const open = (client: TestApiClient, spaceId: string) => openSynced(server.url, spaceId, client.credentials);

function addEntry(doc: Y.Doc, list: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    doc.getArray(list).push([entry]);
    for (const [key, value] of Object.entries(fields)) entry.set(key, value);
  });
}

const find = (doc: Y.Doc, list: string, id: string) => {
  const index = (doc.getArray(list).toArray() as Y.Map<unknown>[]).findIndex(
    (entry) => entry.get('id') === id,
  );
  return { index, entry: doc.getArray(list).get(index) as Y.Map<unknown> };
};

function writeNote(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const notes = doc.getXmlFragment('notes');
  notes.insert(notes.length, [paragraph]);
}

/** Waits until the server has stored every edit of `client` (its state is the server's). */
async function settled(client: CollabTestClient): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await server.collab.registry.flushAll();
  expect(client.closeCode).toBeNull();
}

async function spacesOf(familyId: string) {
  const spaces = (await midwife.client.get(`/families/${familyId}/spaces`)).body as {
    id: string;
    kind: string;
  }[];
  return {
    plan: spaces.find((space) => space.kind === 'sharedPlan')!.id,
    teamNotes: spaces.find((space) => space.kind === 'teamNotes')!.id,
  };
}

beforeAll(async () => {
  // Compaction after two records: the versions must outlive the update records they came from.
  server = await startTestServer({ CONCERTO_COLLAB_COMPACT_AFTER: '2' });
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Assistante' });
  outsider = await buildProfessional(server.url, { healthRole: 'A' });
});
afterAll(() => server.dispose());

describe('the history of the plan', () => {
  it('lists versions with their authors and shows who changed what since, after compaction', async () => {
    const family = await buildFamily(midwife.client);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
    const { plan } = await spacesOf(family.id);
    const base = `/families/${family.id}/spaces/${plan}/history`;

    const sophie = await open(midwife.client, plan);
    addEntry(sophie.doc, 'needs', { id: 'need-housing', text: 'Logement', inFamilyWords: false });
    addEntry(sophie.doc, 'needs', { id: 'need-food', text: 'Alimentation', inFamilyWords: false });
    addEntry(sophie.doc, 'actions', {
      id: 'action-cpas',
      what: 'Appeler le CPAS',
      owner: null,
      dueDate: null,
      status: 'todo',
      needId: 'need-housing',
    });
    await settled(sophie);
    const named = await midwife.client.post(base, { name: 'Avant la concertation du 12 mars' });
    expect(named.status).toBe(201);
    // Her first edits already made the first automatic version, which credits her.
    expect(named.body.authors).toEqual([]);

    const nadia = await open(socialWorker.client, plan);
    await waitFor(() => nadia.doc.getArray('needs').length === 2, 5000, 'Nadia sees the needs');
    find(nadia.doc, 'needs', 'need-housing').entry.set('text', 'Logement stable');
    nadia.doc.getArray('actions').delete(find(nadia.doc, 'actions', 'action-cpas').index, 1);
    addEntry(nadia.doc, 'goals', {
      id: 'goal-home',
      text: 'Un logement avant la naissance',
      inFamilyWords: true,
    });
    writeNote(nadia.doc, 'Dossier CPAS ouvert');
    await settled(nadia);
    sophie.doc.getArray('needs').delete(find(sophie.doc, 'needs', 'need-food').index, 1);
    await settled(sophie);

    const stored = await CollabUpdateModel.find({ docName: plan }).lean();
    expect(stored.some((record) => record.kind === 'snapshot')).toBe(true);

    const history = await midwife.client.get(base);
    expect(history.status).toBe(200);
    expect(history.body.canName).toBe(true);
    const version = history.body.versions.find(
      (entry: { name: string }) => entry.name === 'Avant la concertation du 12 mars',
    );
    expect(version.reason).toBe('named');
    expect(history.body.versions.map((entry: { reason: string }) => entry.reason)).toEqual([
      'named',
      'automatic',
    ]);
    expect(history.body.versions[1].authors).toEqual([{ kind: 'professional', name: 'Sophie Sage-femme' }]);
    expect(history.body.editedSince.map((author: { name: string }) => author.name).sort()).toEqual([
      'Nadia Assistante',
      'Sophie Sage-femme',
    ]);

    const detail = await midwife.client.get(`${base}/${version.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.content.needs.map((need: { text: string }) => need.text)).toEqual([
      'Logement',
      'Alimentation',
    ]);
    const summary = detail.body.changes.map(
      (change: { list: string; kind: string; id: string; fields: string[]; authors: { name: string }[] }) =>
        `${change.list} ${change.kind} ${change.id} [${change.fields.join(',')}] by ${change.authors.map((author) => author.name).join(', ')}`,
    );
    expect(summary.sort()).toEqual([
      'actions removed action-cpas [] by Nadia Assistante',
      'goals added goal-home [] by Nadia Assistante',
      'needs changed need-housing [text] by Nadia Assistante',
      'needs removed need-food [] by Sophie Sage-femme',
      'notes changed notes [] by Nadia Assistante',
    ]);
    const notes = detail.body.changes.find((change: { list: string }) => change.list === 'notes');
    expect(notes.linesAdded).toEqual(['Dossier CPAS ouvert']);
    sophie.close();
    nadia.close();
  });

  it('follows the space: a member reads the plan history she may read, never the team notes, never names a version', async () => {
    const family = await buildFamily(midwife.client);
    const { plan, teamNotes } = await spacesOf(family.id);
    const mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
    const protector = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Aide Discrète' });
    await midwife.client.post(`/families/${family.id}/team`, {
      professionalId: protector.id,
      hiddenFromMemberIds: [family.members[1]!.id],
    });
    const partner = await inviteMember(server.url, midwife.client, family.id, family.members[1]!.id);
    const hidden = await open(protector.client, plan);
    addEntry(hidden.doc, 'needs', { id: 'need-rest', text: 'Repos', inFamilyWords: false });
    await settled(hidden);
    hidden.close();
    // The partner reads the plan's history, but never the name of the professional hidden from him.
    const partners = await partner.get(`/families/${family.id}/spaces/${plan}/history`);
    expect(partners.status).toBe(200);
    expect(partners.text).not.toContain('Aide Discrète');
    expect(partners.body.versions[0].authors).toEqual([{ kind: 'hidden', name: null }]);

    const mine = await mother.get(`/families/${family.id}/spaces/${plan}/history`);
    expect(mine.status).toBe(200);
    expect(mine.body.canName).toBe(false);
    expect(mine.body.versions[0].authors).toEqual([{ kind: 'professional', name: 'Aide Discrète' }]);
    expect(
      (await mother.post(`/families/${family.id}/spaces/${plan}/history`, { name: 'À moi' })).status,
    ).toBe(403);
    expect((await mother.get(`/families/${family.id}/spaces/${teamNotes}/history`)).status).toBe(404);
    expect((await mother.post(`/families/${family.id}/spaces/${teamNotes}/visits`, {})).status).toBe(404);
    expect((await outsider.client.get(`/families/${family.id}/spaces/${plan}/history`)).status).toBe(404);
    const version = mine.body.versions[0].id;
    expect(
      (await outsider.client.get(`/families/${family.id}/spaces/${plan}/history/${version}`)).status,
    ).toBe(404);
    // A version of another space is no version of this one.
    expect(
      (await midwife.client.get(`/families/${family.id}/spaces/${teamNotes}/history/${version}`)).status,
    ).toBe(404);
  });

  it('refuses bad input with 400 saying what is wrong', async () => {
    const family = await buildFamily(midwife.client);
    const { plan } = await spacesOf(family.id);
    const base = `/families/${family.id}/spaces/${plan}/history`;
    const empty = await midwife.client.post(base, { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('name');
    expect((await midwife.client.post(base, { name: 'x'.repeat(121) })).status).toBe(400);
    // A malformed id in the path names nothing: 404, as for any id that does not exist.
    expect((await midwife.client.get(`${base}/not-an-id`)).status).toBe(404);
  });

  it('keeps a version when a concertation opens and when it closes', async () => {
    const family = await buildFamily(midwife.client);
    const { plan } = await spacesOf(family.id);
    const sophie = await open(midwife.client, plan);
    addEntry(sophie.doc, 'needs', { id: 'need-sleep', text: 'Sommeil', inFamilyWords: false });
    await settled(sophie);
    const scheduledAt = new Date(Date.now() - 60_000).toISOString();
    const meeting = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt,
      remote: true,
      agenda: [{ title: 'Besoins' }],
    });
    expect(meeting.status).toBe(201);
    expect((await midwife.client.patch(`/concertations/${meeting.body.id}`, { status: 'open' })).status).toBe(
      200,
    );
    find(sophie.doc, 'needs', 'need-sleep').entry.set('text', 'Sommeil de la mère');
    await settled(sophie);
    expect((await midwife.client.post(`/concertations/${meeting.body.id}/close`, {})).status).toBe(200);
    const history = await midwife.client.get(`/families/${family.id}/spaces/${plan}/history`);
    const reasons = history.body.versions.map((version: { reason: string }) => version.reason);
    expect(reasons.slice(0, 2)).toEqual(['concertationClosed', 'concertationOpened']);
    expect(history.body.versions[0].concertationAt).toBe(scheduledAt);
    const opened = history.body.versions[1];
    const detail = await midwife.client.get(`/families/${family.id}/spaces/${plan}/history/${opened.id}`);
    expect(detail.body.changes).toMatchObject([
      { list: 'needs', kind: 'changed', id: 'need-sleep', authors: [{ name: 'Sophie Sage-femme' }] },
    ]);
    sophie.close();
  });

  it('marks what others changed since the reader last visited, never her own edits', async () => {
    const family = await buildFamily(midwife.client);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
    const { plan } = await spacesOf(family.id);
    const visits = `/families/${family.id}/spaces/${plan}/visits`;
    const sophie = await open(midwife.client, plan);
    addEntry(sophie.doc, 'needs', { id: 'need-a', text: 'A', inFamilyWords: false });
    addEntry(sophie.doc, 'needs', { id: 'need-b', text: 'B', inFamilyWords: false });
    await settled(sophie);
    const first = await midwife.client.post(visits, {});
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ since: null, marks: [] });

    const nadia = await open(socialWorker.client, plan);
    await waitFor(() => nadia.doc.getArray('needs').length === 2, 5000, 'Nadia sees the needs');
    find(nadia.doc, 'needs', 'need-a').entry.set('text', 'A revu');
    addEntry(nadia.doc, 'goals', { id: 'goal-c', text: 'C', inFamilyWords: false });
    await settled(nadia);
    find(sophie.doc, 'needs', 'need-b').entry.set('text', 'B revu par moi');
    await settled(sophie);

    const second = await midwife.client.post(visits, {});
    expect(second.body.since).not.toBeNull();
    expect(second.body.marks).toEqual([
      {
        list: 'needs',
        id: 'need-a',
        kind: 'changed',
        authors: [{ kind: 'professional', name: 'Nadia Assistante' }],
      },
      {
        list: 'goals',
        id: 'goal-c',
        kind: 'added',
        authors: [{ kind: 'professional', name: 'Nadia Assistante' }],
      },
    ]);
    expect((await midwife.client.post(visits, {})).body.marks).toEqual([]);
    sophie.close();
    nadia.close();
  });
});
