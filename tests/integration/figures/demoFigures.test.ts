import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../support/apiClient.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_DEMO_DATA: 'true' });
}, 60_000);
afterAll(() => server.dispose());

type Table = {
  key: string;
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  total: number | null;
};
const counts = (tables: Table[]) => tables.flatMap((table) => table.cells.flat());

describe('network figures of the demo data', () => {
  it('the bassin Bruxelles Nord shows real counts and hides small ones in every table', async () => {
    const nadia = await signIn(server.url, 'nadia.elamrani@concerto.demo', 'concerto-demo');
    const scopes = (await nadia.get('/figures/scopes')).body as { kind: string }[];
    expect(scopes.map((scope) => scope.kind)).toEqual(['caseLoad', 'organisation', 'bassin']);
    const response = await nadia.get('/figures?scope=bassin&bassin=bruxellesNord');
    expect(response.status, response.text).toBe(200);
    const tables = response.body.tables as Table[];
    for (const table of tables) {
      const cells = table.cells.flat();
      expect(
        cells.some((cell) => cell !== null && cell >= 5),
        `${table.key} shows a count: ${JSON.stringify(table)}`,
      ).toBe(true);
      expect(
        cells.some((cell) => cell === null),
        `${table.key} hides a count`,
      ).toBe(true);
      expect(table.total, `${table.key} total`).toBeGreaterThanOrEqual(5);
    }
    expect(counts(tables).filter((cell) => cell !== null && cell > 0 && cell < 5)).toEqual([]);
    // The team's contacts: home visits in every phase, calls and accompaniments shown; video calls hidden.
    const contacts = tables.find((table) => table.key === 'contacts')!;
    const row = (kind: string) => contacts.cells[contacts.rows.indexOf(kind)]!;
    expect(contacts.columns).toEqual(['prenatal', 'postnatal', 'earlyChildhood']);
    expect(row('homeVisit').every((cell) => cell !== null && cell >= 5)).toBe(true);
    for (const kind of ['phone', 'accompaniment'])
      expect(
        row(kind).some((cell) => cell !== null && cell >= 5),
        kind,
      ).toBe(true);
    expect(row('video')).toContain(null);
    const visits = tables.find((table) => table.key === 'homeVisits')!;
    expect(visits.cells[visits.rows.indexOf('twoOrThree')]![0]).toBeGreaterThanOrEqual(5);
  });

  it("a demo professional's own case-load is too small to show anything but zeros", async () => {
    const sophie = await signIn(server.url, 'sophie.lambert@concerto.demo', 'concerto-demo');
    const own = (await sophie.get('/figures')).body as { scope: { kind: string }; tables: Table[] };
    expect(own.scope.kind).toBe('caseLoad');
    expect(counts(own.tables).every((cell) => cell === null || cell === 0)).toBe(true);
    // Her hospital (she manages its access) has the cohort's families too.
    const scopes = (await sophie.get('/figures/scopes')).body as { kind: string; organisationId?: string }[];
    const hospital = scopes.find((scope) => scope.kind === 'organisation')!;
    const figures = await sophie.get(`/figures?scope=organisation&organisationId=${hospital.organisationId}`);
    expect(figures.status).toBe(200);
    expect(counts(figures.body.tables).some((cell) => cell !== null && cell >= 5)).toBe(true);
  });
});
