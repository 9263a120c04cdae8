import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type Stratum } from '@concerto/shared';
import { ConcertationModel } from '../../../server/src/models/concertation.ts';
import { ContactModel } from '../../../server/src/models/contact.ts';
import { FamilyModel } from '../../../server/src/models/family.ts';
import { ReferralModel } from '../../../server/src/models/referral.ts';
import { signIn, TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildOrganisation,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let admin: TestApiClient;
const ids = { cpas: '', hospital: '', namur: '' };
let cpasManager: BuiltProfessional;
let cpasWorker: BuiltProfessional;
let hospitalWorker: BuiltProfessional;
let namurManager: BuiltProfessional;

const today = new Date();
let sequence = 0;

/** A family file on `follower`'s team, dated and screened as asked (stored directly: a factory). */
async function figureFamily(
  follower: BuiltProfessional,
  options: { stratum?: Stratum; screenedWeek?: number | null; closed?: boolean } = {},
) {
  sequence += 1;
  const followerId = new mongoose.Types.ObjectId(follower.id);
  const dueDate = addDays(today, 60);
  const conception = addDays(dueDate, -280);
  const screenedWeek = options.screenedWeek === undefined ? 10 : options.screenedWeek;
  return FamilyModel.create({
    label: `Famille Chiffres ${sequence}`,
    members: [{ displayName: `Mère ${sequence}`, role: 'pregnantPerson' }],
    dueDate,
    entryPoint: { kind: 'initialAssessment', at: addDays(today, -90), byUserId: followerId },
    stratum: options.stratum ?? 'lowRisk',
    screening:
      screenedWeek === null
        ? null
        : { scenario: 'A', at: addDays(conception, screenedWeek * 7), recordedBy: followerId },
    team: [
      {
        professionalId: followerId,
        functions: ['coordinator'],
        joinedAt: addDays(today, -90),
        addedBy: followerId,
      },
    ],
    closure: options.closed
      ? {
          kind: 'left',
          at: addDays(today, -3),
          byUserId: followerId,
          reason: 'Départ',
          purgeAfter: addDays(today, 300),
        }
      : null,
    createdBy: followerId,
  });
}

async function referral(
  familyId: mongoose.Types.ObjectId,
  status: string,
  createdDaysAgo: number,
  outcomeAfterDays: number,
) {
  const createdAt = addDays(today, -createdDaysAgo);
  const history: object[] = [{ from: null, to: 'proposed', at: createdAt, by: 'Test', note: '' }];
  if (status !== 'proposed')
    history.push({
      from: 'proposed',
      to: status,
      at: addDays(createdAt, outcomeAfterDays),
      by: 'Test',
      note: '',
    });
  await new ReferralModel({
    familyId,
    memberId: new mongoose.Types.ObjectId(),
    entryId: new mongoose.Types.ObjectId(),
    entryName: 'Service',
    entryKind: 'cpas',
    reason: 'Test',
    status,
    followUpDate: addDays(createdAt, 14),
    createdBy: new mongoose.Types.ObjectId(),
    history,
    lastUpdateAt: createdAt,
    createdAt,
    updatedAt: createdAt,
  }).save({ timestamps: false });
}

async function heldConcertation(
  familyId: mongoose.Types.ObjectId,
  presence: 'onSite' | 'remote' | 'absent',
  daysAgo = 5,
) {
  const at = addDays(today, -daysAgo);
  await ConcertationModel.create({
    familyId,
    scheduledAt: at,
    durationMinutes: 45,
    organiserId: new mongoose.Types.ObjectId(),
    status: 'closed',
    startedAt: at,
    closedAt: at,
    attendance: [
      {
        participantKind: 'familyMember',
        participantId: 'member',
        name: 'Mère',
        status: presence === 'absent' ? 'absent' : 'present',
        mode: presence === 'absent' ? null : presence,
      },
    ],
  });
}

const table = (body: { tables: { key: string }[] }, key: string) =>
  body.tables.find((candidate) => candidate.key === key) as unknown as {
    rows: string[];
    columns: string[];
    cells: (number | null)[][];
    rowTotals: (number | null)[] | null;
    columnTotals: (number | null)[];
    total: number | null;
  };

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'root@figures.test',
    CONCERTO_ADMIN_PASSWORD: 'root-password-1',
  });
  admin = await signIn(server.url, 'root@figures.test', 'root-password-1');
  ids.cpas = String((await buildOrganisation({ name: 'CPAS Chiffres', kind: 'cpas' }))._id);
  ids.hospital = String((await buildOrganisation({ name: 'Maternité Chiffres' }))._id);
  ids.namur = String((await buildOrganisation({ name: 'Planning Namur', kind: 'familyPlanning' }))._id);
  cpasManager = await buildProfessional(server.url, {
    organisationId: ids.cpas,
    accessManager: true,
    healthRole: 'B',
  });
  cpasWorker = await buildProfessional(server.url, { organisationId: ids.cpas, healthRole: 'B' });
  hospitalWorker = await buildProfessional(server.url, { organisationId: ids.hospital });
  namurManager = await buildProfessional(server.url, { organisationId: ids.namur, accessManager: true });
  // The bassins are set through the API, as an access manager or the admin would.
  expect(
    (await cpasManager.client.put(`/organisations/${ids.cpas}/bassin`, { bassin: 'bruxellesNord' })).status,
  ).toBe(200);
  expect((await admin.put(`/organisations/${ids.hospital}/bassin`, { bassin: 'bruxellesNord' })).status).toBe(
    200,
  );
  expect(
    (await namurManager.client.put(`/organisations/${ids.namur}/bassin`, { bassin: 'namur' })).status,
  ).toBe(200);

  // The CPAS: 7 screened in T1, 2 in T2 (complex), 6 not screened (specific), and one closed file.
  const cpasFamilies: Awaited<ReturnType<typeof figureFamily>>[] = [];
  for (let index = 0; index < 7; index += 1) cpasFamilies.push(await figureFamily(cpasWorker));
  for (let index = 0; index < 2; index += 1)
    cpasFamilies.push(await figureFamily(cpasWorker, { stratum: 'complex', screenedWeek: 20 }));
  for (let index = 0; index < 6; index += 1)
    cpasFamilies.push(await figureFamily(cpasWorker, { stratum: 'specific', screenedWeek: null }));
  await figureFamily(cpasWorker, { closed: true });
  for (let index = 0; index < 8; index += 1) await referral(cpasFamilies[index]!._id, 'takenInCharge', 20, 3);
  for (let index = 0; index < 5; index += 1) await referral(cpasFamilies[index]!._id, 'contactMade', 30, 6);
  await referral(cpasFamilies[9]!._id, 'declined', 25, 12);
  await referral(cpasFamilies[10]!._id, 'proposed', 40, 0);
  // Before the period: not counted.
  await referral(cpasFamilies[11]!._id, 'takenInCharge', 500, 2);
  for (let index = 0; index < 6; index += 1) await heldConcertation(cpasFamilies[index]!._id, 'onSite');
  for (let index = 0; index < 2; index += 1) await heldConcertation(cpasFamilies[index]!._id, 'remote');
  for (let index = 0; index < 5; index += 1) await heldConcertation(cpasFamilies[index + 6]!._id, 'absent');
  // Home visits: six files visited twice, two once, the rest never; three calls, two video calls.
  const contact = (familyId: mongoose.Types.ObjectId, kind: string, daysAgo: number) => ({
    familyId,
    date: addDays(today, -daysAgo),
    kind,
    place: kind === 'homeVisit' ? 'home' : 'remote',
    durationMinutes: 60,
    recordedBy: new mongoose.Types.ObjectId(cpasWorker.id),
  });
  await ContactModel.insertMany([
    ...cpasFamilies
      .slice(0, 6)
      .flatMap((family) => [contact(family._id, 'homeVisit', 10), contact(family._id, 'homeVisit', 40)]),
    ...cpasFamilies.slice(6, 8).map((family) => contact(family._id, 'homeVisit', 12)),
    ...cpasFamilies.slice(0, 3).map((family) => contact(family._id, 'phone', 5)),
    ...cpasFamilies.slice(3, 5).map((family) => contact(family._id, 'video', 5)),
  ]);
  // The hospital: three families screened in T1. Namur: one.
  for (let index = 0; index < 3; index += 1) await figureFamily(hospitalWorker);
  await figureFamily(namurManager);
}, 120_000);
afterAll(() => server.dispose());

