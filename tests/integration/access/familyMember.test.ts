import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/src/auth/tokens.ts';
import { InvitationModel } from '../../../server/src/models/invitation.ts';
import { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwifeA: BuiltProfessional;
let socialWorkerB: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;

beforeAll(async () => {
  server = await startTestServer();
  midwifeA = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorkerB = await buildProfessional(server.url, {
    healthRole: 'B',
    displayName: 'Violence support worker',
  });
  family = await buildFamily(midwifeA.client);
  const [motherMember, partnerMember] = family.members;
  await midwifeA.client.post(`/families/${family.id}/team`, {
    professionalId: socialWorkerB.id,
    hiddenFromMemberIds: [partnerMember!.id],
  });
  await midwifeA.client.post(`/families/${family.id}/indicators`, {
    key: 'violence',
    aboutMemberId: motherMember!.id,
    note: 'shared-with-mother-only',
    sharedWithMemberIds: [motherMember!.id],
  });
  await midwifeA.client.post(`/families/${family.id}/indicators`, {
    key: 'psychologicalWellbeing',
    aboutMemberId: motherMember!.id,
    note: 'not-shared-medical',
  });
  await midwifeA.client.post(`/families/${family.id}/indicators`, {
    key: 'housing',
    note: 'shared-with-both',
    sharedWithMemberIds: [motherMember!.id, partnerMember!.id],
  });
  mother = await inviteMember(server.url, midwifeA.client, family.id, motherMember!.id);
  partner = await inviteMember(server.url, midwifeA.client, family.id, partnerMember!.id);
});
afterAll(() => server.dispose());

describe('personal invitations', () => {
  it('are single use, expire, and a wrong code counts against the invitation', async () => {
    const memberId = family.members[0]!.id;
    const invitation = (
      await midwifeA.client.post(`/families/${family.id}/members/${memberId}/invitations`, {})
    ).body;
    expect(invitation.code).toMatch(/^\d{6}$/);
    const expiresInDays = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(expiresInDays)).toBe(7);
    const token = invitation.link.split('/invitation/')[1];
    const anonymous = new TestApiClient(server.url);
    const wrongCode = invitation.code === '000000' ? '111111' : '000000';
    const wrong = await anonymous.post('/invitations/redeem', { token, code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invitation_code_wrong', details: { attemptsLeft: 4 } });
    expect((await anonymous.post('/invitations/redeem', { token, code: invitation.code })).status).toBe(200);
    const again = await anonymous.post('/invitations/redeem', { token, code: invitation.code });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invitation_invalid');

    const expired = (await midwifeA.client.post(`/families/${family.id}/members/${memberId}/invitations`, {}))
      .body;
    await InvitationModel.updateMany(
      { redeemedAt: null },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const expiredToken = expired.link.split('/invitation/')[1];
    expect(
      (await anonymous.post('/invitations/redeem', { token: expiredToken, code: expired.code })).status,
    ).toBe(400);
  });

  it('say how many codes remain, and once five were wrong, that a new invitation is needed', async () => {
    const memberId = family.members[0]!.id;
    const invitation = (
      await midwifeA.client.post(`/families/${family.id}/members/${memberId}/invitations`, {})
    ).body;
    const token = invitation.link.split('/invitation/')[1];
    const anonymous = new TestApiClient(server.url);
    const wrongCode = invitation.code === '000000' ? '111111' : '000000';
    const first = await anonymous.post('/invitations/redeem', { token, code: wrongCode });
    expect(first.body.error).toMatchObject({ code: 'invitation_code_wrong', details: { attemptsLeft: 4 } });
    // Three more wrong codes, as if typed over the past days (the throttle would make this test wait).
    await InvitationModel.updateOne({ tokenHash: hashToken(token) }, { $set: { failedAttempts: 4 } });
    const last = await anonymous.post('/invitations/redeem', { token, code: wrongCode });
    expect(last.status).toBe(400);
    expect(last.body.error.code).toBe('invitation_used_up');
    expect(last.body.error.message).toContain('ask the professional who invited you');
    // Even the right code no longer opens it.
    const right = await anonymous.post('/invitations/redeem', { token, code: invitation.code });
    expect(right.status).toBe(400);
    expect(right.body.error.code).toBe('invitation_used_up');
  });

  it('are issued by team members only', async () => {
    const outsider = await buildProfessional(server.url);
    expect(
      (await outsider.client.post(`/families/${family.id}/members/${family.members[0]!.id}/invitations`, {}))
        .status,
    ).toBe(404);
    expect(
      (await mother.post(`/families/${family.id}/members/${family.members[0]!.id}/invitations`, {})).status,
    ).toBe(403);
  });
});

describe("a family member's view", () => {
  it('shows only what was shared with that member personally', async () => {
    const view = (await mother.get(`/families/${family.id}`)).body;
    expect(view.members.map((member: { displayName: string }) => member.displayName)).toEqual(['Maria']);
    const notes = view.indicators.map((indicator: { note: string }) => indicator.note).sort();
    expect(notes).toEqual(['shared-with-both', 'shared-with-mother-only']);
    expect(view.stratum).toBeUndefined();
    expect(view.strataHistory).toBeUndefined();
    expect(view.team.map((membership: { displayName: string }) => membership.displayName)).toContain(
      'Violence support worker',
    );
  });

  it("never shows the partner the mother's items, nor the professional hidden from him", async () => {
    const response = await partner.get(`/families/${family.id}`);
    expect(response.text).not.toContain('shared-with-mother-only');
    expect(response.text).not.toContain('not-shared-medical');
    expect(response.text).not.toContain('Violence support worker');
    expect(response.text).not.toContain('Maria');
    expect(response.body.indicators.map((indicator: { note: string }) => indicator.note)).toEqual([
      'shared-with-both',
    ]);
  });

  it('names no one where the professional hidden from him recorded what he may read', async () => {
    const recorded = await socialWorkerB.client.post(`/families/${family.id}/indicators`, {
      key: 'income',
      note: 'recorded-by-the-hidden-worker',
      sharedWithMemberIds: [family.members[0]!.id, family.members[1]!.id],
    });
    expect(recorded.status).toBe(201);
    const response = await partner.get(`/families/${family.id}`);
    const indicator = response.body.indicators.find(
      (item: { note: string }) => item.note === 'recorded-by-the-hidden-worker',
    );
    expect(indicator.recordedBy).toEqual({ id: '', displayName: '' });
    expect(response.text).not.toContain('Violence support worker');
    expect(response.text).not.toContain(socialWorkerB.id);
    // The mother, from whom the worker is not hidden, sees who recorded it.
    const seenByMother = (await mother.get(`/families/${family.id}`)).body.indicators.find(
      (item: { note: string }) => item.note === 'recorded-by-the-hidden-worker',
    );
    expect(seenByMother.recordedBy.displayName).toBe('Violence support worker');
  });

  it("cannot open another family's file or act as a professional", async () => {
    const other = await buildFamily(midwifeA.client, { label: 'Other family' });
    expect((await mother.get(`/families/${other.id}`)).status).toBe(404);
    expect((await mother.post(`/families/${family.id}/indicators`, { key: 'housing' })).status).toBe(403);
    expect((await mother.get(`/families/${family.id}/flags`)).status).toBe(404);
    expect((await mother.get('/families')).body.map((summary: { id: string }) => summary.id)).toEqual([
      family.id,
    ]);
  });
});

describe('consent', () => {
  it('a member records their own consent only; a withdrawal of sharing hides their items from the rest of the team at once', async () => {
    const motherId = family.members[0]!.id;
    const partnerId = family.members[1]!.id;
    expect(
      (
        await mother.post(`/families/${family.id}/consents`, {
          memberId: partnerId,
          scope: 'teamSharing',
          granted: false,
        })
      ).status,
    ).toBe(403);
    const before = (await socialWorkerB.client.get(`/families/${family.id}`)).body;
    const gp = await buildProfessional(server.url, { healthRole: 'A' });
    await midwifeA.client.post(`/families/${family.id}/team`, { professionalId: gp.id });
    expect((await gp.client.get(`/families/${family.id}`)).text).toContain('shared-with-mother-only');

    const withdrawn = await mother.post(`/families/${family.id}/consents`, {
      memberId: motherId,
      scope: 'teamSharing',
      granted: false,
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.consents.at(-1)).toMatchObject({
      memberId: motherId,
      scope: 'teamSharing',
      granted: false,
      through: { displayName: 'Maria' },
    });
    expect((await gp.client.get(`/families/${family.id}`)).text).not.toContain('shared-with-mother-only');
    // The author keeps their own record.
    expect((await midwifeA.client.get(`/families/${family.id}`)).text).toContain('shared-with-mother-only');
    expect(before.indicators.length).toBeGreaterThan(0);

    const screeningWithdrawn = await mother.post(`/families/${family.id}/consents`, {
      memberId: motherId,
      scope: 'screening',
      granted: false,
    });
    expect(screeningWithdrawn.status).toBe(201);
    const refused = await midwifeA.client.post(`/families/${family.id}/indicators`, {
      key: 'income',
      aboutMemberId: motherId,
    });
    expect(refused.status).toBe(409);
  });
});

describe('audit', () => {
  it('records who opened the file; the family member and the coordinator can read it, others cannot', async () => {
    const memberAudit = await mother.get(`/families/${family.id}/audit`);
    expect(memberAudit.status).toBe(200);
    const names = memberAudit.body.map(
      (entry: { actor: { displayName: string } }) => entry.actor.displayName,
    );
    expect(names).toContain(socialWorkerB.displayName);
    expect(
      memberAudit.body.some(
        (entry: { access: string; part: string }) => entry.access === 'read' && entry.part === 'file',
      ),
    ).toBe(true);

    expect((await socialWorkerB.client.get(`/families/${family.id}/audit`)).status).toBe(403);
    const coordinator = await buildProfessional(server.url, { healthRole: 'B' });
    await midwifeA.client.post(`/families/${family.id}/team`, { professionalId: coordinator.id });
    const current = (await midwifeA.client.get(`/families/${family.id}/functions`)).body.current;
    await midwifeA.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: coordinator.id,
      ...(current.some((held: { function: string }) => held.function === 'coordinator')
        ? { handover: { whatWasHandedOver: 'Le suivi en cours' } }
        : {}),
    });
    expect((await coordinator.client.get(`/families/${family.id}/audit`)).status).toBe(200);
  });

  it('cannot be edited or deleted through the API', async () => {
    const entries = (await mother.get(`/families/${family.id}/audit`)).body;
    expect((await midwifeA.client.delete(`/families/${family.id}/audit`)).status).toBe(404);
    expect((await midwifeA.client.delete(`/families/${family.id}/audit/${entries[0].id}`)).status).toBe(404);
    expect(
      (await midwifeA.client.patch(`/families/${family.id}/audit/${entries[0].id}`, { part: 'x' })).status,
    ).toBe(404);
  });
});
