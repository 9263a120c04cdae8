import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../../server/src/models/auditEntry.ts';
import { signIn, type TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildOrganisation,
  buildProfessional,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let admin: TestApiClient;
let hospital: string;
let midwife: BuiltProfessional;
let colleague: BuiltProfessional;
let manager: BuiltProfessional;
let socialWorker: BuiltProfessional;
let cpasManager: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let otherFamily: Awaited<ReturnType<typeof buildFamily>>;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'root@services.test',
    CONCERTO_ADMIN_PASSWORD: 'root-password-1',
  });
  admin = await signIn(server.url, 'root@services.test', 'root-password-1');
  hospital = String((await buildOrganisation({ kind: 'hospital', name: 'Maternité Sud' }))._id);
  const cpas = String((await buildOrganisation({ kind: 'cpas' }))._id);
  midwife = await buildProfessional(server.url, {
    organisationId: hospital,
    displayName: 'Sophie Sage-femme',
  });
  colleague = await buildProfessional(server.url, { organisationId: hospital });
  manager = await buildProfessional(server.url, { organisationId: hospital, accessManager: true });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', organisationId: cpas });
  cpasManager = await buildProfessional(server.url, {
    healthRole: 'B',
    organisationId: cpas,
    accessManager: true,
  });
  family = await buildFamily(midwife.client, { label: 'Famille Secrète' });
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  otherFamily = await buildFamily(midwife.client);
});
afterAll(() => server.dispose());

async function contact(body: Record<string, unknown> = {}, familyId = family.id): Promise<string> {
  const response = await midwife.client.post(`/families/${familyId}/contacts`, {
    kind: 'homeVisit',
    place: 'home',
    durationMinutes: 60,
    memberIds: familyId === family.id ? [family.members[0]!.id] : [],
    ...body,
  });
  expect(response.status, response.text).toBe(201);
  return response.body.contacts[0].id;
}

const services = (client: TestApiClient = midwife.client) =>
  client.get(`/families/${family.id}`).then((response) => response.body);

