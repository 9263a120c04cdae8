import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFamily,
  buildOrganisation,
  buildProfessional,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let manager: BuiltProfessional;
let secondManager: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
/** The two access managers of the organisation whose sign-in settings the current test changes. */
let managers: [BuiltProfessional, BuiltProfessional];

/** One record the UI edits: how to create it, and two changes by two people who both read version `v`. */
interface VersionedRecord {
  /** PATCH unless said otherwise. */
  method?: 'PUT';
  create: () => Promise<{ path: string; version: number }>;
  /** Reads the record's current view (to check what landed). */
  read: (path: string) => Promise<Record<string, unknown>>;
  first: { who: () => BuiltProfessional; body: () => unknown; fields: string[] };
  second: { who: () => BuiltProfessional; body: () => unknown };
  /** Five different changes sent at once, each based on the same version. */
  concurrent: (index: number) => unknown;
  /** The field of its view that carries the version, when it is not `version`. */
  versionField?: string;
}

const versionIn = (record: VersionedRecord, view: Record<string, unknown>) =>
  view[record.versionField ?? 'version'];

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const staffPath = () => `/organisations/${manager.organisationId}/professionals`;

const records: Record<string, VersionedRecord> = {
  "a space's audience": {
    create: async () => {
      const created = await midwife.client.post(`/families/${family.id}/spaces`, {
        title: 'Suivi logement',
        audience: { team: 'allTeam', members: [] },
      });
      return { path: `/families/${family.id}/spaces/${created.body.id}`, version: created.body.version };
    },
    read: async (path) => {
      const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body;
      return spaces.find((space: { id: string }) => path.endsWith(space.id));
    },
    first: {
      who: () => socialWorker,
      body: () => ({
        audience: { team: 'allTeam', members: [{ memberId: family.members[0]!.id, access: 'read' }] },
      }),
      fields: ['audience'],
    },
    second: { who: () => midwife, body: () => ({ audience: { team: 'allTeam', members: [] } }) },
    concurrent: (index) => ({ title: `Suivi logement ${index}` }),
  },
  'a staff account': {
    create: async () => {
      const colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
      const staff = (await manager.client.get(staffPath())).body;
      const seen = staff.find((professional: { id: string }) => professional.id === colleague.id);
      return { path: `${staffPath()}/${colleague.id}`, version: seen.version };
    },
    read: async (path) => {
      const staff = (await manager.client.get(staffPath())).body;
      return staff.find((professional: { id: string }) => path.endsWith(professional.id));
    },
    first: { who: () => secondManager, body: () => ({ accessManager: true }), fields: ['accessManager'] },
    second: { who: () => manager, body: () => ({ active: false }) },
    concurrent: (index) => (index % 2 ? { active: false } : { accessManager: true }),
  },
  "an organisation's sign-in settings": {
    method: 'PUT',
    create: async () => {
      const organisation = await buildOrganisation();
      const access = { accessManager: true, organisationId: String(organisation._id) };
      managers = [
        await buildProfessional(server.url, { ...access, displayName: 'Marc Gestionnaire' }),
        await buildProfessional(server.url, { ...access, displayName: 'Lea Gestionnaire' }),
      ];
      const path = `/organisations/${String(organisation._id)}/sign-in`;
      return { path, version: (await managers[0].client.get(path)).body.version };
    },
    read: async (path) => (await managers[0].client.get(path)).body,
    first: {
      who: () => managers[1],
      body: () => ({ secondFactorRequired: true, identityProvider: null }),
      fields: ['secondFactorRequired'],
    },
    second: { who: () => managers[0], body: () => ({ secondFactorRequired: false, identityProvider: null }) },
    concurrent: (index) => ({ secondFactorRequired: index % 2 === 0, identityProvider: null }),
  },
  "an organisation's bassin": {
    method: 'PUT',
    versionField: 'bassinVersion',
    create: async () => {
      const organisation = await buildOrganisation();
      const access = { accessManager: true, organisationId: String(organisation._id) };
      managers = [
        await buildProfessional(server.url, { ...access, displayName: 'Marc Gestionnaire' }),
        await buildProfessional(server.url, { ...access, displayName: 'Lea Gestionnaire' }),
      ];
      const listed = (await managers[0].client.get('/organisations')).body;
      const own = listed.find((candidate: { id: string }) => candidate.id === String(organisation._id));
      return { path: `/organisations/${String(organisation._id)}/bassin`, version: own.bassinVersion };
    },
    read: async (path) => {
      const listed = (await managers[0].client.get('/organisations')).body;
      return listed.find((candidate: { id: string }) => path.includes(candidate.id));
    },
    first: { who: () => managers[1], body: () => ({ bassin: 'namur' }), fields: ['bassin'] },
    second: { who: () => managers[0], body: () => ({ bassin: 'liege' }) },
    concurrent: (index) => ({ bassin: ['namur', 'liege', 'bruxellesNord', 'hainaut', 'luxembourg'][index] }),
  },
  'a concertation': {
    create: async () => {
      const scheduled = await midwife.client.post(`/families/${family.id}/concertations`, {
        scheduledAt: inAWeek(),
        place: 'Maison médicale',
        agenda: [{ title: 'Besoins' }, { title: 'Décisions' }],
        invitedProfessionalIds: [socialWorker.id],
      });
      expect(scheduled.status).toBe(201);
      return { path: `/concertations/${scheduled.body.id}`, version: scheduled.body.version };
    },
    read: async (path) => (await midwife.client.get(path)).body,
    first: {
      who: () => socialWorker,
      body: () => ({ place: 'CPAS de Schaerbeek', durationMinutes: 90 }),
      fields: ['durationMinutes', 'place'],
    },
    second: { who: () => midwife, body: () => ({ agenda: [{ title: 'Logement' }] }) },
    concurrent: (index) => ({ place: `Salle ${index}` }),
  },
};

