import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let manager: BuiltProfessional;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;

/** A PATCH as the UI sends it: with the version the caller saw in If-Match, or none. */
async function patch(who: BuiltProfessional, path: string, body: unknown, version?: number) {
  const response = await fetch(`${server.url}/api${path}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${who.client.credentials.token}`,
      ...(version === undefined ? {} : { 'If-Match': `"${version}"` }),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** One record the UI edits: how to create it, and two changes by two people who both read version `v`. */
interface VersionedRecord {
  create: () => Promise<{ path: string; version: number }>;
  first: { who: () => BuiltProfessional; body: () => unknown; fields: string[] };
  second: { who: () => BuiltProfessional; body: () => unknown };
}

const records: Record<string, VersionedRecord> = {
  'a directory entry': {
    create: async () => {
      const entry = await manager.client.post('/directory', {
        name: 'Maison maternelle du Nord',
        kind: 'housing',
        cost: 'free',
        bassin: 'bruxellesNord',
      });
      return { path: `/directory/${entry.body.id}`, version: entry.body.version };
    },
    first: {
      who: () => midwife,
      body: () => ({ availability: { status: 'full', note: '' } }),
      fields: ['availability'],
    },
    second: { who: () => manager, body: () => ({ offer: 'Hébergement mère-enfant' }) },
  },
  'a network meeting': {
    create: async () => {
      const meeting = await midwife.client.post('/network-meetings', {
        title: 'Rencontre périnatalité — bassin Nord',
        kind: 'rencontresPerinatalite',
        bassin: 'bruxellesNord',
        scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        memberOrganisationIds: [socialWorker.organisationId],
      });
      return { path: `/network-meetings/${meeting.body.id}`, version: meeting.body.version };
    },
    first: {
      who: () => midwife,
      body: () => ({ nextDate: new Date(Date.now() + 60 * 86_400_000).toISOString() }),
      fields: ['nextDate'],
    },
    second: { who: () => midwife, body: () => ({ status: 'open' }) },
  },
  'an indicator': {
    create: async () => {
      const created = await midwife.client.post(`/families/${family.id}/indicators`, {
        key: 'housing',
        note: 'Logement humide',
      });
      return { path: `/families/${family.id}/indicators/${created.body.id}`, version: created.body.version };
    },
    first: {
      who: () => midwife,
      body: () => ({ sharedWithMemberIds: [family.members[0]!.id] }),
      fields: ['sharedWithMemberIds'],
    },
    second: { who: () => midwife, body: () => ({ sharedWithMemberIds: [] }) },
  },
};

beforeAll(async () => {
  server = await startTestServer();
  manager = await buildProfessional(server.url, { accessManager: true, displayName: 'Gestionnaire' });
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Assistante' });
  family = await buildFamily(midwife.client);
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
});
afterAll(() => server.dispose());

describe.each(Object.entries(records))('%s carries its version', (_name, record) => {
  it('a change based on an older version is refused, saying who changed which fields; the fresh one lands', async () => {
    const { path, version } = await record.create();
    expect(version).toBe(0);
    const first = await patch(record.first.who(), path, record.first.body(), version);
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(version + 1);

    const stale = await patch(record.second.who(), path, record.second.body(), version);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'stale',
      details: {
        version: version + 1,
        changedBy: record.first.who().displayName,
        fields: record.first.fields,
      },
    });
    const fresh = await patch(record.second.who(), path, record.second.body(), version + 1);
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(version + 2);
  });

  it('a change without If-Match still goes through and moves the version on', async () => {
    const { path, version } = await record.create();
    const unversioned = await patch(record.second.who(), path, record.second.body());
    expect(unversioned.status).toBe(200);
    expect(unversioned.body.version).toBe(version + 1);
  });
});

describe('the version check and the write are one step', () => {
  it('of five simultaneous changes based on the same version, exactly one lands', async () => {
    const { path, version } = await records['a directory entry']!.create();
    const statuses = await Promise.all(
      ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi'].map(
        async (day) => (await patch(manager, path, { openingHours: day }, version)).status,
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    const entries = (await manager.client.get('/directory?q=Maison maternelle')).body;
    const entry = entries.find((candidate: { id: string }) => path.endsWith(candidate.id));
    expect(entry.version).toBe(version + 1);
  });
});
