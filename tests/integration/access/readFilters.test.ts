import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { FamilyModel } from '../../../server/src/models/family.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// Medical fields never leave the database for Role B: every read of the families collection made while
// serving her either leaves indicators out of its projection or filters them in the query itself.
let server: TestServer;
let midwife: BuiltProfessional;
let socialWorker: BuiltProfessional;
let familyId: string;
const medicalMarker = 'EPDS 21 — marqueur médical';
let commands: { collection: string; method: string; args: unknown[] }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  socialWorker = await buildProfessional(server.url, { healthRole: 'B' });
  const family = await buildFamily(midwife.client);
  familyId = family.id;
  await midwife.client.post(`/families/${familyId}/team`, { professionalId: socialWorker.id });
  await midwife.client.post(`/families/${familyId}/indicators`, {
    key: 'psychologicalWellbeing',
    note: medicalMarker,
  });
  await midwife.client.post(`/families/${familyId}/indicators`, { key: 'housing', note: 'Logement humide' });
});
afterEach(() => mongoose.set('debug', false));
afterAll(() => server.dispose());

/** Records the database commands mongoose sends while `work` runs (the server runs in this process). */
async function recordCommands(work: () => Promise<unknown>) {
  commands = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) =>
    commands.push({ collection, method, args }),
  );
  await work();
  mongoose.set('debug', false);
  return commands.filter((command) => command.collection === 'families');
}

describe('reads filtered in the database', () => {
  it("a Role B professional's file, FHIR export and summary never ask the database for medical indicators", async () => {
    const reads = await recordCommands(async () => {
      expect((await socialWorker.client.get(`/families/${familyId}`)).text).toContain('Logement humide');
      expect((await socialWorker.client.get(`/families/${familyId}/fhir`)).status).toBe(200);
      expect((await socialWorker.client.get('/families')).status).toBe(200);
    });
    expect(reads.length).toBeGreaterThan(2);
    expect(reads.map((read) => read.method)).toContain('aggregate');
    for (const read of reads) {
      const text = JSON.stringify(read.args);
      if (read.method === 'aggregate') expect(text).toContain('"$ne":["$$this.category","medical"]');
      else expect(text, `${read.method} ${text}`).toContain('"indicators":0');
    }
  });

  it('the Role A midwife on the team still reads the medical indicator', async () => {
    expect((await midwife.client.get(`/families/${familyId}`)).text).toContain(medicalMarker);
    const stored = await FamilyModel.findById(familyId).lean();
    expect(stored!.indicators.map((indicator) => indicator.note)).toContain(medicalMarker);
  });
});