beforeAll(async () => {
  server = await startTestServer();
  manager = await buildProfessional(server.url, { accessManager: true, displayName: 'Gestionnaire' });
  secondManager = await buildProfessional(server.url, {
    accessManager: true,
    organisationId: manager.organisationId,
    displayName: 'Claire Gestionnaire',
  });
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Assistante' });
  family = await buildFamily(midwife.client);
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  // The coordinator manages the family's concertations along with their organiser, here the referent.
  const coordinator = await midwife.client.post(`/families/${family.id}/functions`, {
    function: 'coordinator',
    professionalId: socialWorker.id,
  });
  expect(coordinator.status).toBe(201);
  const referent = await midwife.client.post(`/families/${family.id}/functions`, {
    function: 'referent',
    professionalId: midwife.id,
    onBehalfOfMemberId: family.members[0]!.id,
  });
  expect(referent.status).toBe(201);
});
afterAll(() => server.dispose());

describe.each(Object.entries(records))('%s carries its version', (_name, record) => {
  it('a change based on an older version is refused, saying who changed which fields; the fresh one lands', async () => {
    const { path, version } = await record.create();
    expect(version).toBe(0);
    const first = await record.first.who().client.patchAt(path, record.first.body(), version, record.method);
    expect(first.status).toBe(200);
    expect(versionIn(record, first.body)).toBe(version + 1);

    const stale = await record.second
      .who()
      .client.patchAt(path, record.second.body(), version, record.method);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'stale',
      details: {
        version: version + 1,
        changedBy: record.first.who().displayName,
        fields: record.first.fields,
      },
    });
    // Nothing of the refused change landed.
    const afterRefusal = await record.read(path);
    expect(afterRefusal).toMatchObject(record.first.body() as object);
    expect(versionIn(record, afterRefusal)).toBe(version + 1);

    const fresh = await record.second
      .who()
      .client.patchAt(path, record.second.body(), version + 1, record.method);
    expect(fresh.status).toBe(200);
    expect(versionIn(record, fresh.body)).toBe(version + 2);
  });

  it('of five simultaneous changes based on the same version, exactly one lands', async () => {
    const { path, version } = await record.create();
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map((index) =>
        record.first.who().client.patchAt(path, record.concurrent(index), version, record.method),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    const winner = statuses.indexOf(200);
    const landed = await record.read(path);
    expect(landed).toMatchObject(record.concurrent(winner) as object);
    expect(versionIn(record, landed)).toBe(version + 1);
  });
});
