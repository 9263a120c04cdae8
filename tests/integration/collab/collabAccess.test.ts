import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabCloseCode } from '@concerto/shared';
import { CollabUpdateModel } from '../../../server/src/models/collabUpdate.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let spaces: { id: string; kind: string }[];
const spaceOf = (kind: string) => spaces.find((space) => space.kind === kind)!.id;

async function open(client: TestApiClient, spaceId: string): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(server.url, spaceId, client.credentials);
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 5000, 'first sync');
  return outcome.client;
}

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  family = await buildFamily(midwife.client);
  spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body;
});
afterAll(() => server.dispose());

describe('spaces', () => {
  it('a family file has a shared plan, team notes and a health space', () => {
    expect(spaces.map((space) => space.kind).sort()).toEqual(['health', 'sharedPlan', 'teamNotes']);
  });

  it('Role B on the team does not see the health space, in the list or over a websocket', async () => {
    const socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
    const listed = (await socialWorker.client.get(`/families/${family.id}/spaces`)).body.map(
      (space: { kind: string }) => space.kind,
    );
    expect(listed.sort()).toEqual(['sharedPlan', 'teamNotes']);
    const outcome = await CollabTestClient.connect(
      server.url,
      spaceOf('health'),
      socialWorker.client.credentials,
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.status).toBe(404);
  });
});

describe('the upgrade is refused before any websocket exists', () => {
  it('a guessed document name gets a bare 404, not a byte of any document', async () => {
    const guessed = await CollabTestClient.connect(
      server.url,
      '0123456789abcdef01234567',
      midwife.client.credentials,
    );
    expect(guessed).toEqual({ ok: false, status: 404, body: '' });
    const garbage = await CollabTestClient.connect(server.url, '..%2F..%2Fetc', midwife.client.credentials);
    expect(garbage).toEqual({ ok: false, status: 404, body: '' });
  });

  it("another team's professional gets the same 404 for a real space; no session gets 401; a foreign page 403", async () => {
    const outsider = await buildProfessional(server.url);
    expect(
      await CollabTestClient.connect(server.url, spaceOf('sharedPlan'), outsider.client.credentials),
    ).toEqual({ ok: false, status: 404, body: '' });
    expect(await CollabTestClient.connect(server.url, spaceOf('sharedPlan'), {})).toEqual({
      ok: false,
      status: 401,
      body: '',
    });
    const foreign = await CollabTestClient.connect(server.url, spaceOf('sharedPlan'), {
      ...midwife.client.credentials,
      origin: 'https://evil.example',
    });
    expect(foreign).toEqual({ ok: false, status: 403, body: '' });
  });

  it('a short-lived token opens only the space it was made for', async () => {
    const issued = await midwife.client.post('/collab/tokens', { spaceId: spaceOf('teamNotes') });
    expect(issued.status).toBe(201);
    const wrongSpace = await CollabTestClient.connect(server.url, spaceOf('sharedPlan'), {
      collabToken: issued.body.token,
    });
    expect(wrongSpace.ok).toBe(false);
    const rightSpace = await CollabTestClient.connect(server.url, spaceOf('teamNotes'), {
      collabToken: issued.body.token,
    });
    expect(rightSpace.ok).toBe(true);
    if (rightSpace.ok) rightSpace.client.close();
  });
});

