import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@concerto/shared';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const daysFromNow = (days: number) => isoDate(addDays(new Date(), days));

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
});
afterAll(() => server.dispose());

describe("a family's dates", () => {
  it('counts the day of 1000 from the recorded birth, and clears the due date when asked', async () => {
    const family = await buildFamily(midwife.client, { dueDate: daysFromNow(-450) });
    const born = await midwife.client.patch(`/families/${family.id}`, { birthDate: daysFromNow(-456) });
    expect(born.status, born.text).toBe(200);
    expect(born.body).toMatchObject({ phase: 'earlyChildhood', dayOf1000: 266 + 456 + 1 });

    const cleared = await midwife.client.patch(`/families/${family.id}`, { dueDate: null });
    expect(cleared.body).toMatchObject({ dueDate: null, birthDate: daysFromNow(-456), dayOf1000: 723 });
  });

  it('refuses a birth that does not match the due date, saying which date and why, and keeps the file', async () => {
    const family = await buildFamily(midwife.client, { dueDate: daysFromNow(150) });
    const refused = await midwife.client.patch(`/families/${family.id}`, { birthDate: daysFromNow(-450) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'dueDate', message: expect.stringContaining('before 22 weeks') },
    ]);
    const file = await midwife.client.get(`/families/${family.id}`);
    expect(file.body).toMatchObject({ birthDate: null, dueDate: daysFromNow(150), phase: 'prenatalT2' });
  });

  it('refuses a birth in the future, a due date past 40 weeks, and a file with neither date', async () => {
    const family = await buildFamily(midwife.client, { dueDate: daysFromNow(60) });
    const future = await midwife.client.patch(`/families/${family.id}`, { birthDate: daysFromNow(2) });
    expect(future.body.error.details).toEqual([{ path: 'birthDate', message: expect.any(String) }]);
    const tooFar = await midwife.client.patch(`/families/${family.id}`, { dueDate: daysFromNow(300) });
    expect(tooFar.body.error.details).toEqual([{ path: 'dueDate', message: expect.any(String) }]);
    const none = await midwife.client.patch(`/families/${family.id}`, { dueDate: null });
    expect(none.status).toBe(400);
    const created = await midwife.client.post('/families', {
      label: 'Famille sans date',
      members: [{ displayName: 'Awa', role: 'pregnantPerson' }],
      dueDate: daysFromNow(120),
      birthDate: daysFromNow(-30),
      entryPoint: { kind: 'initialAssessment' },
    });
    expect(created.status).toBe(400);
  });
});
