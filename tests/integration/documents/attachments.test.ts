import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredFiles } from '../../../server/src/commands/filePurger.ts';
import { FamilyModel } from '../../../server/src/models/family.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// Documents on the file and in spaces, with a protected mother: Role A / Role B, per member, exact types.
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let mother: TestApiClient;
let partner: TestApiClient;
let familyId: string;
let motherId: string;
let partnerId: string;
const maxBytes = 64 * 1024;

/** A small real PDF whose text carries `marker`. */
export function pdfWith(marker: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}
const png = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const files = () => `/families/${familyId}/attachments`;

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_DOCUMENT_MAX_BYTES: String(maxBytes) });
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
  const family = await buildFamily(midwife.client);
  familyId = family.id;
  [motherId, partnerId] = family.members.map((member) => member.id) as [string, string];
  await midwife.client.post(`/families/${familyId}/team`, { professionalId: socialWorker.id });
  await midwife.client.post(`/families/${familyId}/functions`, {
    function: 'coordinator',
    professionalId: midwife.id,
  });
  mother = await inviteMember(server.url, midwife.client, familyId, motherId);
  partner = await inviteMember(server.url, midwife.client, familyId, partnerId);
}, 60_000);
afterAll(() => server.dispose());

describe('documents on the family file', () => {
  let medicalId: string;
  let socialId: string;

  it('Role A adds a medical letter shared with the mother; its type comes from its bytes', async () => {
    const added = await midwife.client.upload(
      `${files()}?name=${encodeURIComponent('Lettre de sortie – maternité.pdf')}&category=medical&aboutMemberId=${motherId}&sharedWith=${motherId}`,
      pdfWith('MEDICAL-LETTER'),
      'application/pdf',
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      name: 'Lettre de sortie – maternité.pdf',
      contentType: 'application/pdf',
      category: 'medical',
      sharedWithMemberIds: [motherId],
      canDelete: true,
    });
    medicalId = added.body.id;
    const social = await socialWorker.client.upload(
      `${files()}?name=attestation.png&category=social`,
      png,
      'application/octet-stream',
    );
    expect(social.status).toBe(201);
    expect(social.body.contentType).toBe('image/png');
    socialId = social.body.id;
  });

  it('Role B adds no medical letter and never sees one; the mother sees what was shared with her, the partner nothing', async () => {
    const refused = await socialWorker.client.upload(
      `${files()}?category=medical`,
      pdfWith('B'),
      'application/pdf',
    );
    expect(refused.status).toBe(403);
    const names = async (client: TestApiClient) =>
      ((await client.get(files())).body.attachments as { id: string }[]).map((attachment) => attachment.id);
    expect(await names(midwife.client)).toEqual([socialId, medicalId]);
    expect(await names(socialWorker.client)).toEqual([socialId]);
    expect(await names(mother)).toEqual([medicalId]);
    expect(await names(partner)).toEqual([]);
    expect((await socialWorker.client.get(files())).body.canAdd).toEqual(['general', 'social']);
    expect((await midwife.client.get(files())).body.canAdd).toEqual(['general', 'social', 'medical']);
    expect((await mother.get(files())).body.canAdd).toEqual([]);
    // A member does not learn with whom else a document is shared.
    expect((await mother.get(files())).body.attachments[0].sharedWithMemberIds).toBeUndefined();
  });

  it('downloads as an attachment that no browser runs, 404 for whoever may not read it, and audits it', async () => {
    const download = await mother.download(`${files()}/${medicalId}`);
    expect(download.status).toBe(200);
    expect(download.bytes.toString('latin1')).toContain('MEDICAL-LETTER');
    expect(download.headers.get('content-type')).toBe('application/pdf');
    // The en dash and the accent are left out of the ASCII name and kept in the UTF-8 one.
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Lettre de sortie ${' '}maternite.pdf"; filename*=UTF-8''Lettre%20de%20sortie%20%E2%80%93%20maternit%C3%A9.pdf`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    for (const client of [socialWorker.client, partner])
      expect((await client.download(`${files()}/${medicalId}`)).status).toBe(404);
    const trail = (await midwife.client.get(`/families/${familyId}/audit`)).body as {
      part: string;
      access: string;
      actor: { kind: string };
    }[];
    expect(
      trail.some(
        (entry) =>
          entry.part === 'documents' && entry.access === 'read' && entry.actor.kind === 'familyMember',
      ),
    ).toBe(true);
  });

  it('refuses HTML dressed as a PDF, a type that lies, an empty file, a type not accepted and a file too large', async () => {
    const html = Buffer.from('<!DOCTYPE html><script>alert(document.cookie)</script>');
    const dressed = await midwife.client.upload(`${files()}?name=lettre.pdf`, html, 'application/pdf');
    expect(dressed.status).toBe(400);
    expect(dressed.body.error.code).toBe('document_type_refused');
    const lying = await midwife.client.upload(files(), png, 'application/pdf');
    expect(lying.body.error).toMatchObject({
      code: 'document_type_mismatch',
      details: { real: 'image/png' },
    });
    expect((await midwife.client.upload(files(), Buffer.alloc(0), 'application/pdf')).body.error.code).toBe(
      'document_empty',
    );
    expect((await midwife.client.upload(files(), html, 'text/html')).status).toBe(415);
    const large = await midwife.client.upload(
      files(),
      Buffer.concat([pdfWith('big'), Buffer.alloc(maxBytes)]),
      'application/pdf',
    );
    expect(large.status).toBe(413);
    expect(large.body.error).toMatchObject({ code: 'document_too_large', details: { maxBytes } });
    expect((await midwife.client.get(files())).body.attachments).toHaveLength(2);
  });

  it("takes a document away: not Role B for a colleague's letter, yes its author", async () => {
    const stored = () =>
      mongoose.connection
        .db!.collection('attachments.files')
        .countDocuments({ 'metadata.familyId': new mongoose.Types.ObjectId(familyId) });
    const other = await midwife.client.upload(
      `${files()}?category=social`,
      pdfWith('to-remove'),
      'application/pdf',
    );
    const before = await stored();
    expect((await socialWorker.client.delete(`${files()}/${other.body.id}`)).status).toBe(403);
    expect((await midwife.client.delete(`${files()}/${other.body.id}`)).status).toBe(200);
    expect((await midwife.client.download(`${files()}/${other.body.id}`)).status).toBe(404);
    // Its bytes went with it.
    expect(await stored()).toBe(before - 1);
  });
});

