import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, globalAgent, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import webpush from 'web-push';
import * as Y from 'yjs';
import type { TestApiClient } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import {
  buildFamily,
  buildProfessional,
  inviteMember,
  type BuiltProfessional,
} from '../../support/factories.ts';
import { startSmtpServer } from '../../support/smtpServer.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let pushService: Server;
const pushed: { headers: IncomingHttpHeaders; bytes: number }[] = [];
let midwife: BuiltProfessional;
let family: Awaited<ReturnType<typeof buildFamily>>;
let mother: TestApiClient;
let partner: TestApiClient;
const secretWhat = 'Hébergement confidentiel — marqueur-secret';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

beforeAll(async () => {
  smtp = await startSmtpServer();
  // A push service speaks HTTPS: a self-signed one on 127.0.0.1, trusted by this test process only.
  const folder = mkdtempSync(path.join(tmpdir(), 'concerto-push-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem')],
      ...['-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(path.join(folder, 'cert.pem'));
  globalAgent.options.ca = [cert];
  pushService = createServer(
    { key: readFileSync(path.join(folder, 'key.pem')), cert },
    (request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        pushed.push({ headers: request.headers, bytes });
        response.writeHead(201).end();
      });
    },
  );
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  const vapid = webpush.generateVAPIDKeys();
  server = await startTestServer({
    SMTP_URL: smtp.url,
    CONCERTO_VAPID_PUBLIC_KEY: vapid.publicKey,
    CONCERTO_VAPID_PRIVATE_KEY: vapid.privateKey,
  });
  midwife = await buildProfessional(server.url, { healthRole: 'A', displayName: 'Sophie Midwife' });
  family = await buildFamily(midwife.client, { label: 'Famille Confidentielle' });
  mother = await inviteMember(server.url, midwife.client, family.id, family.members[0]!.id);
  partner = await inviteMember(server.url, midwife.client, family.id, family.members[1]!.id);
  await mother.put('/me/notification-settings', {
    email: true,
    emailAddress: 'maria@example.test',
    digest: false,
    push: false,
  });
  await partner.put('/me/notification-settings', {
    email: true,
    emailAddress: 'tom@example.test',
    digest: true,
    push: false,
  });
});
afterAll(async () => {
  await server.dispose();
  await smtp.close();
  pushService.closeAllConnections();
  await new Promise((resolve) => pushService.close(resolve));
});

describe('a decision awaiting her position', () => {
  it('reaches her live in the app and by email, with who and a link only; never a member it is hidden from', async () => {
    const socket: Socket = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { Cookie: mother.credentials.cookie! },
      reconnection: false,
    });
    let told = 0;
    socket.on('notification:new', () => (told += 1));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const proposed = await midwife.client.post(`/families/${family.id}/decisions`, {
      what: secretWhat,
      awaitedMemberIds: [family.members[0]!.id],
      hiddenFromMemberIds: [family.members[1]!.id],
      positionsDueBy: inDays(4),
    });
    expect(proposed.status).toBe(201);
    await server.notifications.settled();
    await waitFor(() => told === 1, 3000, 'live notice');
    socket.disconnect();
    const list = (await mother.get('/me/notifications')).body;
    expect(list[0]).toMatchObject({
      kind: 'positionAwaited',
      who: 'Sophie Midwife',
      link: `/families/${family.id}#betweenMeetings`,
      read: false,
    });
    await waitFor(() => mailsTo('maria@example.test').length === 1, 3000, 'her email');
    // Quoted-printable wraps long lines with a trailing '='.
    const mail = mailsTo('maria@example.test')[0]!.raw.replace(/=\r?\n/g, '');
    expect(mail).toContain('Sophie Midwife');
    expect(mail).toContain(`/families/${family.id}#betweenMeetings`);
    expect(mail).not.toContain('marqueur-secret');
    expect(mail).not.toContain('Confidentielle');
    expect((await partner.get('/me/notifications')).body).toEqual([]);
    expect((await mother.post('/me/notifications/read')).status).toBe(204);
    expect((await mother.get('/me/notifications')).body[0].read).toBe(true);
  });
});

