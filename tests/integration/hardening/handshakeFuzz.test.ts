import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io as connectSocket } from 'socket.io-client';
import { rawRequest, sendRaw, upgradeHeaders } from '../../support/rawHttp.ts';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

// Characters that make parsers stumble: percent signs, slashes, quotes, separators, non-ASCII.
const awkward = fc.constantFrom(
  '%',
  '/',
  '\\',
  '?',
  '#',
  '=',
  ';',
  '"',
  '.',
  ' ',
  'é',
  '€',
  'a',
  'F',
  '0',
  '%2F',
  '%E0',
);
const awkwardText = fc.array(awkward, { maxLength: 24 }).map((parts) => parts.join(''));
// Header values may not hold CR, LF or NUL; everything else a client could send is fair game.
const headerValue = fc.string({ unit: 'binary', maxLength: 60 }).map((text) => text.replace(/[\r\n\0]/g, ''));
// What a client library agrees to send in a header: printable ASCII, with the awkward characters mixed in.
const printable = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      awkward.filter((part) => /^[\x20-\x7e]+$/.test(part)),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

async function answersHealth(): Promise<boolean> {
  return (await fetch(`${server.url}/api/health`)).status === 200;
}

describe('fuzzing the handshakes', () => {
  it('the collaboration upgrade answers every generated request with a status below 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        awkwardText,
        awkwardText,
        fc.option(headerValue),
        fc.option(headerValue),
        async (space, query, cookie, origin) => {
          const lines =
            upgradeHeaders +
            (cookie === null ? '' : `Cookie: concerto_session=${cookie}\r\n`) +
            (origin === null ? '' : `Origin: ${origin}\r\n`);
          const target = `/collab/${space.replace(/[ #]/g, '%20')}?token=${query.replace(/[ #]/g, '+')}`;
          const answer = await sendRaw(server.port, Buffer.from(rawRequest('GET', target, lines), 'latin1'));
          expect(answer.status === null || answer.status < 500).toBe(true);
          expect(await answersHealth()).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the Socket.io handshake refuses every generated credential with connect_error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(printable),
        fc.option(printable),
        fc.option(fc.oneof(awkwardText, fc.integer(), fc.constant(null))),
        async (cookie, bearer, authToken) => {
          const headers: Record<string, string> = {};
          if (cookie !== null) headers.Cookie = `concerto_session=${cookie}`;
          if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
          const socket = connectSocket(server.url, {
            transports: ['websocket'],
            extraHeaders: headers,
            auth: authToken === null ? {} : { token: authToken },
            reconnection: false,
            timeout: 5000,
          });
          const outcome = await new Promise<string>((resolve) => {
            setTimeout(() => resolve('no answer'), 4000);
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (error) => resolve(error.message));
          });
          socket.disconnect();
          expect(outcome).toBe('unauthenticated');
          expect(await answersHealth()).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses the Socket.io handshake from another site', async () => {
    const answer = await sendRaw(
      server.port,
      rawRequest(
        'GET',
        '/socket.io/?EIO=4&transport=websocket',
        `${upgradeHeaders}Origin: https://evil.example\r\n`,
      ),
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(polling.status).toBe(403);
    const ours = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: server.url },
    });
    expect(ours.status).toBe(200);
  });
});
