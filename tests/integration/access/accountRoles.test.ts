import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import { signIn } from '../../support/apiClient.ts';
import { buildOrganisation, buildProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let admin: TestApiClient;
let sequence = 0;

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'root@roles.test',
    CONCERTO_ADMIN_PASSWORD: 'root-password-1',
  });
  admin = await signIn(server.url, 'root@roles.test', 'root-password-1');
});
afterAll(() => server.dispose());

/** A valid INAMI number (modulo 97) and one whose check number is wrong. */
const validInami = '4-12345-02-002';
const wrongCheck = '41234503002';

const account = (healthRole: 'A' | 'B', extra: Record<string, unknown> = {}) => {
  sequence += 1;
  return {
    displayName: `Compte ${sequence}`,
    email: `account${sequence}@roles.test`,
    password: 'initial-password-1',
    profession: healthRole === 'A' ? 'Médecin' : 'Assistante sociale',
    healthRole,
    ...extra,
  };
};

async function cpasManager() {
  const cpas = await buildOrganisation({ kind: 'cpas' });
  return buildProfessional(server.url, {
    healthRole: 'B',
    accessManager: true,
    organisationId: String(cpas._id),
  });
}

describe('who grants Role A, and with what', () => {
  it('a CPAS Role B access manager cannot create a Role A account (was 201 without INAMI)', async () => {
    const manager = await cpasManager();
    const url = `/organisations/${manager.organisationId}/professionals`;
    for (const body of [account('A'), account('A', { inamiNumber: validInami })]) {
      const response = await manager.client.post(url, body);
      expect(response.status, response.text).toBe(403);
      expect(response.body.error.message).toContain('Role A');
    }
    const staff = await manager.client.get(url);
    expect(staff.body.every((professional: { healthRole: string }) => professional.healthRole === 'B')).toBe(
      true,
    );
    // Role B staff stay theirs to manage.
    expect((await manager.client.post(url, account('B'))).status).toBe(201);
  });

  it('a Role A access manager of a hospital grants Role A only with a valid INAMI number', async () => {
    const manager = await buildProfessional(server.url, { healthRole: 'A', accessManager: true });
    const url = `/organisations/${manager.organisationId}/professionals`;
    const missing = await manager.client.post(url, account('A'));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([
      { path: 'inamiNumber', message: expect.stringContaining('Role A') },
    ]);
    const wrong = await manager.client.post(url, account('A', { inamiNumber: wrongCheck }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]).toEqual({
      path: 'inamiNumber',
      message: 'is not a valid INAMI number',
    });
    const short = await manager.client.post(url, account('A', { inamiNumber: '1234' }));
    expect(short.body.error.details[0]).toEqual({ path: 'inamiNumber', message: 'must be 11 digits' });
    const created = await manager.client.post(url, account('A', { inamiNumber: validInami }));
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ healthRole: 'A', inamiNumber: '41234502002' });
  });

  it('a Role A access manager of a CPAS (not a health organisation) cannot grant Role A; the admin can', async () => {
    const cpas = await buildOrganisation({ kind: 'cpas' });
    const manager = await buildProfessional(server.url, {
      healthRole: 'A',
      accessManager: true,
      organisationId: String(cpas._id),
    });
    const url = `/organisations/${cpas._id}/professionals`;
    expect((await manager.client.post(url, account('A', { inamiNumber: validInami }))).status).toBe(403);
    expect((await admin.post(url, account('A', { inamiNumber: validInami }))).status).toBe(201);
  });

  it('a Role B access manager manages Role B staff only: a Role A colleague is out of reach', async () => {
    const manager = await cpasManager();
    const doctor = await buildProfessional(server.url, {
      healthRole: 'A',
      organisationId: manager.organisationId,
    });
    const nurse = await buildProfessional(server.url, {
      healthRole: 'B',
      organisationId: manager.organisationId,
    });
    const base = `/organisations/${manager.organisationId}/professionals`;
    expect((await manager.client.patch(`${base}/${doctor.id}`, { active: false })).status).toBe(403);
    expect((await doctor.client.get('/me')).status).toBe(200);
    const promote = await manager.client.patch(`${base}/${nurse.id}`, {
      healthRole: 'A',
      inamiNumber: validInami,
    });
    expect(promote.status).toBe(403);
    expect((await manager.client.patch(`${base}/${nurse.id}`, { accessManager: true })).status).toBe(200);
  });

  it('every grant and change of role is logged and shown to the organisation', async () => {
    const manager = await buildProfessional(server.url, {
      healthRole: 'A',
      accessManager: true,
      displayName: 'Dr Gestionnaire',
    });
    const base = `/organisations/${manager.organisationId}/professionals`;
    const created = await manager.client.post(base, account('B'));
    const noInami = await manager.client.patch(`${base}/${created.body.id}`, { healthRole: 'A' });
    expect(noInami.status).toBe(400);
    const promoted = await manager.client.patch(`${base}/${created.body.id}`, {
      healthRole: 'A',
      inamiNumber: validInami,
    });
    expect(promoted.status, promoted.text).toBe(200);
    expect(promoted.body.healthRole).toBe('A');
    const selfChange = await manager.client.patch(`${base}/${manager.id}`, { healthRole: 'B' });
    expect(selfChange.status).toBe(403);

    const log = await manager.client.get(`/organisations/${manager.organisationId}/account-changes`);
    expect(log.status).toBe(200);
    expect(log.body.map((change: { kind: string }) => change.kind)).toEqual(['healthRoleChanged', 'created']);
    expect(log.body[0]).toMatchObject({
      professional: { id: created.body.id, displayName: created.body.displayName },
      healthRole: 'A',
      previousHealthRole: 'B',
      by: { kind: 'professional', displayName: 'Dr Gestionnaire' },
    });
    // Nobody outside the organisation's management reads it.
    const colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
    expect(
      (await colleague.client.get(`/organisations/${manager.organisationId}/account-changes`)).status,
    ).toBe(403);
    const outsider = await cpasManager();
    expect(
      (await outsider.client.get(`/organisations/${manager.organisationId}/account-changes`)).status,
    ).toBe(404);
  });
});