describe('network figures: the aggregates', () => {
  it("an organisation's manager reads its counts; small counts and those that would reveal them are hidden", async () => {
    const response = await cpasManager.client.get(`/figures?scope=organisation&organisationId=${ids.cpas}`);
    expect(response.status, response.text).toBe(200);
    expect(response.body.scope).toEqual({
      kind: 'organisation',
      organisationId: ids.cpas,
      name: 'CPAS Chiffres',
    });
    expect(response.body.minimumShownCount).toBe(5);
    const screening = table(response.body, 'screening');
    expect(screening.rows).toEqual([
      'firstTrimester',
      'secondTrimester',
      'thirdTrimester',
      'afterBirth',
      'screenedWithoutDates',
      'notScreened',
    ]);
    // 2 screened in T2 is hidden, and the 6 not screened with it (15 - 7 - 0 would give the 2 back).
    expect(screening.cells).toEqual([[7], [null], [0], [0], [0], [null]]);
    expect(screening.total).toBe(15);
    const caseLoad = table(response.body, 'caseLoad');
    expect(caseLoad.columns).toEqual(['prenatal', 'postnatal', 'earlyChildhood']);
    expect(caseLoad.cells.map((row) => row[0])).toEqual([7, null, null, 0, 0]);
    expect(caseLoad.rowTotals).toEqual([7, null, null, 0, 0]);
    expect(caseLoad.total).toBe(15);
    const referrals = table(response.body, 'referrals');
    expect(referrals.cells[referrals.rows.indexOf('takenInCharge')]).toEqual([8, 0, 0]);
    expect(referrals.cells[referrals.rows.indexOf('contactMade')]).toEqual([5, 0, 0]);
    expect(referrals.cells[referrals.rows.indexOf('declined')]).toEqual([0, null, 0]);
    expect(referrals.cells[referrals.rows.indexOf('open')]).toEqual([0, 0, null]);
    expect(referrals.total).toBe(15);
    const concertations = table(response.body, 'concertations');
    expect(concertations.cells).toEqual([[6], [null], [null]]);
    expect(concertations.total).toBe(13);
    // 14 home visits, 3 calls and 2 video calls (hidden together); by family: 7 never visited, 2 once
    // (hidden, and the 6 visited twice with them), none four times or more.
    // All in pregnancy (none of these files has a birth date).
    const contacts = table(response.body, 'contacts');
    expect(contacts.columns).toEqual(['prenatal', 'postnatal', 'earlyChildhood']);
    expect(contacts.cells[contacts.rows.indexOf('homeVisit')]).toEqual([14, 0, 0]);
    expect(contacts.cells[contacts.rows.indexOf('phone')]).toEqual([null, 0, 0]);
    expect(contacts.cells[contacts.rows.indexOf('video')]).toEqual([null, 0, 0]);
    expect(contacts.rowTotals?.[contacts.rows.indexOf('homeVisit')]).toBe(14);
    expect(contacts.total).toBe(19);
    const homeVisits = table(response.body, 'homeVisits');
    expect(homeVisits.cells).toEqual([[7], [null], [null], [0]]);
    expect(homeVisits.total).toBe(15);
    // Counts only: no family is named.
    expect(response.text).not.toContain('Famille');
    expect(response.text).not.toContain('Mère');
  });

  it('a bassin adds up its organisations; a worker reads her own case-load', async () => {
    const bassin = await cpasWorker.client.get('/figures?scope=bassin&bassin=bruxellesNord');
    expect(bassin.status, bassin.text).toBe(200);
    expect(table(bassin.body, 'screening').cells).toEqual([[10], [null], [0], [0], [0], [null]]);
    expect(table(bassin.body, 'screening').total).toBe(18);
    const own = await cpasWorker.client.get('/figures');
    expect(own.body.scope).toEqual({ kind: 'caseLoad' });
    expect(table(own.body, 'screening').total).toBe(15);
    const hospital = await hospitalWorker.client.get('/figures?scope=caseLoad');
    // Three families: every count hidden but the zeros.
    expect(table(hospital.body, 'screening').cells).toEqual([[null], [0], [0], [0], [0], [0]]);
    expect(table(hospital.body, 'screening').total).toBeNull();
  });

  it('the period chooses the referrals and concertations counted', async () => {
    const from = addDays(today, -26).toISOString().slice(0, 10);
    const response = await cpasManager.client.get(
      `/figures?scope=organisation&organisationId=${ids.cpas}&from=${from}`,
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.from).toBe(from);
    const referrals = table(response.body, 'referrals');
    // Only the 8 taken in charge (20 days ago) and the declined one (25 days ago) fall in it: with the
    // total of 9 shown, the 8 would give the hidden 1 back, so it is hidden too.
    expect(referrals.cells[referrals.rows.indexOf('takenInCharge')]).toEqual([null, 0, 0]);
    expect(referrals.cells[referrals.rows.indexOf('declined')]).toEqual([0, null, 0]);
    expect(referrals.total).toBe(9);
  });
});

