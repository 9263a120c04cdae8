import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  spawnStandin,
  type StandinProcess,
} from '../../../tools/mongo-standin/src/process/standinProcess.ts';
import {
  buildFamily,
  buildProfessional,
  factoryPassword,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let cookie: string;
let familyId: string;

async function signInWithCookie(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email, password: factoryPassword }),
  });
  expect(response.status).toBe(200);
  return String(response.headers.get('set-cookie')).split(';')[0]!;
}

/** A request as a browser sends it: the session cookie, and the page's origin. */
function fromPage(
  origin: string | null,
  method: string,
  path: string,
  body?: string,
  type = 'application/json',
) {
  const headers: Record<string, string> = { Cookie: cookie };
  if (origin) headers.Origin = origin;
  if (body !== undefined) headers['Content-Type'] = type;
  return fetch(`${server.url}/api${path}`, { method, headers, body });
}

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_ALLOWED_ORIGINS: 'https://concerto.example.be' });
  midwife = await buildProfessional(server.url, { accessManager: true });
  cookie = await signInWithCookie(midwife.email);
  familyId = (await buildFamily(midwife.client)).id;
});
afterAll(async () => {
  await server.dispose();
});

describe('cross-site writes', () => {
  const entry = JSON.stringify({ name: 'Service piégé', kind: 'other', address: { city: 'Bruxelles' } });

  it('refuses a write from another site, from a same-site page on another port, and without any origin', async () => {
    const port = Number(new URL(server.url).port);
    for (const origin of [
      'https://evil.example',
      `http://localhost:${port + 1}`,
      `http://127.0.0.1:${port}`,
      'null',
      null,
    ]) {
      const response = await fromPage(
        origin,
        'PATCH',
        `/families/${familyId}`,
        JSON.stringify({ label: 'Piratée' }),
      );
      expect(response.status, String(origin)).toBe(403);
      expect((await response.json()).error.code).toBe('cross_site');
    }
    const invitation = await fromPage('https://evil.example', 'POST', '/directory', entry);
    expect(invitation.status).toBe(403);
    const family = await midwife.client.get(`/families/${familyId}`);
    expect(family.body.label).toBe('Famille Test');
  });

  it('accepts the same write from our own page, an allowed origin, or Sec-Fetch-Site: same-origin', async () => {
    const ours = await fromPage(
      server.url,
      'PATCH',
      `/families/${familyId}`,
      JSON.stringify({ label: 'Famille A' }),
    );
    expect(ours.status).toBe(200);
    const allowed = await fromPage(
      'https://concerto.example.be',
      'PATCH',
      `/families/${familyId}`,
      JSON.stringify({ label: 'Famille B' }),
    );
    expect(allowed.status).toBe(200);
    const sameOrigin = await fetch(`${server.url}/api/families/${familyId}`, {
      method: 'PATCH',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'Famille C' }),
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses bodies that are not JSON, which other sites can send without asking', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await fromPage(
        server.url,
        'PATCH',
        `/families/${familyId}`,
        '{"label":"Plain"}',
        type,
      );
      expect(response.status, type).toBe(415);
    }
    const emptyPost = await fromPage(server.url, 'POST', '/auth/logout');
    expect(emptyPost.status).toBe(204);
    cookie = await signInWithCookie(midwife.email);
    const csvAsText = await fromPage(
      server.url,
      'POST',
      '/directory/import',
      'name,kind\nX,other\n',
      'text/plain',
    );
    expect(csvAsText.status).toBe(415);
  });

  it('lets scripts holding a bearer token (no cookie) write without an Origin', async () => {
    const response = await midwife.client.patch(`/families/${familyId}`, { label: 'Famille Script' });
    expect(response.status).toBe(200);
  });

  it('the collaboration upgrade and Socket.io handshake use the same allow-list', async () => {
    const polling = (origin: string) =>
      fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { Origin: origin, Cookie: cookie },
      });
    expect((await polling('https://concerto.example.be')).status).toBe(200);
    expect((await polling('https://evil.example')).status).toBe(403);
  });
});

describe('cookies in production', () => {
  let standin: StandinProcess;
  let production: TestServer;
  beforeAll(async () => {
    await server.dispose();
    standin = await spawnStandin();
    production = await startTestServer({
      NODE_ENV: 'production',
      MONGODB_URI: standin.uri.replace('/?', '/concerto?'),
    });
    server = production;
  });
  afterAll(async () => {
    await production.dispose();
    await standin.stop();
  });

  it('marks the session cookie Secure', async () => {
    const professional = await buildProfessional(production.url);
    const response = await fetch(`${production.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: production.url },
      body: JSON.stringify({ email: professional.email, password: factoryPassword }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});