describe('channels and digest', () => {
  it('a digest reader gets no email at once, then one summary', async () => {
    await midwife.client.post(`/families/${family.id}/decisions`, {
      what: 'Crèche en septembre',
      awaitedMemberIds: [family.members[1]!.id],
      positionsDueBy: inDays(4),
    });
    await server.notifications.settled();
    expect((await partner.get('/me/notifications')).body).toHaveLength(1);
    expect(mailsTo('tom@example.test')).toHaveLength(0);
    expect(await server.notifications.sendDigests(new Date(Date.now() + 60_000))).toBe(1);
    await waitFor(() => mailsTo('tom@example.test').length === 1, 3000, 'digest');
    expect(mailsTo('tom@example.test')[0]!.raw).toContain('Sophie Midwife');
    expect(await server.notifications.sendDigests(new Date(Date.now() + 120_000))).toBe(0);
  });

  it('pushes to a phone that opted in, through the Web Push protocol (VAPID, encrypted)', async () => {
    const settings = (await mother.get('/me/notification-settings')).body;
    expect(settings.vapidPublicKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const keys = createECDH('prime256v1');
    keys.generateKeys();
    const endpoint = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}/push/phone-1`;
    const registered = await mother.post('/me/push-subscriptions', {
      endpoint,
      keys: {
        p256dh: keys.getPublicKey().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    });
    expect(registered.status).toBe(204);
    await midwife.client.post(`/families/${family.id}/decisions`, {
      what: 'Kinésithérapie périnatale',
      awaitedMemberIds: [family.members[0]!.id],
      positionsDueBy: inDays(4),
    });
    await server.notifications.settled();
    await waitFor(() => pushed.length === 1, 3000, 'push delivery');
    expect(pushed[0]!.headers.authorization).toMatch(/^vapid t=/);
    expect(pushed[0]!.headers['content-encoding']).toBe('aes128gcm');
    expect(pushed[0]!.bytes).toBeGreaterThan(0);
  });

  it('rejects a bad address (400) and a push subscription that is not a URL (400)', async () => {
    const bad = await mother.put('/me/notification-settings', {
      email: true,
      emailAddress: 'not an address',
      digest: false,
      push: false,
    });
    expect(bad.status).toBe(400);
    const notUrl = await mother.post('/me/push-subscriptions', {
      endpoint: 'nope',
      keys: { p256dh: 'a', auth: 'b' },
    });
    expect(notUrl.status).toBe(400);
    const professional = await midwife.client.put('/me/notification-settings', {
      email: true,
      emailAddress: 'other@example.test',
      digest: false,
      push: false,
    });
    expect(professional.status).toBe(400);
  });
});

describe('the plan', () => {
  it('tells her when the team changes an action she carries, not when she moves it herself', async () => {
    const before = (await mother.get('/me/notifications')).body.length;
    const spaces = (await midwife.client.get(`/families/${family.id}/spaces`)).body;
    const planId = spaces.find((space: { kind: string }) => space.kind === 'sharedPlan').id;
    const outcome = await CollabTestClient.connect(server.url, planId, midwife.client.credentials);
    if (!outcome.ok) throw new Error('refused');
    const team = outcome.client;
    await waitFor(() => team.synced, 5000, 'sync');
    team.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      team.doc.getArray('actions').push([entry]);
      entry.set('id', 'a1');
      entry.set('what', 'Appeler la crèche');
      entry.set('owner', { kind: 'member', id: family.members[0]!.id, name: 'Maria' });
      entry.set('dueDate', null);
      entry.set('status', 'todo');
      entry.set('needId', null);
    });
    let list: { kind: string; link: string }[] = [];
    await waitFor(
      async () => {
        await server.notifications.settled();
        list = (await mother.get('/me/notifications')).body;
        return list.length === before + 1;
      },
      5000,
      'action notice',
    );
    expect(list[0]).toMatchObject({ kind: 'actionChanged', link: `/families/${family.id}/spaces/${planId}` });
    team.close();
  });
});

describe('a professional hidden from the partner', () => {
  it('is never named to him: he reads "the team" in the app and in his email; the mother reads her name', async () => {
    const worker = await buildProfessional(server.url, {
      healthRole: 'B',
      displayName: 'Aide Confidentielle',
    });
    const added = await midwife.client.post(`/families/${family.id}/team`, {
      professionalId: worker.id,
      hiddenFromMemberIds: [family.members[1]!.id],
    });
    expect(added.status).toBe(201);
    await partner.put('/me/notification-settings', {
      email: true,
      emailAddress: 'tom@example.test',
      digest: false,
      push: false,
    });
    const before = mailsTo('tom@example.test').length;
    const proposed = await worker.client.post(`/families/${family.id}/decisions`, {
      what: 'Réunion de famille au CPAS',
      positionsDueBy: inDays(4),
    });
    expect(proposed.status).toBe(201);
    await server.notifications.settled();
    const his = (await partner.get('/me/notifications')).body[0];
    expect(his).toMatchObject({ kind: 'positionAwaited', who: null });
    const hers = (await mother.get('/me/notifications')).body[0];
    expect(hers).toMatchObject({ kind: 'positionAwaited', who: 'Aide Confidentielle' });
    await waitFor(() => mailsTo('tom@example.test').length === before + 1, 3000, 'his email');
    const mail = mailsTo('tom@example.test')
      .at(-1)!
      .raw.replace(/=\r?\n/g, '');
    expect(mail).not.toContain('Confidentielle');
    expect(mail).toMatch(/L'=C3=A9quipe|L'équipe/);
  });
});
