// A collaboration token carries the access decided when it was issued, and the upgrade uses it instead of
// reading everything again; these tests check that it never opens more than the database would allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function tokenFor(client: TestApiClient, spaceId: string): Promise<string> {
  const issued = await client.post('/collab/tokens', { spaceId });
  expect(issued.status).toBe(201);
  return issued.body.token as string;
}

async function openWithToken(spaceId: string, collabToken: string): Promise<CollabTestClient> {
  const outcome = await CollabTestClient.connect(server.url, spaceId, { collabToken });
  if (!outcome.ok) throw new Error(`connection refused with ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 5000, 'first sync');
  return outcome.client;
}

/** The text of `name` in the server's copy of the document, once its edits are applied. */
async function serverText(spaceId: string, name: string): Promise<string> {
  const document = (await server.collab.registry.loaded()).find((loaded) => loaded.name === spaceId);
  return document?.doc.getText(name).toString() ?? '';
}

async function setMemberAccess(memberId: string, access: 'read' | 'write'): Promise<void> {
  const audience = { team: 'allTeam', members: [{ memberId, access }] };
  const changed = await midwife.client.patch(`/families/${family.id}/spaces/${spaceOf('sharedPlan')}`, {
    audience,
  });
  expect(changed.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  family = await buildFamily(midwife.client);
  spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body;
});
afterAll(() => server.dispose());

describe('a collaboration token opens what it was issued for, and no more', () => {
  it("a read-only member's token opens the plan read-only: her edit is never applied", async () => {
    const motherId = family.members[0]!.id;
    const mother = await inviteMember(server.url, midwife.client, family.id, motherId);
    await setMemberAccess(motherId, 'read');
    const planId = spaceOf('sharedPlan');
    const reader = await openWithToken(planId, await tokenFor(mother, planId));
    reader.doc.getText('grant').insert(0, 'FORGED');
    const writer = await openWithToken(planId, await tokenFor(midwife.client, planId));
    writer.doc.getText('grant').insert(0, 'by the midwife');
    await waitFor(async () => (await serverText(planId, 'grant')) === 'by the midwife', 5000, 'her edit');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await serverText(planId, 'grant')).toBe('by the midwife');
    reader.close();
    writer.close();
  });

  it('a token issued before the audience became read-only opens read-only', async () => {
    const motherId = family.members[1]!.id;
    const member = await inviteMember(server.url, midwife.client, family.id, motherId);
    await setMemberAccess(motherId, 'write');
    const planId = spaceOf('sharedPlan');
    const token = await tokenFor(member, planId);
    await setMemberAccess(motherId, 'read');
    const client = await openWithToken(planId, token);
    client.doc.getText('late').insert(0, 'written with a stale token');
    const writer = await openWithToken(planId, await tokenFor(midwife.client, planId));
    writer.doc.getText('late').insert(0, 'ok');
    await waitFor(async () => (await serverText(planId, 'late')) === 'ok', 5000, 'the midwife’s edit');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await serverText(planId, 'late')).toBe('ok');
    client.close();
    writer.close();
  });

  it('a token issued before its holder left the team opens nothing (404)', async () => {
    const gp = await buildProfessional(server.url);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: gp.id });
    const token = await tokenFor(gp.client, spaceOf('teamNotes'));
    expect((await midwife.client.delete(`/families/${family.id}/team/${gp.id}`)).status).toBe(204);
    const outcome = await CollabTestClient.connect(server.url, spaceOf('teamNotes'), { collabToken: token });
    expect(outcome).toEqual({ ok: false, status: 404, body: '' });
  });

  it('a token issued before sign-out opens nothing (401)', async () => {
    const colleague = await buildProfessional(server.url);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: colleague.id });
    const token = await tokenFor(colleague.client, spaceOf('teamNotes'));
    await colleague.client.post('/auth/logout');
    const outcome = await CollabTestClient.connect(server.url, spaceOf('teamNotes'), { collabToken: token });
    expect(outcome).toEqual({ ok: false, status: 401, body: '' });
  });

  it('upgrades arriving together are each answered from their own session', async () => {
    const colleague = await buildProfessional(server.url);
    await midwife.client.post(`/families/${family.id}/team`, { professionalId: colleague.id });
    const notesId = spaceOf('teamNotes');
    const signedOut = await tokenFor(colleague.client, notesId);
    const open = await tokenFor(midwife.client, notesId);
    await colleague.client.post('/auth/logout');
    // One turn of the server's event loop reads these sessions together: each socket gets its own answer.
    const outcomes = await Promise.all(
      [signedOut, open, signedOut, open].map((collabToken) =>
        CollabTestClient.connect(server.url, notesId, { collabToken }),
      ),
    );
    expect(outcomes.map((outcome) => (outcome.ok ? 'open' : outcome.status))).toEqual([
      401,
      'open',
      401,
      'open',
    ]);
    for (const outcome of outcomes) if (outcome.ok) outcome.client.close();
  });

  it('a token whose grant was altered (read made write) opens nothing (401)', async () => {
    const motherId = family.members[0]!.id;
    const mother = await inviteMember(server.url, midwife.client, family.id, motherId);
    await setMemberAccess(motherId, 'read');
    const planId = spaceOf('sharedPlan');
    const [payload, signature] = (await tokenFor(mother, planId)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { access: string };
    expect(claims.access).toBe('read');
    const altered = Buffer.from(JSON.stringify({ ...claims, access: 'write' })).toString('base64url');
    const outcome = await CollabTestClient.connect(server.url, planId, {
      collabToken: `${altered}.${signature}`,
    });
    expect(outcome).toEqual({ ok: false, status: 401, body: '' });
  });
});
