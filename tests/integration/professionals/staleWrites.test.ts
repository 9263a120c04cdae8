import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@concerto/shared';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let entryId: string;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** A PATCH carrying the version the caller saw, as the UI sends it. */
async function patchAt(who: BuiltProfessional, path: string, body: unknown, version: number | string) {
  const response = await fetch(`${server.url}/api${path}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${who.client.credentials.token}`,
      'If-Match': typeof version === 'number' ? `"${version}"` : version,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  server = await startTestServer();
  const manager = await buildProfessional(server.url, { accessManager: true });
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Nadia Assistante' });
  family = await buildFamily(midwife.client);
  await midwife.client.post(`/families/${family.id}/team`, { professionalId: socialWorker.id });
  entryId = (
    await manager.client.post('/directory', {
      name: 'Agence immobilière sociale',
      kind: 'housing',
      cost: 'free',
      bassin: 'bruxellesNord',
    })
  ).body.id;
});
afterAll(() => server.dispose());

describe('stale writes', () => {
  it('a referral moved on meanwhile answers 409 saying who changed what, and the fresh version goes through', async () => {
    const created = await midwife.client.post(`/families/${family.id}/referrals`, {
      memberId: family.members[0]!.id,
      entryId,
      reason: 'Logement insalubre',
      familyAgreed: false,
      followUpDate: isoDate(addDays(new Date(), 7)),
    });
    const seen = created.body.version as number;
    const first = await patchAt(socialWorker, `/referrals/${created.body.id}`, { status: 'agreed' }, seen);
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(seen + 1);

    const stale = await patchAt(
      midwife,
      `/referrals/${created.body.id}`,
      { status: 'agreed', note: 'ok' },
      seen,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'stale',
      details: { version: seen + 1, changedBy: 'Nadia Assistante', fields: ['status'] },
    });
    const fresh = await patchAt(
      midwife,
      `/referrals/${created.body.id}`,
      { status: 'contactMade' },
      seen + 1,
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.status).toBe('contactMade');
  });

  it("the file's label and dates: a stale change is refused and names the fields changed", async () => {
    const file = (await midwife.client.get(`/families/${family.id}`)).body;
    const renamed = await patchAt(
      socialWorker,
      `/families/${family.id}`,
      { label: 'Famille T.' },
      file.version,
    );
    expect(renamed.status).toBe(200);
    const stale = await patchAt(
      midwife,
      `/families/${family.id}`,
      { label: 'Famille Test bis' },
      file.version,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ changedBy: 'Nadia Assistante', fields: ['label'] });
    expect((await midwife.client.get(`/families/${family.id}`)).body.label).toBe('Famille T.');
  });

  it('a malformed If-Match is a 400 naming the header; a write without it goes through', async () => {
    const file = (await midwife.client.get(`/families/${family.id}`)).body;
    const malformed = await patchAt(midwife, `/families/${family.id}`, { label: 'Famille X' }, 'four');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toEqual([{ path: 'If-Match', message: expect.any(String) }]);
    const unversioned = await midwife.client.patch(`/families/${family.id}`, { label: 'Famille Y' });
    expect(unversioned.status).toBe(200);
    expect(unversioned.body.version).toBe(file.version + 1);
  });
});