describe('documents in a space', () => {
  let spaceId: string;
  let healthId: string;

  beforeAll(async () => {
    const space = await midwife.client.post(`/families/${familyId}/spaces`, {
      title: 'Démarches logement',
      audience: {
        team: 'allTeam',
        professionalIds: [],
        teamAccess: 'write',
        professionalAccess: [],
        members: [{ memberId: motherId, access: 'contribute' }],
      },
    });
    spaceId = space.body.id;
    const spaces = (await midwife.client.get(`/families/${familyId}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    healthId = spaces.find((candidate) => candidate.kind === 'health')!.id;
  });

  it('the mother adds a photo to the space she contributes to; who reads the space reads it, nobody else', async () => {
    const added = await mother.upload(`${files()}?spaceId=${spaceId}&name=bail.png`, png, 'image/png');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ spaceId, canDelete: true });
    for (const client of [midwife.client, socialWorker.client, mother])
      expect((await client.get(`${files()}?spaceId=${spaceId}`)).body.attachments).toHaveLength(1);
    expect((await partner.get(`${files()}?spaceId=${spaceId}`)).status).toBe(404);
    expect((await partner.download(`${files()}/${added.body.id}`)).status).toBe(404);
    expect((await partner.upload(`${files()}?spaceId=${spaceId}`, png, 'image/png')).status).toBe(404);
    // Not on the family file: the space's audience is its own.
    expect(
      (await mother.get(files())).body.attachments.map((attachment: { id: string }) => attachment.id),
    ).not.toContain(added.body.id);
    const sharing = await midwife.client.upload(
      `${files()}?spaceId=${spaceId}&sharedWith=${partnerId}`,
      png,
      'image/png',
    );
    expect(sharing.status).toBe(400);
  });

  it('the health space: Role A adds and reads, Role B and the family get 404', async () => {
    const added = await midwife.client.upload(
      `${files()}?spaceId=${healthId}`,
      pdfWith('HEALTH'),
      'application/pdf',
    );
    expect(added.status).toBe(201);
    expect(added.body.name).toBe('document.pdf');
    for (const client of [socialWorker.client, mother]) {
      expect((await client.get(`${files()}?spaceId=${healthId}`)).status).toBe(404);
      expect((await client.download(`${files()}/${added.body.id}`)).status).toBe(404);
    }
  });
});

describe("the mother's and the child's GP and DMG", () => {
  const gp = (memberId: string) => `/families/${familyId}/members/${memberId}/general-practitioner`;

  it('the team records them, Role B included; a member may not; bad input is refused', async () => {
    const recorded = await socialWorker.client.put(gp(motherId), {
      name: 'Dr Anne Lenoir',
      practice: 'Maison médicale du Nord',
      globalMedicalRecord: 'yes',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      memberId: motherId,
      globalMedicalRecord: 'yes',
      recordedByName: socialWorker.displayName,
    });
    await midwife.client.put(gp(partnerId), { name: '', globalMedicalRecord: 'no' });
    expect((await mother.put(gp(motherId), { name: 'Moi' })).status).toBe(403);
    const bad = await midwife.client.put(gp(motherId), { globalMedicalRecord: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('globalMedicalRecord');
    expect((await midwife.client.put(gp('0'.repeat(24)), { name: 'X' })).status).toBe(404);
  });

  it('the team reads every record, a member only her own', async () => {
    const list = async (client: TestApiClient) =>
      (
        (await client.get(`/families/${familyId}/general-practitioners`)).body.records as {
          memberId: string;
        }[]
      )
        .map((record) => record.memberId)
        .sort();
    expect(await list(midwife.client)).toEqual([motherId, partnerId].sort());
    expect(await list(socialWorker.client)).toEqual([motherId, partnerId].sort());
    expect(await list(mother)).toEqual([motherId]);
    expect(await list(partner)).toEqual([partnerId]);
  });
});

describe("a member's data download and the file's purge", () => {
  it("the mother's download lists the documents that concern her and her GP; the partner's not hers", async () => {
    const mine = (await mother.get(`/families/${familyId}/my-data`)).body;
    expect(mine.documents.map((document: { name: string }) => document.name).sort()).toEqual([
      'Lettre de sortie – maternité.pdf',
      'bail.png',
    ]);
    expect(mine.generalPractitioner).toMatchObject({ name: 'Dr Anne Lenoir', globalMedicalRecord: 'yes' });
    const theirs = (await partner.get(`/families/${familyId}/my-data`)).body;
    expect(theirs.documents).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain('Lenoir');
    const pdf = await mother.download(`/families/${familyId}/my-data/pdf`);
    expect(pdf.status).toBe(200);
  });

  it('a closed file still lets its documents be read, takes no new one, and its purge deletes every GridFS chunk', async () => {
    const closed = await midwife.client.post(`/families/${familyId}/closure`, {
      kind: 'left',
      reason: 'Déménagement',
    });
    expect(closed.status).toBe(201);
    const listed = (await midwife.client.get(files())).body.attachments as { id: string }[];
    expect((await midwife.client.download(`${files()}/${listed[0]!.id}`)).status).toBe(200);
    const refused = await midwife.client.upload(files(), pdfWith('late'), 'application/pdf');
    expect(refused.body.error.code).toBe('file_closed');
    const database = mongoose.connection.db!;
    const id = new mongoose.Types.ObjectId(familyId);
    const stored = await database.collection('attachments.files').find({ 'metadata.familyId': id }).toArray();
    expect(stored.length).toBe(4);
    await FamilyModel.updateOne(
      { _id: familyId },
      { $set: { 'closure.purgeAfter': new Date(Date.now() - 1000) } },
    );
    expect(await purgeExpiredFiles()).toBe(1);
    expect(await database.collection('attachments.files').countDocuments({ 'metadata.familyId': id })).toBe(
      0,
    );
    expect(
      await database
        .collection('attachments.chunks')
        .countDocuments({ files_id: { $in: stored.map((file) => file._id) } }),
    ).toBe(0);
    expect(await mongoose.connection.model('Attachment').countDocuments({ familyId: id })).toBe(0);
    expect(await mongoose.connection.model('GeneralPractitioner').countDocuments({ familyId: id })).toBe(0);
  });
});
