import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url);
  family = await buildFamily(midwife.client);
});
afterAll(() => server.dispose());

describe('bad input gets a clear 400 and changes nothing', () => {
  const cases: [string, string, string, unknown, string][] = [
    [
      'a family without members',
      'POST',
      '/families',
      { label: 'X', members: [], entryPoint: { kind: 'orientation' }, dueDate: '2027-01-01' },
      'members',
    ],
    [
      'a family without any date',
      'POST',
      '/families',
      {
        label: 'X',
        members: [{ displayName: 'A', role: 'pregnantPerson' }],
        entryPoint: { kind: 'orientation' },
      },
      'dueDate',
    ],
    [
      'an impossible date',
      'POST',
      '/families',
      {
        label: 'X',
        members: [{ displayName: 'A', role: 'pregnantPerson' }],
        entryPoint: { kind: 'orientation' },
        dueDate: '2027-02-31',
      },
      'dueDate',
    ],
    ['an unknown stratum', 'POSTFAMILY', '/strata', { stratum: 'veryBad', reason: 'because' }, 'stratum'],
    ['an unknown key in a body', 'POSTFAMILY', '/indicators', { key: 'housing', severity: 3 }, 'severity'],
    ['an unknown indicator', 'POSTFAMILY', '/indicators', { key: 'astrology' }, 'key'],
    [
      'a member of another family',
      'POSTFAMILY',
      '/indicators',
      { key: 'housing', sharedWithMemberIds: ['0'.repeat(24)] },
      'sharedWithMemberIds',
    ],
    [
      'an operator injected as an id',
      'POSTFAMILY',
      '/team',
      { professionalId: { $ne: null } },
      'professionalId',
    ],
    ['an unknown professional', 'POSTFAMILY', '/team', { professionalId: '0'.repeat(24) }, 'professionalId'],
    ['an unknown scenario', 'POSTFAMILY', '/screening', { scenario: 'Z' }, 'scenario'],
  ];
  for (const [description, method, path, body, field] of cases) {
    it(`refuses ${description}`, async () => {
      const before = (await midwife.client.get(`/families/${family.id}`)).body;
      const target = method === 'POSTFAMILY' ? `/families/${family.id}${path}` : path;
      const response = await midwife.client.request(method === 'POSTFAMILY' ? 'POST' : method, target, body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(JSON.stringify(response.body.error)).toContain(field);
      const after = (await midwife.client.get(`/families/${family.id}`)).body;
      expect(after.indicators).toEqual(before.indicators);
      expect(after.team).toEqual(before.team);
      expect(after.stratum).toBe(before.stratum);
    });
  }
});

describe('a path id that is not the canonical spelling names nothing', () => {
  for (const [description, id] of [
    ['not an id at all', 'not-an-id'],
    ['the id in upper case', () => family.id.toUpperCase()],
    ['the id with a trailing character', () => `${family.id}0`],
  ] as const) {
    it(`answers 404 to ${description}, like an unknown family`, async () => {
      const target = typeof id === 'function' ? id() : id;
      const response = await midwife.client.get(`/families/${target}`);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
      const unknown = await midwife.client.get(`/families/${'0'.repeat(24)}`);
      expect(unknown.status).toBe(404);
      expect(response.body.error.code).toBe(unknown.body.error.code);
    });
  }
});

describe('the OpenAPI document lists the access endpoints', () => {
  it('with their schemas', async () => {
    const document = await (await fetch(`${server.url}/api/openapi.json`)).json();
    for (const path of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/invitations/redeem',
      '/api/organisations',
      '/api/organisations/{id}/professionals',
      '/api/families',
      '/api/families/{id}',
      '/api/families/{id}/members',
      '/api/families/{id}/members/{memberId}/invitations',
      '/api/families/{id}/team',
      '/api/families/{id}/team/{professionalId}',
      '/api/families/{id}/strata',
      '/api/families/{id}/indicators',
      '/api/families/{id}/flags',
      '/api/families/{id}/consents',
      '/api/families/{id}/audit',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    expect(
      document.paths['/api/families'].post.requestBody.content['application/json'].schema
        .additionalProperties,
    ).toBe(false);
  });
});