describe('funded services with proof', () => {
  it('the BIB scenario opens the services: none before screening, the consultation with A, all with B', async () => {
    const visit = await contact({ date: daysAgo(10) });
    const before = await services();
    expect(before.serviceEligibility).toEqual({
      scenario: null,
      services: {
        screening: 'open',
        prenatalConsultation: 'noScreening',
        coordination: 'noScreening',
        concertation: 'noScreening',
      },
    });
    const refused = await midwife.client.post(`/families/${family.id}/services`, {
      service: 'prenatalConsultation',
      contactIds: [visit],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('service_not_open');
    await midwife.client.post(`/families/${family.id}/screening`, { scenario: 'A' });
    expect((await services()).serviceEligibility.services).toMatchObject({
      prenatalConsultation: 'open',
      coordination: 'notOpened',
    });
    const coordination = await midwife.client.post(`/families/${family.id}/services`, {
      service: 'coordination',
      contactIds: [visit],
    });
    expect(coordination.status).toBe(409);
    expect(coordination.body.error.message).toContain('scenario A');
    // The latest screening counts.
    await midwife.client.post(`/families/${family.id}/screening`, { scenario: 'B' });
    expect((await services()).serviceEligibility).toEqual({
      scenario: 'B',
      services: {
        screening: 'open',
        prenatalConsultation: 'open',
        coordination: 'open',
        concertation: 'open',
      },
    });
  });

  it('a consultation or the coordination rests on contacts: their time, places and participants are its proof', async () => {
    const first = await contact({
      date: daysAgo(6),
      durationMinutes: 90,
      professionalIds: [midwife.id, socialWorker.id],
    });
    const second = await contact({ date: daysAgo(2), kind: 'phone', place: 'remote', durationMinutes: 15 });
    const url = `/families/${family.id}/services`;
    const noProof = await midwife.client.post(url, { service: 'coordination' });
    expect(noProof.status).toBe(400);
    expect(noProof.body.error.details[0].path).toBe('contactIds');
    const elsewhere = await contact({}, otherFamily.id);
    const foreign = await midwife.client.post(url, {
      service: 'coordination',
      contactIds: [first, elsewhere],
    });
    expect(foreign.status).toBe(400);
    const future = await midwife.client.post(url, {
      service: 'coordination',
      contactIds: [first],
      at: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(future.status).toBe(400);
    const recorded = await midwife.client.post(url, { service: 'coordination', contactIds: [first, second] });
    expect(recorded.status, recorded.text).toBe(201);
    const delivery = recorded.body.services.find(
      (record: { service: string }) => record.service === 'coordination',
    );
    expect(delivery).toMatchObject({
      at: daysAgo(2),
      durationMinutes: 105,
      places: ['home', 'remote'],
      contactIds: [first, second],
      concertationId: null,
      eligibility: 'open',
      deliveredBy: { id: midwife.id },
    });
    expect(delivery.participants.professionals.map((person: { id: string }) => person.id)).toEqual([
      midwife.id,
      socialWorker.id,
    ]);
    expect(delivery.participants.members).toEqual([{ id: family.members[0]!.id, displayName: 'Maria' }]);
    // A contact proves a service once.
    const twice = await midwife.client.post(url, { service: 'coordination', contactIds: [second] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('contact_already_claimed');
    // The coordination flat rate stays Role A's (AR 78); Role B records the screening.
    expect(
      (await socialWorker.client.post(url, { service: 'coordination', contactIds: [first] })).status,
    ).toBe(403);
    expect((await socialWorker.client.post(url, { service: 'screening', contactIds: [first] })).status).toBe(
      201,
    );
  });

  it('closing a meeting records the concertation with its time and who was present, once', async () => {
    const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      remote: true,
      agenda: [{ title: 'Plan' }],
      invitedProfessionalIds: [socialWorker.id],
      invitedMemberIds: [family.members[0]!.id],
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    const id = scheduled.body.id;
    await midwife.client.patch(`/concertations/${id}`, { status: 'open' });
    const marked = await midwife.client.post(`/concertations/${id}/attendance`, {
      participantKind: 'familyMember',
      participantId: family.members[0]!.id,
      status: 'present',
    });
    expect(marked.status, marked.text).toBe(200);
    expect((await midwife.client.post(`/concertations/${id}/close`)).status).toBe(200);
    const delivery = (await services()).services.find(
      (record: { concertationId: string | null }) => record.concertationId === id,
    );
    expect(delivery).toMatchObject({ service: 'concertation', places: ['remote'], eligibility: 'open' });
    expect(delivery.durationMinutes).toBeGreaterThan(0);
    expect(delivery.participants.members.map((member: { id: string }) => member.id)).toEqual([
      family.members[0]!.id,
    ]);
    const again = await midwife.client.post(`/families/${family.id}/services`, {
      service: 'concertation',
      concertationId: id,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('concertation_already_claimed');
  });

  it("the organisation's manager exports its staff's services of a period, files by id only, each read audited", async () => {
    const url = `/organisations/${hospital}/services.csv?from=${daysAgo(30)}&to=${today()}`;
    const response = await manager.client.get(url);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'file,service,date,deliveredBy,durationMinutes,places,professionals,familyMembers,others,proofContacts,proofConcertation,scenario,eligibility',
    );
    const rows = lines.slice(1).map((line) => line.split(','));
    // The midwife's screenings A and B, her coordination, the concertation she closed — not the CPAS's screening.
    expect(rows.map((row) => row[1]).sort()).toEqual([
      'concertation',
      'coordination',
      'screening',
      'screening',
    ]);
    expect(rows.every((row) => row[0] === family.id && row[3] === 'Sophie Sage-femme')).toBe(true);
    const coordination = rows.find((row) => row[1] === 'coordination')!;
    expect(coordination.slice(4)).toEqual([
      '105',
      'home|remote',
      expect.stringContaining('Sophie Sage-femme'),
      '1',
      '0',
      '2',
      '',
      'B',
      'open',
    ]);
    for (const secret of ['Famille Secrète', 'Maria']) expect(response.text).not.toContain(secret);
    expect(
      await AuditEntryModel.countDocuments({
        familyId: family.id,
        part: 'services',
        actorUserId: manager.id,
      }),
    ).toBe(1);
    // The CPAS's manager exports the screening her social worker recorded.
    const cpas = await cpasManager.client.get(`/organisations/${socialWorker.organisationId}/services.csv`);
    expect(cpas.text.trim().split('\r\n')).toHaveLength(2);
  });

  it('answers a period that cannot be right, and nobody else gets the export', async () => {
    const base = `/organisations/${hospital}/services.csv`;
    const backwards = await manager.client.get(`${base}?from=${today()}&to=${daysAgo(3)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toBe('to');
    expect((await manager.client.get(`${base}?from=yesterday`)).status).toBe(400);
    const empty = await manager.client.get(`${base}?from=${daysAgo(400)}&to=${daysAgo(390)}`);
    expect(empty.text.trim().split('\r\n')).toHaveLength(1);
    // A colleague knows her organisation exists: 403; another organisation's manager or the admin: nothing.
    expect((await colleague.client.get(base)).status).toBe(403);
    expect((await midwife.client.get(base)).status).toBe(403);
    expect((await cpasManager.client.get(base)).status).toBe(404);
    expect((await admin.get(base)).status).toBe(403);
  });
});
