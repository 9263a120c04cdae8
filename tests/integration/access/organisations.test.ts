import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import { signIn } from '../../support/apiClient.ts';
import { buildFamily, buildProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let admin: TestApiClient;

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'root@example.test',
    CONCERTO_ADMIN_PASSWORD: 'root-password-1',
  });
  admin = await signIn(server.url, 'root@example.test', 'root-password-1');
});
afterAll(() => server.dispose());

const newStaff = (email: string, healthRole: 'A' | 'B' = 'A') => ({
  displayName: 'Nouvelle collègue',
  email,
  password: 'initial-password-1',
  profession: 'Sage-femme',
  healthRole,
  ...(healthRole === 'A' ? { inamiNumber: '4-12345-02-002' } : {}),
});

describe('organisations and their access managers', () => {
  it('the admin creates an organisation with its access manager, who creates and deactivates staff', async () => {
    const created = await admin.post('/organisations', {
      name: 'Maison médicale Test',
      kind: 'medicalHouse',
      accessManager: { ...newStaff('manager@mm.test'), profession: 'Coordinatrice' },
    });
    expect(created.status).toBe(201);
    const manager = await signIn(server.url, 'manager@mm.test', 'initial-password-1');
    expect((await manager.get('/me')).body.accessManager).toBe(true);

    const staff = await manager.post(
      `/organisations/${created.body.id}/professionals`,
      newStaff('staff@mm.test', 'B'),
    );
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({ healthRole: 'B', active: true, email: 'staff@mm.test' });
    const staffClient = await signIn(server.url, 'staff@mm.test', 'initial-password-1');

    const deactivated = await manager.patch(
      `/organisations/${created.body.id}/professionals/${staff.body.id}`,
      { active: false },
    );
    expect(deactivated.body.active).toBe(false);
    expect((await staffClient.get('/me')).status).toBe(401);
  });

  it("an access manager cannot touch another organisation's staff; a colleague gets 403 on their own", async () => {
    const manager = await buildProfessional(server.url, { accessManager: true });
    const colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
    const outsider = await buildProfessional(server.url);
    expect(
      (
        await manager.client.post(
          `/organisations/${outsider.organisationId}/professionals`,
          newStaff('x1@t.test'),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await colleague.client.post(
          `/organisations/${manager.organisationId}/professionals`,
          newStaff('x2@t.test'),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await manager.client.post(
          `/organisations/${manager.organisationId}/professionals`,
          newStaff('x3@t.test'),
        )
      ).status,
    ).toBe(201);
  });

  it('a duplicate email answers 409 and professionals cannot create organisations', async () => {
    const manager = await buildProfessional(server.url, { accessManager: true });
    expect(
      (
        await manager.client.post(
          `/organisations/${manager.organisationId}/professionals`,
          newStaff(manager.email),
        )
      ).status,
    ).toBe(409);
    expect((await manager.client.post('/organisations', { name: 'Nope', kind: 'other' })).status).toBe(403);
  });

  it('an organisation whose first access manager cannot be created is not created either (one transaction)', async () => {
    const first = await admin.post('/organisations', {
      name: 'Première maison',
      kind: 'medicalHouse',
      accessManager: newStaff('taken@mm.test'),
    });
    expect(first.status).toBe(201);
    const second = await admin.post('/organisations', {
      name: 'Maison en double',
      kind: 'medicalHouse',
      accessManager: newStaff('taken@mm.test'),
    });
    expect(second.status).toBe(409);
    expect(second.body.error.details).toEqual([{ path: 'email', message: 'already used' }]);
    const names = (await admin.get('/organisations')).body.map(
      (organisation: { name: string }) => organisation.name,
    );
    expect(names).toContain('Première maison');
    expect(names).not.toContain('Maison en double');
  });

  it('access managers and the admin do not read family files by virtue of their role', async () => {
    const midwife = await buildProfessional(server.url);
    const manager = await buildProfessional(server.url, {
      accessManager: true,
      organisationId: midwife.organisationId,
    });
    const family = await buildFamily(midwife.client);
    for (const client of [manager.client, admin]) {
      const response = await client.get(`/families/${family.id}`);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('Famille Test');
    }
    expect((await admin.get('/families')).body).toEqual([]);
  });
});
