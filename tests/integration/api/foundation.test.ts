import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/testServer.ts';
import { expectedDatabaseKind } from '../../support/testDatabase.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.dispose();
});

describe('GET /api/health', () => {
  it('reports the status, the database in use and the version', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      db: expectedDatabaseKind(),
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('answers with a request id and security headers', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('reuses a sane incoming X-Request-Id and replaces an unsafe one', async () => {
    const reused = await fetch(`${server.url}/api/health`, { headers: { 'X-Request-Id': 'trace-12345678' } });
    expect(reused.headers.get('x-request-id')).toBe('trace-12345678');
    const replaced = await fetch(`${server.url}/api/health`, { headers: { 'X-Request-Id': 'bad id\u00e9' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('bad');
  });
});

describe('errors have one shape', () => {
  it('answers an unknown /api route with a 404 JSON error', async () => {
    const response = await fetch(`${server.url}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'route_not_found', message: expect.stringContaining('/api/no-such-thing') },
    });
  });

  it('answers malformed JSON with a 400 JSON error', async () => {
    const response = await fetch(`${server.url}/api/health`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"broken": ',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('malformed_json');
  });

  it('answers a body over 256 KB with a 413 JSON error', async () => {
    const response = await fetch(`${server.url}/api/health`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.error.code).toBe('payload_too_large');
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document listing the declared endpoints with their schemas', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    const health = document.paths['/api/health'].get;
    expect(health.responses['200'].content['application/json'].schema.properties.db.enum).toEqual([
      'mongodb',
      'standin',
    ]);
    expect(health.responses['404'].content['application/json'].schema.properties.error).toBeDefined();
    expect(document.paths['/api/openapi.json']).toBeDefined();
  });
});

describe('the built client', () => {
  it('is served at / and for client-side routes, but not for unknown /api paths', async () => {
    const home = await fetch(`${server.url}/`);
    // Before `npm run build` the server says how to build the client; after, it serves index.html.
    expect([200, 503]).toContain(home.status);
    const deepLink = await fetch(`${server.url}/families/some-id`);
    expect(deepLink.status).toBe(home.status);
    const api = await fetch(`${server.url}/api/families-x`);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
