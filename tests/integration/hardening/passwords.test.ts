import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabCloseCode } from '@concerto/shared';
import { signIn, TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  factoryPassword,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let manager: BuiltProfessional;
let anonymous: TestApiClient;
const strong = 'Lune-violette-42-sardine';

beforeAll(async () => {
  server = await startTestServer();
  manager = await buildProfessional(server.url, { accessManager: true });
  anonymous = new TestApiClient(server.url);
});
afterAll(() => server.dispose());

describe('password rules', () => {
  it('refuses short or easy-to-guess passwords when an account is created, saying why', async () => {
    const create = (password: string) =>
      manager.client.post(`/organisations/${manager.organisationId}/professionals`, {
        email: `new-${Math.random()}@example.test`,
        displayName: 'Nouvelle Collègue',
        profession: 'Assistante sociale',
        healthRole: 'B',
        password,
      });
    for (const weak of [
      'aaaaaaaaaa',
      '          ',
      'aaaaaaaaaaaa',
      'motdepasse123',
      'wachtwoord2024',
      'Bonjour123456',
    ]) {
      const response = await create(weak);
      expect(response.status, weak).toBe(400);
      expect(response.body.error.details[0].path).toBe('password');
    }
    expect((await create(strong)).status).toBe(201);
  });
});

describe('a professional changes her own password', () => {
  it('needs the current one, keeps this session and ends the others within a second', async () => {
    const nurse = await buildProfessional(server.url, { organisationId: manager.organisationId });
    const family = await buildFamily(nurse.client);
    const spaces = (await nurse.client.get(`/families/${family.id}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    const otherDevice = await signIn(server.url, nurse.email, factoryPassword);
    const outcome = await CollabTestClient.connect(server.url, spaces[0]!.id, otherDevice.credentials);
    if (!outcome.ok) throw new Error('refused');

    const wrong = await nurse.client.post('/me/password', { currentPassword: 'not-it', newPassword: strong });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('currentPassword');
    const weak = await nurse.client.post('/me/password', {
      currentPassword: factoryPassword,
      newPassword: 'aaaaaaaaaaaa',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('newPassword');

    expect(
      (await nurse.client.post('/me/password', { currentPassword: factoryPassword, newPassword: strong }))
        .status,
    ).toBe(204);
    const changedAt = Date.now();
    await waitFor(() => outcome.client.closeCode !== null, 3000, 'other device closed');
    expect(outcome.client.closeCode).toBe(CollabCloseCode.unauthenticated);
    expect(outcome.client.closedAt! - changedAt).toBeLessThan(1000);
    expect((await otherDevice.get('/me')).status).toBe(401);
    expect((await nurse.client.get('/me')).status).toBe(200);
    expect(
      (await anonymous.post('/auth/login', { email: nurse.email, password: factoryPassword })).status,
    ).toBe(401);
    expect((await anonymous.post('/auth/login', { email: nurse.email, password: strong })).status).toBe(200);
  });
});

describe("an access manager resets a colleague's password", () => {
  it('hands over a single-use link with which the colleague chooses a new one; every session ends', async () => {
    const colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
    const stranger = await buildProfessional(server.url);
    const path = `/organisations/${manager.organisationId}/professionals/${colleague.id}/password-reset`;
    expect((await colleague.client.post(path)).status).toBe(403);
    expect((await stranger.client.post(path)).status).toBe(404);

    const issued = await manager.client.post(path);
    expect(issued.status).toBe(201);
    const token = String(issued.body.path).split('#')[1]!;
    expect(issued.body.path).toBe(`/password-reset#${token}`);

    const weak = await anonymous.post('/auth/password-reset', { token, newPassword: 'aaaaaaaaaaaa' });
    expect(weak.status).toBe(400);
    expect((await anonymous.post('/auth/password-reset', { token, newPassword: strong })).status).toBe(204);
    expect((await colleague.client.get('/me')).status).toBe(401);
    const again = await anonymous.post('/auth/password-reset', { token, newPassword: `${strong}-2` });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('reset_link_invalid');
    expect((await anonymous.post('/auth/login', { email: colleague.email, password: strong })).status).toBe(
      200,
    );
  });
});
