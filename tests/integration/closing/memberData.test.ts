import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// GDPR right of access with a protected mother: each member's download holds what concerns her and what was
// shared with her, and nothing of the other's hidden items, flags or hidden professionals.
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let mother: TestApiClient;
let partner: TestApiClient;
let familyId: string;
let motherId: string;
let partnerId: string;
const marks = {
  motherName: 'Fatıma Çağlayan',
  partnerName: 'Tomasz Partnerowski',
  motherItem: 'MOTHER-ONLY-ITEM',
  partnerItem: 'PARTNER-ONLY-ITEM',
  unshared: 'UNSHARED-MEDICAL',
  flag: 'FLAG-NOTE-MARK',
  hiddenDecision: 'HIDDEN-DECISION-MARK',
  hiddenProfessional: 'Soutien Caché Violence',
};

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
  const hidden = await buildProfessional(server.url, {
    healthRole: 'B',
    displayName: marks.hiddenProfessional,
  });
  const family = await buildFamily(midwife.client, {
    members: [
      { displayName: marks.motherName, role: 'pregnantPerson', preferredLanguage: 'tr' },
      { displayName: marks.partnerName, role: 'secondParent', preferredLanguage: 'fr' },
    ],
  });
  familyId = family.id;
  [motherId, partnerId] = family.members.map((member) => member.id) as [string, string];
  const files = `/families/${familyId}`;
  await midwife.client.post(`${files}/team`, { professionalId: socialWorker.id });
  await midwife.client.post(`${files}/team`, { professionalId: hidden.id, hiddenFromMemberIds: [partnerId] });
  await midwife.client.post(`${files}/functions`, { function: 'coordinator', professionalId: midwife.id });
  await midwife.client.post(`${files}/indicators`, {
    key: 'violence',
    aboutMemberId: motherId,
    note: marks.motherItem,
    sharedWithMemberIds: [motherId],
  });
  await midwife.client.post(`${files}/indicators`, {
    key: 'housing',
    aboutMemberId: partnerId,
    note: marks.partnerItem,
    sharedWithMemberIds: [partnerId],
  });
  await midwife.client.post(`${files}/indicators`, { key: 'medicalHistory', note: marks.unshared });
  await socialWorker.client.post(`${files}/flags`, { indicatorKey: 'violence', note: marks.flag });
  const decision = await midwife.client.post(`${files}/decisions`, {
    what: `Mise à l'abri ${marks.hiddenDecision}`,
    hiddenFromMemberIds: [partnerId],
  });
  expect(decision.status).toBe(201);
  mother = await inviteMember(server.url, midwife.client, familyId, motherId);
  partner = await inviteMember(server.url, midwife.client, familyId, partnerId);
}, 60_000);
afterAll(() => server.dispose());

