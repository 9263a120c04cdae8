import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../../server/src/models/auditEntry.ts';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildOrganisation,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let shelterWorker: BuiltProfessional;
let outsider: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let motherId: string;
let partnerId: string;
let mother: TestApiClient;
let partner: TestApiClient;
let contacts: string;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Assistante' });
  const shelter = String((await buildOrganisation({ kind: 'familySupport' }))._id);
  shelterWorker = await buildProfessional(server.url, {
    healthRole: 'B',
    organisationId: shelter,
    displayName: 'Refuge Intervenante',
  });
  outsider = await buildProfessional(server.url);
  family = await buildFamily(midwife.client);
  [motherId, partnerId] = family.members.map((member) => member.id) as [string, string];
  contacts = `/families/${family.id}/contacts`;
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  await midwife.client.post(`/families/${family.id}/team`, {
    professionalId: shelterWorker.id,
    hiddenFromMemberIds: [partnerId],
  });
  mother = await inviteMember(server.url, midwife.client, family.id, motherId);
  partner = await inviteMember(server.url, midwife.client, family.id, partnerId);
});
afterAll(() => server.dispose());

async function record(client: TestApiClient, body: Record<string, unknown>) {
  const response = await client.post(contacts, {
    kind: 'homeVisit',
    place: 'home',
    durationMinutes: 60,
    ...body,
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

describe('the contact log', () => {
  it('records a home visit with who took part, the interpreter and a note, and counts it per professional', async () => {
    const log = await record(midwife.client, {
      date: daysAgo(3),
      durationMinutes: 90,
      professionalIds: [midwife.id, socialWorker.id],
      memberIds: [motherId],
      others: ['Grand-mère Fatima'],
      interpreter: true,
      interpreterLanguage: 'ar',
      note: 'Logement humide, lit bébé à trouver',
    });
    const visit = log.contacts[0];
    expect(visit).toMatchObject({
      date: daysAgo(3),
      kind: 'homeVisit',
      place: 'home',
      durationMinutes: 90,
      members: [{ id: motherId, displayName: 'Maria' }],
      others: ['Grand-mère Fatima'],
      interpreter: true,
      interpreterLanguage: 'ar',
      note: 'Logement humide, lit bébé à trouver',
      recordedBy: { id: midwife.id },
    });
    expect(visit.professionals.map((person: { displayName: string }) => person.displayName)).toEqual([
      'Sophie Sage-femme',
      'Nadia Assistante',
    ]);
    // Without professionals named, the author took part; the call is remote by its own choice.
    await record(socialWorker.client, {
      kind: 'phone',
      place: 'remote',
      durationMinutes: 20,
      memberIds: [motherId],
    });
    const read = (await midwife.client.get(contacts)).body;
    expect(read.contacts.map((contact: { kind: string }) => contact.kind)).toEqual(['phone', 'homeVisit']);
    expect(read.totals).toMatchObject({ count: 2, minutes: 110 });
    expect(read.totals.byKind).toEqual([
      { kind: 'homeVisit', count: 1, minutes: 90 },
      { kind: 'phone', count: 1, minutes: 20 },
    ]);
    const perProfessional = Object.fromEntries(
      read.totals.byProfessional.map((total: { professional: { id: string }; minutes: number }) => [
        total.professional.id,
        total.minutes,
      ]),
    );
    expect(perProfessional).toEqual({ [midwife.id]: 90, [socialWorker.id]: 110 });
    expect(read.policies).toEqual({ record: true, export: true, recordMedicalNote: true });
  });

  it('says what is wrong with a contact that cannot be right', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ durationMinutes: 800 }, 'durationMinutes'],
      [{ date: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }, 'date'],
      [{ interpreter: true }, 'interpreterLanguage'],
      [{ professionalIds: [outsider.id] }, 'professionalIds'],
      [{ memberIds: [outsider.id] }, 'memberIds'],
      [{ kind: 'visit' }, 'kind'],
      [{ place: 'Rue Haute 12' }, 'place'],
    ];
    for (const [change, path] of cases) {
      const response = await midwife.client.post(contacts, {
        kind: 'homeVisit',
        place: 'home',
        durationMinutes: 30,
        ...change,
      });
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(JSON.stringify(response.body.error.details), JSON.stringify(change)).toContain(path);
    }
    expect((await midwife.client.get(contacts)).body.totals.count).toBe(2);
  });

  it('a medical note is written and read by Role A only; Role B sees the contact without it', async () => {
    const refused = await socialWorker.client.post(contacts, {
      kind: 'consultation',
      place: 'practice',
      durationMinutes: 30,
      note: 'Tension élevée',
      medicalNote: true,
    });
    expect(refused.status).toBe(403);
    await record(midwife.client, {
      kind: 'consultation',
      place: 'practice',
      durationMinutes: 45,
      memberIds: [motherId],
      note: 'Tension 15/9, anxiété',
      medicalNote: true,
    });
    const asRoleB = await socialWorker.client.get(contacts);
    expect(asRoleB.text).not.toContain('Tension 15/9');
    const consultation = asRoleB.body.contacts.find(
      (contact: { kind: string }) => contact.kind === 'consultation',
    );
    expect(consultation).toMatchObject({ note: null, noteWithheld: true, durationMinutes: 45 });
    expect(asRoleB.body.policies.recordMedicalNote).toBe(false);
    expect((await midwife.client.get(contacts)).text).toContain('Tension 15/9');
  });

  it('a member sees the contacts she took part in, without notes, other members or other people', async () => {
    const asMother = await mother.get(contacts);
    expect(asMother.status).toBe(200);
    expect(asMother.body.contacts).toHaveLength(3);
    for (const text of ['Logement humide', 'Tension', 'Grand-mère Fatima'])
      expect(asMother.text).not.toContain(text);
    expect(asMother.body.policies).toEqual({ record: false, export: false, recordMedicalNote: false });
    expect(asMother.body.contacts.every((contact: { medicalNote: boolean }) => !contact.medicalNote)).toBe(
      true,
    );
    // The partner took part in none of them.
    expect((await partner.get(contacts)).body.contacts).toEqual([]);
    expect((await mother.post(contacts, { kind: 'phone', place: 'remote', durationMinutes: 5 })).status).toBe(
      403,
    );
  });

  it('a contact with a professional hidden from the partner, or recorded by her, does not exist for him', async () => {
    const both = [motherId, partnerId];
    await record(midwife.client, {
      kind: 'accompaniment',
      place: 'elsewhere',
      memberIds: both,
      date: daysAgo(1),
    });
    await record(midwife.client, {
      kind: 'homeVisit',
      memberIds: both,
      professionalIds: [midwife.id, shelterWorker.id],
      date: daysAgo(1),
    });
    await record(shelterWorker.client, {
      kind: 'meeting',
      place: 'elsewhere',
      memberIds: both,
      professionalIds: [midwife.id],
      date: daysAgo(1),
    });
    const asPartner = await partner.get(contacts);
    expect(asPartner.body.contacts.map((contact: { kind: string }) => contact.kind)).toEqual([
      'accompaniment',
    ]);
    expect(asPartner.text).not.toContain('Refuge Intervenante');
    expect(asPartner.text).not.toContain(shelterWorker.id);
    // He sees himself among those present, never the mother (another member's presence is hers).
    expect(asPartner.body.contacts[0].members).toEqual([{ id: partnerId, displayName: 'Tom' }]);
    const asMother = (await mother.get(contacts)).body.contacts.map(
      (contact: { kind: string }) => contact.kind,
    );
    expect(asMother).toEqual(expect.arrayContaining(['accompaniment', 'homeVisit', 'meeting']));
    // Her data download (GDPR) lists the same contacts; his, only his own.
    const motherData = (await mother.get(`/families/${family.id}/my-data`)).body;
    expect(motherData.contacts).toHaveLength(asMother.length);
    const partnerData = await partner.get(`/families/${family.id}/my-data`);
    expect(partnerData.body.contacts).toHaveLength(1);
    expect(partnerData.text).not.toContain('Refuge Intervenante');
  });

  it('a withdrawn consent to sharing keeps the note to its author; the contact still counts', async () => {
    await record(socialWorker.client, {
      kind: 'phone',
      place: 'remote',
      memberIds: [motherId],
      note: 'Dossier CPAS ouvert',
    });
    expect((await midwife.client.get(contacts)).text).toContain('Dossier CPAS ouvert');
    await mother.post(`/families/${family.id}/consents`, {
      memberId: motherId,
      scope: 'teamSharing',
      granted: false,
    });
    const asMidwife = await midwife.client.get(contacts);
    expect(asMidwife.text).not.toContain('Dossier CPAS ouvert');
    expect(asMidwife.text).toContain('Tension 15/9');
    expect((await socialWorker.client.get(contacts)).text).toContain('Dossier CPAS ouvert');
    await mother.post(`/families/${family.id}/consents`, {
      memberId: motherId,
      scope: 'teamSharing',
      granted: true,
    });
  });

  it('nobody outside the team and the family learns the log exists; each read is audited', async () => {
    expect((await outsider.client.get(contacts)).status).toBe(404);
    expect(
      (await outsider.client.post(contacts, { kind: 'phone', place: 'remote', durationMinutes: 5 })).status,
    ).toBe(404);
    expect((await outsider.client.get(`${contacts}.csv`)).status).toBe(404);
    const before = await AuditEntryModel.countDocuments({ familyId: family.id, part: 'contacts' });
    await socialWorker.client.get(contacts);
    expect(await AuditEntryModel.countDocuments({ familyId: family.id, part: 'contacts' })).toBe(before + 1);
  });

  it('exports the log as CSV for the funder, without notes or members’ names', async () => {
    const response = await fetch(`${server.url}/api${contacts}.csv`, {
      headers: { Authorization: `Bearer ${midwife.client.credentials.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'file,date,kind,place,durationMinutes,professionals,familyMembers,others,interpreter,interpreterLanguage',
    );
    const total = (await midwife.client.get(contacts)).body.totals.count;
    expect(lines).toHaveLength(total + 1);
    expect(lines).toContain(
      `${family.id},${daysAgo(3)},homeVisit,home,90,Sophie Sage-femme|Nadia Assistante,1,1,yes,ar`,
    );
    const text = lines.join('\n');
    for (const secret of ['Logement humide', 'Tension', 'Maria', 'Grand-mère'])
      expect(text).not.toContain(secret);
    expect((await partner.get(`${contacts}.csv`)).status).toBe(403);
  });
});