describe('editing, read-only and contributions', () => {
  it('two writers see each other; a read-only member is synced but her update is never applied, broadcast or stored', async () => {
    const planId = spaceOf('sharedPlan');
    const mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
    const audience = { team: 'allTeam', members: [{ memberId: family.members[0]!.id, access: 'read' }] };
    expect((await midwife.client.patch(`/families/${family.id}/spaces/${planId}`, { audience })).status).toBe(
      200,
    );

    const writer = await open(midwife.client, planId);
    writer.doc.getText('probe').insert(0, 'written by the midwife');
    const reader = await open(mother, planId);
    await waitFor(
      () => reader.doc.getText('probe').toString() === 'written by the midwife',
      5000,
      'reader sync',
    );

    reader.doc.getText('probe').insert(0, 'FORGED ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.collab.registry.flushAll();
    expect(writer.doc.getText('probe').toString()).toBe('written by the midwife');
    const serverDocument = (await server.collab.registry.loaded()).find(
      (document) => document.name === planId,
    )!;
    expect(serverDocument.doc.getText('probe').toString()).toBe('written by the midwife');
    const stored = await CollabUpdateModel.find({ docName: planId }).lean();
    const storedState = new Y.Doc();
    for (const record of stored)
      Y.applyUpdate(
        storedState,
        new Uint8Array((record.data as unknown as { buffer: Uint8Array }).buffer ?? record.data),
      );
    expect(storedState.getText('probe').toString()).toBe('written by the midwife');
    writer.close();
    reader.close();
  });

  it('a contributing member writes in her own words but cannot change the actions', async () => {
    const planId = spaceOf('sharedPlan');
    const motherId = family.members[0]!.id;
    const mother = await inviteMember(server.url, midwife.client, family.id, motherId);
    await midwife.client.patch(`/families/${family.id}/spaces/${planId}`, {
      audience: { team: 'allTeam', members: [{ memberId: motherId, access: 'contribute' }] },
    });
    const writer = await open(midwife.client, planId);
    const member = await open(mother, planId);
    const words = new Y.Text();
    member.doc.getMap('familyWords').set(motherId, words);
    words.insert(0, 'Je voudrais accoucher près de chez moi');
    await waitFor(
      () =>
        (writer.doc.getMap('familyWords').get(motherId) as Y.Text | undefined)?.toString() ===
        'Je voudrais accoucher près de chez moi',
      5000,
      'own words',
    );
    member.doc.getArray('comments').push([
      new Y.Map<unknown>([
        ['id', 'c1'],
        ['text', 'Merci pour le plan'],
        ['author', 'Maria'],
      ]),
    ]);
    await waitFor(() => writer.doc.getArray('comments').length === 1, 5000, 'her signed comment');
    // A comment signed with someone else's name is dropped like any change outside her parts.
    member.doc.getArray('comments').push([
      new Y.Map<unknown>([
        ['id', 'c2'],
        ['text', 'forged'],
        ['author', 'Sophie Midwife'],
      ]),
    ]);
    member.doc.getArray('actions').push([
      new Y.Map([
        ['id', 'forged'],
        ['what', 'forged action'],
      ]),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writer.doc.getArray('actions').length).toBe(0);
    expect(writer.doc.getArray('comments').length).toBe(1);
    writer.close();
    member.close();
  });
});

describe('losing access closes open connections within one second', () => {
  it('a removed team member is closed with the shared access-revoked code', async () => {
    const gp = await buildProfessional(server.url);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: gp.id });
    const connection = await open(gp.client, spaceOf('teamNotes'));
    const removedAt = Date.now();
    expect((await midwife.client.delete(`/families/${family.id}/team/${gp.id}`)).status).toBe(204);
    await waitFor(() => connection.closeCode !== null, 1000, 'close after removal');
    expect(connection.closeCode).toBe(CollabCloseCode.accessRevoked);
    expect(connection.closedAt! - removedAt).toBeLessThan(1000);
  });

  it('logging out closes the session’s sockets; a member who withdraws participation consent is closed too', async () => {
    const colleague = await buildProfessional(server.url);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: colleague.id });
    const connection = await open(colleague.client, spaceOf('teamNotes'));
    await colleague.client.post('/auth/logout');
    await waitFor(() => connection.closeCode !== null, 1000, 'close after logout');
    expect(connection.closeCode).toBe(CollabCloseCode.unauthenticated);

    const motherId = family.members[0]!.id;
    const mother = await inviteMember(server.url, midwife.client, family.id, motherId);
    const planId = spaceOf('sharedPlan');
    await midwife.client.patch(`/families/${family.id}/spaces/${planId}`, {
      audience: { team: 'allTeam', members: [{ memberId: motherId, access: 'write' }] },
    });
    const member = await open(mother, planId);
    await mother.post(`/families/${family.id}/consents`, {
      memberId: motherId,
      scope: 'concertation',
      granted: false,
    });
    await waitFor(() => member.closeCode !== null, 1000, 'close after consent withdrawal');
    expect(member.closeCode).toBe(CollabCloseCode.accessRevoked);
  });
});

describe('robustness', () => {
  it('a malformed frame closes that socket only', async () => {
    const first = await open(midwife.client, spaceOf('teamNotes'));
    const second = await open(midwife.client, spaceOf('teamNotes'));
    first.sendRaw(new Uint8Array([0, 7, 255, 255, 255]));
    await waitFor(() => first.closeCode !== null, 2000, 'malformed close');
    expect(first.closeCode).toBe(CollabCloseCode.malformedMessage);
    second.doc.getText('still').insert(0, 'alive');
    const third = await open(midwife.client, spaceOf('teamNotes'));
    await waitFor(() => third.doc.getText('still').toString() === 'alive', 2000, 'server still serving');
    second.close();
    third.close();
  });
});
