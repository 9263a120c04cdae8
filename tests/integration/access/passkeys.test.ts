import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasskeyChallengeModel } from '../../../server/src/models/passkeyChallenge.ts';
import { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { SoftAuthenticator } from '../../support/softAuthenticator.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

const site = 'https://concerto.example.be';
let server: TestServer;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let anonymous: TestApiClient;

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_PASSKEY_ORIGIN: site });
  midwife = await buildProfessional(server.url, { healthRole: 'A' });
  family = await buildFamily(midwife.client);
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
  anonymous = new TestApiClient(server.url);
});
afterAll(() => server.dispose());

/** Registers a new software passkey for `client`; returns it. */
async function registerFor(client: TestApiClient): Promise<SoftAuthenticator> {
  const phone = new SoftAuthenticator(site);
  const options = await client.post('/auth/passkeys/registration-options');
  expect(options.status, options.text).toBe(200);
  expect(options.body.rp).toEqual({ name: 'Concerto', id: 'concerto.example.be' });
  const registered = await client.post('/auth/passkeys', { response: phone.register(options.body) });
  expect(registered.status, registered.text).toBe(201);
  return phone;
}

/** Signs in with `phone`; returns the answer and a client carrying the new session cookie. */
async function signInWith(phone: SoftAuthenticator) {
  const options = await anonymous.post('/auth/passkeys/sign-in-options');
  expect(options.status).toBe(200);
  const answer = await anonymous.post('/auth/passkeys/sign-in', { response: phone.signIn(options.body) });
  const cookie = String(answer.headers.get('set-cookie')).split(';')[0]!;
  return { answer, client: new TestApiClient(server.url, { cookie }) };
}

describe('passkeys', () => {
  it('a family member registers one after her invitation and signs back in with it, to her space only', async () => {
    const [, partner] = family.members;
    const her = await inviteMember(server.url, midwife.client, family.id, partner!.id);
    expect((await her.get('/me')).body.passkeys).toEqual({ offered: true, registered: 0 });
    const phone = await registerFor(her);
    expect((await her.get('/me')).body.passkeys).toEqual({ offered: true, registered: 1 });
    await her.post('/auth/logout');
    expect((await her.get('/me')).status).toBe(401);

    const { answer, client } = await signInWith(phone);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'familyMember', id: partner!.id });
    expect(answer.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect((await client.get(`/families/${family.id}`)).status).toBe(200);
    // Her session is hers: another family's file stays closed.
    const other = await buildFamily(midwife.client, { label: 'Other family' });
    expect((await client.get(`/families/${other.id}`)).status).toBe(404);
  });

  it('a professional registers one too and signs in as herself', async () => {
    const phone = await registerFor(midwife.client);
    const { answer } = await signInWith(phone);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'professional', id: midwife.id });
  });

  it('a challenge works once: a replayed answer is refused', async () => {
    const phone = await registerFor(midwife.client);
    const options = await anonymous.post('/auth/passkeys/sign-in-options');
    const response = phone.signIn(options.body);
    expect((await anonymous.post('/auth/passkeys/sign-in', { response })).status).toBe(200);
    const replay = await anonymous.post('/auth/passkeys/sign-in', { response });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('passkey_expired');
  });

  it('an expired challenge is refused', async () => {
    const phone = await registerFor(midwife.client);
    const options = await anonymous.post('/auth/passkeys/sign-in-options');
    await PasskeyChallengeModel.updateOne(
      { challenge: options.body.challenge },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const late = await anonymous.post('/auth/passkeys/sign-in', { response: phone.signIn(options.body) });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('passkey_expired');
  });

  it('a registration challenge belongs to the session that asked: another session cannot answer it', async () => {
    const colleague = await buildProfessional(server.url);
    const phone = new SoftAuthenticator(site);
    const options = await midwife.client.post('/auth/passkeys/registration-options');
    const stolen = await colleague.client.post('/auth/passkeys', { response: phone.register(options.body) });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe('passkey_expired');
  });

  it('an answer signed for another site, or by an unknown passkey, opens nothing', async () => {
    const phone = await registerFor(mother);
    const options = await anonymous.post('/auth/passkeys/sign-in-options');
    const phishing = phone.signIn(options.body, { origin: 'https://concerto.example.evil' });
    const refused = await anonymous.post('/auth/passkeys/sign-in', { response: phishing });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();

    const stranger = new SoftAuthenticator(site);
    const strangerOptions = await anonymous.post('/auth/passkeys/sign-in-options');
    const unknown = await anonymous.post('/auth/passkeys/sign-in', {
      response: stranger.signIn(strangerOptions.body),
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('passkey_unknown');
  });

  it('registration needs a session; bad answers are 400 with what is wrong', async () => {
    expect((await anonymous.post('/auth/passkeys/registration-options')).status).toBe(401);
    expect((await anonymous.post('/auth/passkeys', {})).status).toBe(401);
    const bad = await mother.post('/auth/passkeys', { response: { id: 'not base64url!' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.text).toContain('response.id');
    const garbled = await anonymous.post('/auth/passkeys/sign-in', {
      response: {
        id: 'abc',
        rawId: 'abc',
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
      },
    });
    expect(garbled.status).toBe(400);
    expect(garbled.body.error.code).toBe('passkey_invalid');
  });
});
