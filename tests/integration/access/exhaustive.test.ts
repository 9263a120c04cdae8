import { io as connectSocket } from 'socket.io-client';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bassins, flaggableIndicatorKeys } from '@concerto/shared';
import { signIn } from '../../support/apiClient.ts';
import { CollabTestClient, waitFor } from '../../support/collabClient.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';
import { minimalBody, type SchemaNode } from './exhaustive/minimalBody.ts';
import { buildWorld, markers, type Identity, type World } from './exhaustive/world.ts';

/**
 * Every route of /api/openapi.json, the collaboration websocket and the room events, crossed with fourteen
 * identities (two interpreters' one-meeting passes among them): status codes as the policy says, and no byte carrying a marker the identity may not get.
 */
let server: TestServer;
let world: World;
let routes: { method: string; path: string; authenticated: boolean; body?: SchemaNode; upload?: string }[];

const leaks: string[] = [];
/** Markers each identity did receive: proves the crossing reaches the data it guards. */
const received = new Map<string, Set<string>>();
const statusProblems: string[] = [];
/** Routes whose generated body the team's Role A professional saw refused (400): their handler went untested. */
const refusedBodies: string[] = [];

function check(identity: string, what: string, bytes: string): void {
  for (const [marker, text] of Object.entries(markers))
    if (bytes.includes(text)) received.set(identity, (received.get(identity) ?? new Set()).add(marker));
  for (const marker of world.identities[identity]!.forbidden)
    if (bytes.includes(markers[marker])) leaks.push(`${identity} got ${marker} from ${what}`);
}

beforeAll(async () => {
  // Push keys, so that the push-subscription route reaches its access check like every other.
  const vapid = webpush.generateVAPIDKeys();
  server = await startTestServer({
    CONCERTO_ADMIN_EMAIL: 'root@exhaustive.test',
    CONCERTO_ADMIN_PASSWORD: 'root-password-1',
    CONCERTO_VAPID_PUBLIC_KEY: vapid.publicKey,
    CONCERTO_VAPID_PRIVATE_KEY: vapid.privateKey,
  });
  const admin = await signIn(server.url, 'root@exhaustive.test', 'root-password-1');
  const document = (await admin.get('/openapi.json')).body as {
    paths: Record<
      string,
      Record<
        string,
        {
          security?: unknown;
          requestBody?: { content: Record<string, { schema: SchemaNode & { format?: string } }> };
        }
      >
    >;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path.replace(/^\/api/, ''),
      authenticated: !!operation.security,
      body: operation.requestBody?.content['application/json']?.schema,
      // A file sent as itself (a document): the crossing sends a small PDF.
      upload: Object.keys(operation.requestBody?.content ?? {}).find((type) => type === 'application/pdf'),
    })),
  );
  world = await buildWorld(server.url, admin, (method, path) =>
    minimalBody(document.paths[`/api${path}`]?.[method]?.requestBody?.content['application/json']?.schema, {
      fallback: '0'.repeat(24),
    }),
  );
}, 120_000);
afterAll(() => server.dispose());

/** Fills path parameters with the seeded world's ids, by the resource the path names. */
function concretePath(path: string): string {
  const ids = world.ids;
  const byPrefix: Record<string, string> = {
    families: ids.family,
    concertations: ids.concertation,
    decisions: ids.decision,
    directory: ids.directory,
    'network-meetings': ids.meeting,
    organisations: ids.hospital,
    referrals: ids.decision,
  };
  const prefix = path.split('/')[1]!;
  return path
    .replace('{id}', byPrefix[prefix] ?? ids.family)
    .replace('{memberId}', ids.mother)
    .replace('{professionalId}', prefix === 'families' ? ids.hiddenProfessional : ids.staff)
    .replace('{indicatorId}', ids.indicator)
    .replace('{assessmentId}', ids.assessment)
    .replace('{spaceId}', ids.space)
    .replace('{versionId}', ids.version)
    .replace('{attachmentId}', ids.attachment)
    .replace('{assignmentId}', ids.decision)
    .replace('{passId}', ids.sparePass);
}

function bodyIds(): Record<string, string> {
  const ids = world.ids;
  return {
    memberId: ids.mother,
    aboutMemberId: ids.mother,
    professionalId: ids.candidate,
    concertationId: ids.concertation,
    directoryEntryId: ids.directory,
    onBehalfOfMemberId: ids.mother,
    spaceId: ids.space,
    entryId: ids.directory,
    participantId: ids.mother,
    organisationId: ids.hospital,
    fallback: ids.family,
  };
}

