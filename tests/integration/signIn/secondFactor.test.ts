import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApiClient } from '../../support/apiClient.ts';
import { authenticatorCode } from '../../support/authenticatorApp.ts';
import { buildProfessional, factoryPassword, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let anonymous: TestApiClient;

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new TestApiClient(server.url);
});
afterAll(() => server?.dispose());

const passwordSignIn = (professional: BuiltProfessional) =>
  anonymous.post('/auth/login', { email: professional.email, password: factoryPassword, mode: 'token' });

/** Sets up a second factor from "My account"; returns the secret the app holds and the recovery codes. */
async function enrol(professional: BuiltProfessional) {
  const begun = await professional.client.post('/me/second-factor/enrolment');
  expect(begun.status).toBe(200);
  expect(begun.body.uri).toMatch(/^otpauth:\/\/totp\//);
  expect(begun.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
  const confirmed = await professional.client.post('/me/second-factor', {
    code: authenticatorCode(begun.body.secret),
  });
  expect(confirmed.status).toBe(200);
  return { secret: begun.body.secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('a second factor set up in "My account"', () => {
  it('is confirmed by a first code of the app, gives ten recovery codes once, and shows as on', async () => {
    const professional = await buildProfessional(server.url);
    const begun = await professional.client.post('/me/second-factor/enrolment');
    const wrong = await professional.client.post('/me/second-factor', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]).toMatchObject({
      path: 'code',
      message: 'is not the current code of your app',
    });
    expect((await professional.client.get('/me')).body.secondFactor).toMatchObject({ enabled: false });
    const confirmed = await professional.client.post('/me/second-factor', {
      code: authenticatorCode(begun.body.secret),
    });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await professional.client.get('/me')).body.secondFactor).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });
  });

  it('then a right password alone opens no session: the code of the app does, once', async () => {
    const professional = await buildProfessional(server.url);
    const { secret } = await enrol(professional);
    const first = await passwordSignIn(professional);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      secondFactor: 'code',
      challenge: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(first.body.token).toBeUndefined();
    expect(first.headers.get('set-cookie')).toBeNull();
    // The code that confirmed the enrolment was seen: replaying it is refused.
    const replay = await anonymous.post('/auth/second-factor', {
      challenge: first.body.challenge,
      code: authenticatorCode(secret),
      mode: 'token',
    });
    expect(replay.status).toBe(401);
    const next = authenticatorCode(secret, 1);
    const done = await anonymous.post('/auth/second-factor', {
      challenge: first.body.challenge,
      code: next,
      mode: 'token',
    });
    expect(done.status).toBe(200);
    expect(done.body.displayName).toBe(professional.displayName);
    expect((await new TestApiClient(server.url, { token: done.body.token }).get('/me')).status).toBe(200);
    // A challenge serves once.
    const again = await anonymous.post('/auth/second-factor', {
      challenge: first.body.challenge,
      code: next,
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('challenge_invalid');
  });

  it('takes each recovery code once instead of the app', async () => {
    const professional = await buildProfessional(server.url);
    const { recoveryCodes } = await enrol(professional);
    const code = recoveryCodes[3]!.toUpperCase();
    const first = await passwordSignIn(professional);
    expect(
      (await anonymous.post('/auth/second-factor', { challenge: first.body.challenge, code })).status,
    ).toBe(200);
    const second = await passwordSignIn(professional);
    expect(
      (await anonymous.post('/auth/second-factor', { challenge: second.body.challenge, code })).status,
    ).toBe(401);
    expect((await professional.client.get('/me')).body.secondFactor.recoveryCodesLeft).toBe(9);
  });

  it('slows wrong codes down like wrong passwords (429 with Retry-After), and a challenge takes five', async () => {
    const professional = await buildProfessional(server.url);
    await enrol(professional);
    const { body } = await passwordSignIn(professional);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const answer = await anonymous.post('/auth/second-factor', {
        challenge: body.challenge,
        code: '123456',
      });
      statuses.push(answer.status);
      retryAfter ??= answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('refuses a malformed code with 400, and turning the factor off needs the password', async () => {
    const professional = await buildProfessional(server.url);
    await enrol(professional);
    const { body } = await passwordSignIn(professional);
    const malformed = await anonymous.post('/auth/second-factor', { challenge: body.challenge, code: '12' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('code');
    expect(
      (await professional.client.post('/me/second-factor/disable', { password: 'wrong-password-x' })).status,
    ).toBe(400);
    expect(
      (await professional.client.post('/me/second-factor/disable', { password: factoryPassword })).status,
    ).toBe(204);
    expect((await passwordSignIn(professional)).body.token).toEqual(expect.any(String));
  });
});

describe('an organisation that requires a second factor', () => {
  it('makes a colleague without one set it up at the next sign-in, and keep it', async () => {
    const manager = await buildProfessional(server.url, { accessManager: true });
    const colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
    const outsider = await buildProfessional(server.url);
    const required = { secondFactorRequired: true, identityProvider: null };
    expect(
      (await colleague.client.put(`/organisations/${manager.organisationId}/sign-in`, required)).status,
    ).toBe(403);
    expect(
      (await manager.client.put(`/organisations/${manager.organisationId}/sign-in`, required)).status,
    ).toBe(200);

    const first = await passwordSignIn(colleague);
    expect(first.body.secondFactor).toBe('enrol');
    const enrolment = await anonymous.post('/auth/second-factor/enrolment', {
      challenge: first.body.challenge,
    });
    expect(enrolment.status).toBe(200);
    const done = await anonymous.post('/auth/second-factor', {
      challenge: first.body.challenge,
      code: authenticatorCode(enrolment.body.secret),
      mode: 'token',
    });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(done.body.secondFactor).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
    const signedIn = new TestApiClient(server.url, { token: done.body.token });
    expect((await signedIn.post('/me/second-factor/disable', { password: factoryPassword })).status).toBe(
      403,
    );
    expect((await passwordSignIn(colleague)).body.secondFactor).toBe('code');
    // Another organisation's staff are not concerned.
    expect((await passwordSignIn(outsider)).body.token).toEqual(expect.any(String));
  });
});
