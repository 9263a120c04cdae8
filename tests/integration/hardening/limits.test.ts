import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { io as connectSocket } from 'socket.io-client';
import { collabLimits } from '@concerto/shared';
import { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  factoryPassword,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let midwife: BuiltProfessional;

/** Signs in from a given client address, as the trusted proxy in front of the server reports it. */
function signInFrom(address: string, email: string, password: string) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify({ email, password, mode: 'token' }),
  });
}

beforeAll(async () => {
  server = await startTestServer({ CONCERTO_TRUSTED_PROXIES: '1' });
  midwife = await buildProfessional(server.url);
});
afterAll(() => server.dispose());

describe('sign-in limits protect without locking people out', () => {
  it('someone guessing from one address never keeps the owner out from hers', async () => {
    for (let attempt = 0; attempt < 8; attempt += 1)
      await signInFrom('203.0.113.66', midwife.email, 'guess-guess');
    expect((await signInFrom('203.0.113.66', midwife.email, factoryPassword)).status).toBe(429);
    expect((await signInFrom('192.0.2.10', midwife.email, factoryPassword)).status).toBe(200);
  });

  it('successful sign-ins from a ward behind one address never count', async () => {
    const nurses = await Promise.all([1, 2, 3].map(() => buildProfessional(server.url)));
    for (let round = 0; round < 12; round += 1)
      for (const nurse of nurses)
        expect((await signInFrom('192.0.2.50', nurse.email, factoryPassword)).status).toBe(200);
  });

  it('validates a body only after authentication: an anonymous caller learns nothing about it', async () => {
    const anonymous = await new TestApiClient(server.url).post('/families', { label: 42 });
    expect(anonymous.status).toBe(401);
    const signedIn = await midwife.client.post('/families', { label: 42 });
    expect(signedIn.status).toBe(400);
  });
});

describe('rate limits on live channels', () => {
  it('answers Socket.io events beyond 20 a second with rate_limited', async () => {
    const socket = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { Authorization: `Bearer ${midwife.client.credentials.token}` },
      reconnection: false,
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const answers = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<{ ok: boolean; error?: string }>((resolve) =>
            socket.emit('concertation:hand', { concertationId: '0'.repeat(24), raised: true }, resolve),
          ),
      ),
    );
    socket.disconnect();
    expect(answers.filter((answer) => answer.error === 'rate_limited').length).toBeGreaterThanOrEqual(15);
  });

  it('a peer cannot relay an oversized presence state or speak for hundreds of fake participants', async () => {
    const family = await buildFamily(midwife.client);
    const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body as {
      id: string;
      kind: string;
    }[];
    const planId = spaces.find((space) => space.kind === 'sharedPlan')!.id;
    const open = async () => {
      const outcome = await CollabTestClient.connect(server.url, planId, midwife.client.credentials);
      if (!outcome.ok) throw new Error(`refused ${outcome.status}`);
      await waitFor(() => outcome.client.synced, 5000, 'sync');
      return outcome.client;
    };
    const watcher = await open();
    const flooder = await open();
    const states: [number, string][] = [
      [900_001, JSON.stringify({ user: { name: 'x' }, blob: 'x'.repeat(500_000) })],
    ];
    for (let id = 1; id <= 2000; id += 1) states.push([id, JSON.stringify({ user: { name: `fake ${id}` } })]);
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, states.length);
    for (const [clientId, state] of states) {
      encoding.writeVarUint(update, clientId);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, state);
    }
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 1);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
    flooder.sendRaw(encoding.toUint8Array(frame));
    await waitFor(() => watcher.awareness.getStates().has(1), 5000, 'relayed presence');
    const relayed = [...watcher.awareness.getStates().keys()].filter((id) => id !== watcher.doc.clientID);
    expect(relayed.length).toBeLessThanOrEqual(collabLimits.maxPresenceIdsPerConnection + 1);
    expect(watcher.awareness.getStates().has(900_001)).toBe(false);
    watcher.close();
    flooder.close();
  });
});
