import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { CollabCloseCode } from '@concerto/shared';
import { hashToken, newToken } from '../../../server/src/auth/tokens.ts';
import { SessionModel } from '../../../server/src/models/session.ts';
import { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { buildFamily, buildProfessional, type BuiltProfessional } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let manager: BuiltProfessional;
let sharedPlanId: string;
let familyId: string;

/** A professional on the family's team, signed in, with a meeting-room socket and the shared plan open. */
async function liveColleague(signIn?: (colleague: BuiltProfessional) => Promise<TestApiClient>) {
  const colleague = await buildProfessional(server.url, { organisationId: manager.organisationId });
  await manager.client.post(`/families/${familyId}/team`, { professionalId: colleague.id });
  const api = signIn ? await signIn(colleague) : colleague.client;
  const socket: Socket = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: { Authorization: `Bearer ${api.credentials.token}` },
    reconnection: false,
  });
  const ended: string[] = [];
  socket.on('session:ended', ({ reason }: { reason: string }) => ended.push(reason));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const outcome = await CollabTestClient.connect(server.url, sharedPlanId, api.credentials);
  if (!outcome.ok) throw new Error(`collaboration refused: ${outcome.status}`);
  await waitFor(() => outcome.client.synced, 5000, 'first sync');
  return { colleague, api, socket, collab: outcome.client, ended };
}

/** Resolves with how long after `since` (the end, as its author saw it) both sockets were closed. */
async function closedWithin(live: Awaited<ReturnType<typeof liveColleague>>, since: number): Promise<number> {
  const timeout = Math.max(since - Date.now(), 0) + 3000;
  await waitFor(() => !live.socket.connected && live.collab.closeCode !== null, timeout, 'sockets closed');
  expect(live.collab.closeCode).toBe(CollabCloseCode.unauthenticated);
  return Math.max(live.collab.closedAt! - since, 0);
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await buildProfessional(server.url, { accessManager: true });
  const family = await buildFamily(manager.client);
  familyId = family.id;
  const spaces = (await manager.client.get(`/families/${familyId}/spaces`)).body as {
    id: string;
    kind: string;
  }[];
  sharedPlanId = spaces.find((space) => space.kind === 'sharedPlan')!.id;
});
afterAll(() => server.dispose());

describe('a session that ends closes its live sockets within a second', () => {
  it('on sign-out, and only that session', async () => {
    const live = await liveColleague();
    const otherDevice = await new TestApiClient(server.url).post('/auth/login', {
      email: live.colleague.email,
      password: 'factory-password-1',
      mode: 'token',
    });
    const elsewhere = new TestApiClient(server.url, { token: otherDevice.body.token });
    const stillOpen = await CollabTestClient.connect(server.url, sharedPlanId, elsewhere.credentials);
    expect((await live.api.post('/auth/logout')).status).toBe(204);
    expect(await closedWithin(live, Date.now())).toBeLessThan(1000);
    expect(live.ended).toEqual(['ended']);
    expect(stillOpen.ok && stillOpen.client.closeCode).toBeNull();
  });

  it('when the account is deactivated', async () => {
    const live = await liveColleague();
    const deactivated = await manager.client.patch(
      `/organisations/${manager.organisationId}/professionals/${live.colleague.id}`,
      { active: false },
    );
    expect(deactivated.status).toBe(200);
    expect(await closedWithin(live, Date.now())).toBeLessThan(1000);
  });

  it('when it expires', async () => {
    const expiresAt = new Date(Date.now() + 4000);
    const live = await liveColleague(async (colleague) => {
      const token = newToken();
      await SessionModel.create({
        tokenHash: hashToken(token),
        userId: colleague.id,
        familyMember: null,
        createdAt: new Date(),
        expiresAt,
        revokedAt: null,
        userAgent: null,
      });
      return new TestApiClient(server.url, { token });
    });
    expect(await closedWithin(live, expiresAt.getTime())).toBeLessThan(1000);
    expect(live.ended).toEqual(['expired']);
  });
});