describe('a member downloads her data', () => {
  it("the mother's JSON holds her items, the hidden decision and professional, and nothing of the partner", async () => {
    const response = await mother.get(`/families/${familyId}/my-data`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(response.body.me.displayName).toBe(marks.motherName);
    for (const mark of [marks.motherItem, marks.hiddenDecision, marks.hiddenProfessional])
      expect(response.text).toContain(mark);
    for (const mark of [marks.partnerName, marks.partnerItem, marks.unshared, marks.flag])
      expect(response.text).not.toContain(mark);
  });

  it("the partner's JSON holds his items and none of the mother's hidden ones", async () => {
    const response = await partner.get(`/families/${familyId}/my-data`);
    expect(response.status).toBe(200);
    expect(response.text).toContain(marks.partnerItem);
    for (const mark of [
      marks.motherName,
      marks.motherItem,
      marks.hiddenDecision,
      marks.hiddenProfessional,
      marks.unshared,
      marks.flag,
    ])
      expect(response.text).not.toContain(mark);
  });

  it('the PDF is a real PDF with an embedded font that writes French, Turkish and Arabic letters', async () => {
    const response = await fetch(`${server.url}/api/families/${familyId}/my-data/pdf`, {
      headers: { Cookie: mother.credentials.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
  });

  it("is written in the member's language: the Turkish mother's in Turkish, the French partner's in French", async () => {
    const download = async (member: TestApiClient) => {
      const response = await fetch(`${server.url}/api/families/${familyId}/my-data/pdf`, {
        headers: { Cookie: member.credentials.cookie! },
      });
      const text = Buffer.from(await response.arrayBuffer()).toString('latin1');
      return {
        name: response.headers.get('content-disposition'),
        language: /\/Lang \(([^)]*)\)/.exec(text)?.[1],
      };
    };
    expect(await download(mother)).toEqual({
      name: 'attachment; filename="verilerim-concerto.pdf"',
      language: 'tr-TR',
    });
    expect(await download(partner)).toEqual({
      name: 'attachment; filename="mes-donnees-concerto.pdf"',
      language: 'fr-BE',
    });
  });

  it('is for members only: a professional gets 403, a member of another family 404', async () => {
    expect((await midwife.client.get(`/families/${familyId}/my-data`)).status).toBe(403);
    const other = await buildFamily(midwife.client);
    const stranger = await inviteMember(server.url, midwife.client, other.id, other.members[0]!.id);
    expect((await stranger.get(`/families/${familyId}/my-data`)).status).toBe(404);
    expect((await stranger.get(`/families/${familyId}/my-data/pdf`)).status).toBe(404);
  });

  it('each download is written to the audit trail', async () => {
    const trail = await midwife.client.get(`/families/${familyId}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.text).toContain('"export"');
  });
});

describe('a member asks to correct or erase', () => {
  it('reaches the coordinator as a task in "my work", and only her', async () => {
    const bad = await mother.post(`/families/${familyId}/rights-requests`, { kind: 'correction', text: '' });
    expect(bad.status).toBe(400);
    const asked = await mother.post(`/families/${familyId}/rights-requests`, {
      kind: 'correction',
      text: 'Mon adresse a changé : rue de la Loi 16',
    });
    expect(asked.status).toBe(201);
    const work = (await midwife.client.get('/me/work')).body as {
      rightsRequests: { id: string; text: string; memberName: string }[];
    };
    const task = work.rightsRequests.find((request) => request.id === asked.body.id);
    expect(task).toMatchObject({
      memberName: marks.motherName,
      text: 'Mon adresse a changé : rue de la Loi 16',
    });
    expect(
      ((await socialWorker.client.get('/me/work')).body as { rightsRequests: unknown[] }).rightsRequests,
    ).toEqual([]);
    expect((await partner.get(`/families/${familyId}/my-data`)).text).not.toContain('rue de la Loi');
    expect((await mother.get(`/families/${familyId}/my-data`)).text).toContain('rue de la Loi');
    expect(
      (await midwife.client.post(`/families/${familyId}/rights-requests`, { kind: 'erasure', text: 'abc' }))
        .status,
    ).toBe(403);

    expect(
      (await socialWorker.client.post(`/families/${familyId}/rights-requests/${asked.body.id}/handled`))
        .status,
    ).toBe(403);
    expect(
      (await midwife.client.post(`/families/${familyId}/rights-requests/${asked.body.id}/handled`)).status,
    ).toBe(204);
    const after = (await midwife.client.get('/me/work')).body as { rightsRequests: { id: string }[] };
    expect(after.rightsRequests.map((request) => request.id)).not.toContain(asked.body.id);
  });

  it('still works once the family left the programme (the file is read-only, her rights are not)', async () => {
    const left = await socialWorker.client.post(`/families/${familyId}/closure`, {
      kind: 'left',
      reason: 'La famille déménage en Flandre',
    });
    expect(left.status).toBe(201);
    expect((await mother.get(`/families/${familyId}/my-data`)).status).toBe(200);
    expect(
      (
        await mother.post(`/families/${familyId}/rights-requests`, {
          kind: 'erasure',
          text: 'Effacez mon numéro',
        })
      ).status,
    ).toBe(201);
  });
});
