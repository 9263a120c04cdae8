import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiClient } from '../../support/apiClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;
let violenceWorker: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;

type Entry = { actor: { kind: string; displayName: string }; part: string; access: string; own?: boolean };

beforeAll(async () => {
  server = await startTestServer();
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sage-femme Lina' });
  violenceWorker = await buildProfessional(server.url, { healthRole: 'B', displayName: 'Soutien Violences' });
  family = await buildFamily(midwife.client);
  const [motherMember, partnerMember] = family.members;
  await midwife.client.post(`/families/${family.id}/team`, {
    professionalId: violenceWorker.id,
    hiddenFromMemberIds: [partnerMember!.id],
  });
  mother = await inviteMember(server.url, midwife.client, family.id, motherMember!.id);
  partner = await inviteMember(server.url, midwife.client, family.id, partnerMember!.id);
  // The social worker raises a violence flag and reads the file; the mother reads her file.
  await violenceWorker.client.post(`/families/${family.id}/flags`, {
    indicatorKey: 'violence',
    note: 'Suspicion de violences conjugales',
  });
  await violenceWorker.client.get(`/families/${family.id}`);
  await midwife.client.get(`/families/${family.id}`);
  await midwife.client.get(`/families/${family.id}/flags`);
  await mother.get(`/families/${family.id}`);
  await partner.get(`/families/${family.id}`);
});
afterAll(() => server.dispose());

describe("the family's audit is per member", () => {
  it('the partner never sees the flags, the professional hidden from him, nor the mother', async () => {
    const response = await partner.get(`/families/${family.id}/audit`);
    expect(response.status).toBe(200);
    const entries = response.body as Entry[];
    expect(entries.some((entry) => entry.part === 'flags')).toBe(false);
    expect(response.text).not.toContain('Soutien Violences');
    expect(response.text).not.toContain('Maria');
    // He does see the midwife who read the file, and his own views come back folded.
    expect(entries).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ displayName: 'Sage-femme Lina' }),
        part: 'file',
      }),
    );
    const own = entries.filter((entry) => entry.actor.kind === 'familyMember');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((entry) => entry.own === true)).toBe(true);
  });

  it('the mother sees the worker who supports her, but never the flags nor the partner', async () => {
    const response = await mother.get(`/families/${family.id}/audit`);
    const entries = response.body as Entry[];
    expect(response.text).toContain('Soutien Violences');
    expect(entries.some((entry) => entry.part === 'flags')).toBe(false);
    expect(response.text).not.toContain('Tom');
  });

  it('the coordinator keeps the full trail', async () => {
    await midwife.client.post(`/families/${family.id}/functions`, {
      function: 'coordinator',
      professionalId: midwife.id,
    });
    const entries = (await midwife.client.get(`/families/${family.id}/audit`)).body as Entry[];
    expect(entries.some((entry) => entry.part === 'flags' && entry.access === 'write')).toBe(true);
    expect(entries.some((entry) => entry.actor.displayName === 'Tom')).toBe(true);
    expect(entries.some((entry) => entry.actor.displayName === 'Soutien Violences')).toBe(true);
  });
});