/**
 * What a route's minimal body lacks to pass the checks zod cannot express (either-or fields, choices
 * that depend on each other), so that every identity reaches the handler and its access check.
 */
function bodyAdditions(route: (typeof routes)[number]): Record<string, unknown> {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const additions: Record<string, Record<string, unknown>> = {
    'POST /families': { dueDate: inAWeek },
    'POST /families/{id}/flags': { indicatorKey: flaggableIndicatorKeys[0] },
    'POST /families/{id}/assessments': { at: new Date().toISOString().slice(0, 10) },
    'POST /families/{id}/strata/refusals': { at: new Date().toISOString().slice(0, 10) },
    // The seeded indicator is active: the change has to be to another status.
    'POST /families/{id}/indicators/{indicatorId}/status': { status: 'attenuated' },
    'POST /families/{id}/functions': { onBehalfOfMemberId: world.ids.mother },
    'POST /families/{id}/concertations': { remote: true },
    'POST /network-meetings': { bassin: bassins[0] },
    // A key moment is recorded on a day that has come (the generated date is after tomorrow).
    'POST /families/{id}/key-moments': { at: new Date().toISOString().slice(0, 10) },
    'POST /organisations/{id}/professionals': {
      email: `exhaustive-${Date.now()}-${Math.random()}@example.test`,
      password: 'Lune-violette-42-sardine',
      healthRole: 'B',
    },
  };
  return additions[`${route.method} ${route.path}`] ?? {};
}

/** Bodies written out where the minimal one would do harm: deactivating the account of an identity. */
const fullBodies: Record<string, unknown> = {
  'PATCH /organisations/{id}/professionals/{professionalId}': { accessManager: false },
};

/** Routes a guest's pass reaches: who she is, signing out, and the meeting her pass opens. */
const guestRoutes = ['GET /me', 'POST /auth/logout', 'GET /interpreter/meeting'];

/** A guest: 404 on every route but hers; her meeting answers the interpreter of the open meeting only. */
function guestStatuses(route: (typeof routes)[number], name: string): number[] {
  const key = `${route.method} ${route.path}`;
  if (!guestRoutes.includes(key)) return [404];
  // The later meeting's interpreter is in no room yet, but her meeting is still to come: it answers too.
  if (key === 'POST /auth/logout') return [204];
  return name === 'interpreter' || name === 'otherMeetingInterpreter' ? [200] : [404];
}

/** The statuses a route may answer this identity; anything else (a 5xx above all) is a finding. */
function allowedStatuses(route: (typeof routes)[number], identity: Identity, name: string): number[] {
  if (!route.authenticated) return [200, 201, 204, 400, 401, 404, 409, 429];
  // The session is checked before anything else: an anonymous caller learns nothing, not even a body's shape.
  if (name === 'anonymous') return [401];
  // A guest's pass reaches the routes made for it; every other one does not exist for her.
  if (identity.guest) return guestStatuses(route, name);
  // Bodies are valid (see `bodyAdditions`), so an outsider reaches the access check: 404, as for a family
  // that does not exist.
  const familyRoute = route.path.startsWith('/families/{id}');
  if (familyRoute && !identity.insider) return [404];
  return [200, 201, 204, 400, 403, 404, 409];
}

async function call(name: string, route: (typeof routes)[number]) {
  const identity = world.identities[name]!;
  const path = concretePath(route.path);
  const body = route.body
    ? (fullBodies[`${route.method} ${route.path}`] ?? {
        ...(minimalBody(route.body, bodyIds()) as object),
        ...bodyAdditions(route),
      })
    : undefined;
  const response = route.upload
    ? await identity.client.upload(path, Buffer.from('%PDF-1.4\n%%EOF\n'), route.upload)
    : await identity.client.request(route.method, path, body);
  check(name, `${route.method} ${path}`, response.text);
  if (name === 'roleAOnTeam' && response.status === 400) refusedBodies.push(`${route.method} ${route.path}`);
  if (!allowedStatuses(route, identity, name).includes(response.status))
    statusProblems.push(
      `${name} ${route.method} ${route.path}: ${response.status} ${response.text.slice(0, 120)}`,
    );
}

