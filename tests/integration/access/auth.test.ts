import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../../server/src/models/user.ts';
import { TestApiClient } from '../../support/apiClient.ts';
import { buildProfessional, factoryPassword } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let anonymous: TestApiClient;

beforeAll(async () => {
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'admin@example.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  anonymous = new TestApiClient(server.url);
});
afterAll(() => server.dispose());

describe('login', () => {
  it('sets an httpOnly SameSite session cookie usable for /api/me, and logout revokes it', async () => {
    const professional = await buildProfessional(server.url, { healthRole: 'B' });
    const login = await anonymous.post('/auth/login', {
      email: professional.email,
      password: factoryPassword,
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      kind: 'professional',
      healthRole: 'B',
      displayName: professional.displayName,
    });
    expect(login.body.token).toBeUndefined();
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/concerto_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const withCookie = new TestApiClient(server.url, { cookie: setCookie.split(';')[0]! });
    expect((await withCookie.get('/me')).status).toBe(200);
    expect((await withCookie.post('/auth/logout')).status).toBe(204);
    expect((await withCookie.get('/me')).status).toBe(401);
  });

  it('gives scripts a bearer token for the same kind of session', async () => {
    const professional = await buildProfessional(server.url);
    const me = await professional.client.get('/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(professional.email);
    await professional.client.post('/auth/logout');
    expect((await professional.client.get('/me')).status).toBe(401);
  });

  it('answers an unknown email and a wrong password with the same error', async () => {
    const professional = await buildProfessional(server.url);
    const unknown = await anonymous.post('/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever-123',
    });
    const wrong = await anonymous.post('/auth/login', {
      email: professional.email,
      password: 'wrong-password',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('slows failed attempts down per account and address', async () => {
    const professional = await buildProfessional(server.url);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        (await anonymous.post('/auth/login', { email: professional.email, password: 'wrong-password' }))
          .status,
      ).toBe(401);
    }
    const limited = await anonymous.post('/auth/login', {
      email: professional.email,
      password: factoryPassword,
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses bad bodies with 400 and says what is wrong', async () => {
    const injection = await anonymous.post('/auth/login', { email: { $gt: '' }, password: 'x' });
    expect(injection.status).toBe(400);
    expect(injection.body.error.details[0].path).toBe('email');
    const extraKey = await anonymous.post('/auth/login', { email: 'a@b.be', password: 'x', admin: true });
    expect(extraKey.status).toBe(400);
    expect(extraKey.body.error.message).toMatch(/admin/);
  });

  it('a deactivated account cannot sign in and its open sessions stop working', async () => {
    const professional = await buildProfessional(server.url);
    await UserModel.updateOne({ email: professional.email }, { $set: { active: false } });
    expect((await professional.client.get('/me')).status).toBe(401);
    expect(
      (await anonymous.post('/auth/login', { email: professional.email, password: factoryPassword })).status,
    ).toBe(401);
  });

  it('bootstraps the platform admin from the environment', async () => {
    const login = await anonymous.post('/auth/login', {
      email: 'admin@example.test',
      password: 'admin-password-1',
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      kind: 'admin',
      canCreateOrganisations: true,
      canCreateFamilies: false,
    });
  });

  it('answers /api/me without a session with 401', async () => {
    const response = await anonymous.get('/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});
