import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestApiClient } from '../../support/apiClient.ts';
import { buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let admin: TestApiClient;
let manager: BuiltProfessional;
let midwife: BuiltProfessional;
let entryId: string;

const service = (overrides: Record<string, unknown> = {}) => ({
  name: 'Sage-femme à domicile — Cabinet Étoile',
  kind: 'midwife',
  offer: 'Suivi prénatal et postnatal à domicile',
  languages: ['fr', 'ar'],
  cost: 'free',
  bassin: 'bruxellesNord',
  address: 'Rue de la Poste 12, 1030 Schaerbeek',
  ...overrides,
});

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'dir-admin@example.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  admin = await signIn(server.url, 'dir-admin@example.test', 'admin-password-1');
  manager = await buildProfessional(server.url, { accessManager: true });
  midwife = await buildProfessional(server.url);
  const created = await manager.client.post('/directory', service());
  expect(created.status).toBe(201);
  entryId = created.body.id;
  await admin.post(
    '/directory',
    service({
      name: 'Crèche Les Lucioles',
      kind: 'childcare',
      bassin: 'bruxellesSud',
      languages: ['fr', 'nl'],
      cost: 'incomeBased',
    }),
  );
  await admin.post(
    '/directory',
    service({
      name: 'CAW Brussel — Partnergeweld',
      kind: 'violenceSupport',
      bassin: 'bruxellesCentreOuest',
      languages: ['nl', 'fr', 'en'],
    }),
  );
});
afterAll(() => server.dispose());

const names = (response: { body: { name: string }[] }) => response.body.map((entry) => entry.name);

describe('search', () => {
  it('"sage femme" finds "Sage-femme", accents and case ignored', async () => {
    expect(names(await midwife.client.get('/directory?q=sage%20femme'))).toEqual([
      'Sage-femme à domicile — Cabinet Étoile',
    ]);
    expect(names(await midwife.client.get('/directory?q=ETOILE'))).toHaveLength(1);
    expect(names(await midwife.client.get('/directory?q=creche'))).toEqual(['Crèche Les Lucioles']);
  });

  it('finds services by their kind in Dutch and English too', async () => {
    expect(names(await midwife.client.get('/directory?q=vroedvrouw'))).toHaveLength(1);
    expect(names(await midwife.client.get('/directory?q=childcare'))).toEqual(['Crèche Les Lucioles']);
    expect(names(await midwife.client.get('/directory?q=partnergeweld'))).toHaveLength(1);
  });

  it('filters by bassin, kind and language', async () => {
    expect(names(await midwife.client.get('/directory?bassin=bruxellesSud'))).toEqual([
      'Crèche Les Lucioles',
    ]);
    expect(names(await midwife.client.get('/directory?language=ar'))).toEqual([
      'Sage-femme à domicile — Cabinet Étoile',
    ]);
    expect(names(await midwife.client.get('/directory?kind=violenceSupport&language=en'))).toHaveLength(1);
    expect((await midwife.client.get('/directory?bassin=atlantis')).status).toBe(400);
  });
});

describe('maintenance', () => {
  it('any professional updates the availability with a date; only the maintainers edit the rest', async () => {
    const availability = await midwife.client.patch(`/directory/${entryId}`, {
      availability: { status: 'waitingList', note: '3 semaines d’attente' },
    });
    expect(availability.status).toBe(200);
    expect(availability.body.availability).toMatchObject({
      status: 'waitingList',
      note: '3 semaines d’attente',
      updatedBy: midwife.displayName,
    });
    expect(availability.body.availability.updatedAt).toMatch(/^\d{4}-/);
    expect((await midwife.client.patch(`/directory/${entryId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await manager.client.patch(`/directory/${entryId}`, { phone: '02 123 45 67' })).body.phone).toBe(
      '02 123 45 67',
    );
    expect((await midwife.client.post('/directory', service())).status).toBe(403);
  });

  it('anyone signed in suggests a correction; the maintainers see it', async () => {
    expect(
      (await midwife.client.post(`/directory/${entryId}/suggestions`, { text: 'Nouveau numéro depuis mars' }))
        .status,
    ).toBe(201);
    const seenByManager = (await manager.client.get('/directory?q=etoile')).body[0];
    expect(seenByManager.suggestions.map((suggestion: { text: string }) => suggestion.text)).toContain(
      'Nouveau numéro depuis mars',
    );
    expect((await midwife.client.get('/directory?q=etoile')).body[0].suggestions).toBeUndefined();
  });

  it('keeps the newest 50 suggestions of an entry, so it never grows without bound', async () => {
    for (let index = 0; index < 55; index += 1) {
      const sent = await midwife.client.post(`/directory/${entryId}/suggestions`, {
        text: `Remarque ${index}`,
      });
      expect(sent.status).toBe(201);
    }
    const texts = (await manager.client.get('/directory?q=etoile')).body[0].suggestions.map(
      (suggestion: { text: string }) => suggestion.text,
    );
    expect(texts).toHaveLength(50);
    expect(texts.at(-1)).toBe('Remarque 54');
    expect(texts).not.toContain('Remarque 4');
  });
});

describe('CSV', () => {
  it('exports and imports the same columns; a bad line imports nothing and says which line', async () => {
    const exported = await midwife.client.request('GET', '/directory/export.csv');
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.text.split('\r\n')[0]).toBe(
      'name,kind,offer,languages,cost,bassin,address,phone,email,website,openingHours',
    );
    expect(exported.text).toContain('"Sage-femme à domicile — Cabinet Étoile"'.replace(/"/g, '')); // plain names stay unquoted

    const csv =
      'name;kind;cost;bassin;languages\r\nMaison médicale du Parc;generalPractitioner;incomeBased;liege;fr|nl\r\nService X;unknownKind;free;namur;fr\r\n';
    const refused = await fetch(`${server.url}/api/directory/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${manager.client.credentials.token}` },
      body: csv,
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('line 3');
    expect(names(await midwife.client.get('/directory?q=parc'))).toEqual([]);

    const accepted = await fetch(`${server.url}/api/directory/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${manager.client.credentials.token}` },
      body: csv.split('\r\n').slice(0, 2).join('\r\n'),
    });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ imported: 1 });
    expect(names(await midwife.client.get('/directory?q=maison%20medicale&bassin=liege'))).toEqual([
      'Maison médicale du Parc',
    ]);
  });
});

describe('fixes found by the interface', () => {
  it('finds a name in Arabic script, and numbers CSV lines as the file does', async () => {
    await admin.post(
      '/directory',
      service({ name: 'مركز الأمومة — Centre de maternité', kind: 'maternity' }),
    );
    expect(names(await midwife.client.get(`/directory?q=${encodeURIComponent('الأمومة')}`))).toHaveLength(1);
    const csv =
      'name,kind,cost,bassin,offer\r\n\r\nBon service,midwife,free,namur,"ligne 1\nligne 2"\r\nMauvais,unknownKind,free,namur,x\r\n';
    const refused = await fetch(`${server.url}/api/directory/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${manager.client.credentials.token}` },
      body: csv,
    });
    const details = (await refused.json()).error.details;
    expect(details.map((detail: { path: string }) => detail.path)).toEqual(['line 5']);
  });

  it('finds colleagues by their organisation name', async () => {
    const found = await midwife.client.get(
      `/professionals?search=${encodeURIComponent(manager.displayName.split(' ')[0]!)}`,
    );
    expect(found.status).toBe(200);
    const byOrganisation = await midwife.client.get('/professionals?search=Organisation');
    expect(byOrganisation.body.length).toBeGreaterThan(0);
  });
});