describe('every channel, every identity', () => {
  it('covers every route of the OpenAPI document with at least ten identities', () => {
    expect(Object.keys(world.identities).length).toBeGreaterThanOrEqual(10);
    expect(routes.length).toBeGreaterThan(50);
  });

  it('the collaboration websocket opens only what each identity may read, and carries no forbidden marker', async () => {
    const writer = await CollabTestClient.connect(server.url, world.ids.space, {
      token: world.identities.roleAOnTeam!.client.credentials.token,
    });
    expect(writer.ok).toBe(true);
    if (!writer.ok) return;
    await waitFor(() => writer.client.synced, 5000, 'writer synced');
    writer.client.doc.getText('exhaustive').insert(0, markers.medical);
    for (const [name, identity] of Object.entries(world.identities)) {
      for (const space of world.ids.spaces) {
        const outcome = await CollabTestClient.connect(server.url, space.id, identity.client.credentials);
        if (!outcome.ok) {
          check(name, `collab ${space.kind}`, outcome.body);
          if (!identity.insider) expect([401, 403, 404], `${name} ${space.kind}`).toContain(outcome.status);
          continue;
        }
        if (!identity.insider) statusProblems.push(`${name} opened ${space.kind} over the websocket`);
        await waitFor(() => outcome.client.synced, 5000, `${name} synced ${space.kind}`);
        const bytes = Buffer.concat(outcome.client.received.map((chunk) => Buffer.from(chunk))).toString(
          'latin1',
        );
        check(name, `collab ${space.kind}`, bytes);
        outcome.client.close();
      }
    }
    writer.client.close();
  });

  it('the room events: only invitees join, and nothing forbidden is broadcast', async () => {
    const events = ['join', 'hand', 'reaction', 'agenda', 'timer', 'leave'];
    const payloads: Record<string, unknown> = {
      hand: { raised: true },
      reaction: { reaction: 'thumbsUp' },
      agenda: { index: 1 },
      timer: { action: 'start' },
    };
    for (const [name, identity] of Object.entries(world.identities)) {
      const headers: Record<string, string> = {};
      if (identity.client.credentials.cookie) headers.Cookie = identity.client.credentials.cookie;
      if (identity.client.credentials.token)
        headers.Authorization = `Bearer ${identity.client.credentials.token}`;
      const socket = connectSocket(server.url, {
        transports: ['websocket'],
        extraHeaders: headers,
        reconnection: false,
      });
      const received: string[] = [];
      socket.onAny((event, ...args) => received.push(JSON.stringify([event, args])));
      const connected = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', (error) => {
          received.push(String(error.message));
          resolve(false);
        });
      });
      if (name === 'anonymous') expect(connected).toBe(false);
      if (connected) {
        for (const event of events) {
          const ack = await new Promise<{ ok: boolean }>((resolve) =>
            socket.emit(
              `concertation:${event}`,
              { concertationId: world.ids.concertation, ...(payloads[event] as object) },
              resolve,
            ),
          );
          received.push(JSON.stringify(ack));
          // The interpreter joins the room of her meeting, which this is; no other outsider joins it.
          if (event === 'join')
            expect(ack.ok, `${name} joined`).toBe(identity.insider ? ack.ok : name === 'interpreter');
          if (event === 'join' && name === 'withdrawnMember')
            expect(ack.ok, 'withdrawn member joined').toBe(false);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      check(name, 'room', received.join('\n'));
      socket.disconnect();
    }
  });

  it("a space's history and visits answer exactly those who may open the space, for every identity", async () => {
    const problems: string[] = [];
    for (const [name, identity] of Object.entries(world.identities)) {
      const listed = await identity.client.get(`/families/${world.ids.family}/spaces`);
      const readable = new Set(
        listed.status === 200 ? (listed.body as { id: string }[]).map((space) => space.id) : [],
      );
      for (const space of world.ids.spaces) {
        const base = `/families/${world.ids.family}/spaces/${space.id}`;
        const expected = name === 'anonymous' ? 401 : readable.has(space.id) ? 200 : 404;
        for (const [method, path] of [
          ['GET', `${base}/history`],
          ['POST', `${base}/visits`],
        ] as const) {
          const response = await identity.client.request(method, path, method === 'POST' ? {} : undefined);
          check(name, `${method} ${path}`, response.text);
          if (response.status !== expected)
            problems.push(
              `${name} ${method} ${space.kind} history: ${response.status}, expected ${expected}`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
    // The crossing reaches both answers: a family member the health space is hidden from gets 404.
    expect(world.ids.spaces.map((space) => space.kind)).toContain('health');
  });

  it('every REST route answers each identity as the policy says and never leaks a marker', async () => {
    const ordered = [
      ...routes.filter((route) => route.method === 'GET'),
      ...routes.filter((route) => !['GET', 'DELETE'].includes(route.method) && route.path !== '/auth/logout'),
      ...routes.filter((route) => route.method === 'DELETE'),
    ];
    for (const route of ordered)
      await Promise.all(Object.keys(world.identities).map((name) => call(name, route)));
    expect({ statusProblems, leaks }).toEqual({ statusProblems: [], leaks: [] });
    // Bodies reach the handlers: only credentials the seeded world cannot know are refused.
    const credentials = [
      'POST /auth/login',
      // A phone's signed WebAuthn answer to a challenge the server issued.
      'POST /auth/passkeys',
      'POST /auth/passkeys/sign-in',
      'POST /auth/password-reset',
      'POST /invitations/redeem',
      'POST /interpreter-invitations/redeem',
      'POST /me/password',
      // A sign-in challenge, a code of the authenticator app, a factor being set up, the password.
      'POST /auth/second-factor',
      'POST /auth/second-factor/enrolment',
      'POST /me/second-factor',
      'POST /me/second-factor/disable',
    ];
    expect(refusedBodies.filter((route) => !credentials.includes(route))).toEqual([
      'POST /concertations/{id}/attendance', // the mother is not on this meeting's invitation list
    ]);
    // The guarded data was really in the answers: those entitled to it got it.
    expect([...(received.get('roleAOnTeam') ?? [])].sort()).toEqual(Object.keys(markers).sort());
    expect([...(received.get('mother') ?? [])].sort()).toEqual([
      'hiddenDecision',
      'hiddenProfessional',
      'medicalMother',
    ]);
    expect([...(received.get('roleBOnTeam') ?? [])]).toContain('hiddenDecision');
  }, 180_000);

  it('once the family left, every write on the file answers 403 file_closed and reads still answer', async () => {
    const left = await world.identities.roleAOnTeam!.client.post(`/families/${world.ids.family}/closure`, {
      kind: 'left',
      reason: 'La famille quitte le programme',
    });
    expect(left.status).toBe(201);
    // The family's rights of access and correction outlive the file's closing.
    const stillOpen = ['/my-data', '/rights-requests'];
    const fileRoutes = routes.filter(
      (route) =>
        /^\/(families|concertations|decisions|referrals)\/\{id\}/.test(route.path) &&
        !stillOpen.some((part) => route.path.includes(part)),
    );
    expect(fileRoutes.filter((route) => route.method !== 'GET').length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const route of fileRoutes)
      for (const name of ['roleAOnTeam', 'roleBOnTeam', 'mother']) {
        const identity = world.identities[name]!;
        const body = route.body ? minimalBody(route.body, bodyIds()) : undefined;
        const response = await identity.client.request(route.method, concretePath(route.path), body);
        check(name, `closed ${route.method} ${route.path}`, response.text);
        const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
        if (route.method === 'GET') {
          if (response.status >= 500)
            problems.push(`${name} ${route.method} ${route.path}: ${response.status}`);
        } else if (response.status < 400 || (response.status === 403 && code !== 'file_closed'))
          problems.push(`${name} ${route.method} ${route.path}: ${response.status} ${code ?? ''}`);
      }
    expect({ problems, leaks }).toEqual({ problems: [], leaks: [] });
    const file = await world.identities.roleAOnTeam!.client.get(`/families/${world.ids.family}`);
    expect(file.status).toBe(200);
    expect(file.body.closure.kind).toBe('left');
    const plan = world.ids.spaces.find((space) => space.kind === 'sharedPlan')!;
    const reader = await CollabTestClient.connect(
      server.url,
      plan.id,
      world.identities.roleAOnTeam!.client.credentials,
    );
    if (!reader.ok) throw new Error('the team still reads the plan of a closed file');
    await waitFor(() => reader.client.synced, 5000, 'closed plan synced');
    reader.client.doc.getText('exhaustive-after-close').insert(0, 'must not be kept');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const onServer = (await server.collab.registry.loaded()).find((document) => document.name === plan.id);
    expect(onServer?.doc.getText('exhaustive-after-close').toString() ?? '').toBe('');
    reader.client.close();
  }, 180_000);

  it('signing out, last: the logout routes answer every identity and leak nothing', async () => {
    for (const route of routes.filter((route) => route.path === '/auth/logout'))
      await Promise.all(Object.keys(world.identities).map((name) => call(name, route)));
    expect({ statusProblems, leaks }).toEqual({ statusProblems: [], leaks: [] });
  });
});