describe('network figures: who reads which', () => {
  const get = (client: TestApiClient, query: string) =>
    client.get(`/figures${query}`).then((response) => response.status);

  it('offers each caller the scopes the policy gives her', async () => {
    const kinds = async (client: TestApiClient) =>
      (
        (await client.get('/figures/scopes')).body as {
          kind: string;
          organisationId?: string;
          bassin?: string;
        }[]
      ).map((scope) => scope.organisationId ?? scope.bassin ?? scope.kind);
    expect(await kinds(cpasManager.client)).toEqual(['caseLoad', ids.cpas, 'bruxellesNord']);
    expect(await kinds(cpasWorker.client)).toEqual(['caseLoad', 'bruxellesNord']);
    expect(await kinds(admin)).toEqual(
      expect.arrayContaining([ids.cpas, ids.hospital, ids.namur, 'bruxellesNord', 'namur']),
    );
    expect(await kinds(admin)).not.toContain('caseLoad');
  });

  it('answers 404 for a scope the caller may not read, and 200 for one she may', async () => {
    const organisation = `?scope=organisation&organisationId=${ids.cpas}`;
    expect(await get(cpasWorker.client, organisation)).toBe(404);
    expect(await get(hospitalWorker.client, organisation)).toBe(404);
    expect(await get(namurManager.client, organisation)).toBe(404);
    expect(await get(admin, organisation)).toBe(200);
    expect(await get(hospitalWorker.client, '?scope=bassin&bassin=bruxellesNord')).toBe(200);
    expect(await get(namurManager.client, '?scope=bassin&bassin=bruxellesNord')).toBe(404);
    expect(await get(cpasWorker.client, '?scope=bassin&bassin=namur')).toBe(404);
    expect(await get(admin, '?scope=caseLoad')).toBe(404);
    expect(await get(admin, `?scope=organisation&organisationId=${'0'.repeat(24)}`)).toBe(404);
    expect(await get(new TestApiClient(server.url), '')).toBe(401);
  });

  it('a family member reads no figures', async () => {
    const family = await buildFamily(cpasWorker.client);
    const member = await inviteMember(server.url, cpasWorker.client, family.id, family.members[0]!.id);
    expect((await member.get('/figures/scopes')).body).toEqual([]);
    expect(await get(member, '')).toBe(404);
    expect(await get(member, '?scope=caseLoad')).toBe(404);
  });

  it('says what is wrong with a bad query', async () => {
    for (const query of [
      '?scope=organisation',
      '?scope=bassin',
      '?scope=bassin&bassin=atlantide',
      '?scope=everything',
      '?from=2026-05-01&to=2026-01-01',
      '?from=2015-01-01&to=2026-01-01',
      '?from=yesterday',
      '?family=x',
    ]) {
      const response = await cpasManager.client.get(`/figures${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  it("only an organisation's access managers and the admin set its bassin", async () => {
    expect(
      (await cpasWorker.client.put(`/organisations/${ids.cpas}/bassin`, { bassin: 'namur' })).status,
    ).toBe(403);
    expect(
      (await namurManager.client.put(`/organisations/${ids.cpas}/bassin`, { bassin: 'namur' })).status,
    ).toBe(404);
    expect(
      (await cpasManager.client.put(`/organisations/${ids.cpas}/bassin`, { bassin: 'atlantide' })).status,
    ).toBe(400);
    const listed = (await cpasManager.client.get('/organisations')).body as {
      id: string;
      bassin: string | null;
    }[];
    expect(listed.find((organisation) => organisation.id === ids.cpas)?.bassin).toBe('bruxellesNord');
  });
});
