import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { displayName: 'Sophie Sage-femme' });
  family = await buildFamily(midwife.client, { stratum: 'specific' });
});
afterAll(() => server.dispose());

describe('coordination without a successor', () => {
  it('ends with its reason, kept in the history; nothing to end or no reason is a 400', async () => {
    const path = `/families/${family.id}/functions`;
    const nothing = await midwife.client.post(path, {
      function: 'coordinator',
      professionalId: null,
      endReason: 'Situation stabilisée',
    });
    expect(nothing.status).toBe(400);
    await midwife.client.post(path, { function: 'coordinator', professionalId: midwife.id });
    const noReason = await midwife.client.post(path, { function: 'coordinator', professionalId: null });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ path: 'endReason', message: expect.any(String) }]);
    const ended = await midwife.client.post(path, {
      function: 'coordinator',
      professionalId: null,
      endReason: 'Situation stabilisée : la famille se coordonne avec son médecin traitant.',
    });
    expect(ended.status, ended.text).toBe(201);
    expect(ended.body).toBeNull();
    const functions = (await midwife.client.get(path)).body;
    expect(
      functions.current.some((assignment: { function: string }) => assignment.function === 'coordinator'),
    ).toBe(false);
    expect(functions.history[0]).toMatchObject({
      function: 'coordinator',
      endReason: 'Situation stabilisée : la famille se coordonne avec son médecin traitant.',
    });
    expect(functions.history[0].endedAt).not.toBeNull();
  });
});
