import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import { rawRequest, sendRaw, upgradeHeaders } from '../../support/rawHttp.ts';
import { startServerProcess, type ServerProcess } from '../../support/serverProcess.ts';

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server.stop();
});

async function stillServing(): Promise<void> {
  expect(server.child.exitCode, server.output()).toBeNull();
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
}

/** The Socket.io handshake with a given cookie: resolves with the connect error's message. */
function socketError(headers: Record<string, string>): Promise<string> {
  const socket = connectSocket(server.url, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}

const paths = [
  '/collab/%',
  '/collab/%E0%A4%A',
  '/collab/%zz%',
  '/collab/',
  '/collab/..%2F..%2Fetc%2Fpasswd',
  '/collab/%00',
  `/collab/${'a'.repeat(6000)}`,
  '/collab/x?token=%',
  '/collab/x?token=a.b.c',
  '//',
  '///collab/x',
  '//collab/x',
  '/%',
  '/api/%',
  '/api/families/%',
  '/api/me?%=%',
  '/socket.io/?EIO=%',
  '/socket.io/?EIO=4&transport=websocket&sid=%',
  '/socket.io/?EIO=4&transport=polling',
  '*',
  'http://evil.example/collab/x',
  '/\u00e9\u00e8',
];
const cookies = [
  '',
  'Cookie: concerto_session=%\r\n',
  'Cookie: concerto_session=%E0%A4%A\r\n',
  'Cookie: concerto_session\r\n',
  'Cookie: =;;==; ;\r\n',
  `Cookie: concerto_session=${'%'.repeat(4000)}\r\n`,
  'Cookie: a=b; concerto_session="%"; concerto_session=%%\r\n',
];
const headers = [
  '',
  'Origin: %\r\n',
  'Origin: null\r\n',
  'Authorization: Bearer %\r\n',
  'Authorization: Bearer\r\n',
  'Sec-WebSocket-Version: banana\r\n',
  'Content-Type: application/json\r\n',
  'X-Forwarded-For: %, ::1, 999.1.1.1\r\n',
];

describe('no request crashes the server', () => {
  it('survives the three reported crash inputs and answers the next request', async () => {
    const collab = await sendRaw(server.port, rawRequest('GET', '/collab/%', upgradeHeaders));
    expect(collab.status).toBe(400);
    await stillServing();
    const doubleSlash = await sendRaw(server.port, rawRequest('GET', '//', upgradeHeaders));
    expect(doubleSlash.status).toBe(400);
    await stillServing();
    expect(await socketError({ Cookie: 'concerto_session=%' })).toBe('unauthenticated');
    await stillServing();
    const rest = await fetch(`${server.url}/api/me`, { headers: { Cookie: 'concerto_session=%' } });
    expect(rest.status).toBe(401);
    await stillServing();
  });

  it('answers a generated corpus of malformed URLs, cookies and headers without a 5xx', async () => {
    const requests: string[] = [];
    for (const path of paths)
      for (const cookie of cookies) {
        requests.push(rawRequest('GET', path, upgradeHeaders + cookie));
        requests.push(rawRequest('POST', path, cookie + 'Content-Type: application/json\r\n', '{"a":'));
      }
    for (const header of headers)
      for (const path of paths.slice(0, 12)) requests.push(rawRequest('GET', path, upgradeHeaders + header));
    // Broken framing and bytes no client library would send.
    requests.push('GET /collab/x HTTP/1.1\r\nHost: \u0000\r\n\r\n', 'GARBAGE\r\n\r\n', '\r\n\r\n');
    requests.push(`GET /api/health HTTP/1.1\r\nHost: a\r\nX: ${'y'.repeat(20_000)}\r\n\r\n`);
    requests.push(
      'GET /collab/x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\nTransfer-Encoding: chunked\r\n\r\n',
    );

    const statuses: (number | null)[] = [];
    for (let start = 0; start < requests.length; start += 16) {
      const batch = requests.slice(start, start + 16);
      statuses.push(
        ...(await Promise.all(batch.map((request) => sendRaw(server.port, request)))).map((a) => a.status),
      );
      await stillServing();
    }
    expect(statuses.length).toBeGreaterThan(350);
    expect(statuses.filter((status) => status !== null && status >= 500)).toEqual([]);
    for (const cookie of cookies.filter(Boolean)) {
      const value = cookie.slice('Cookie: '.length, -2);
      expect(await socketError({ Cookie: value })).toBe('unauthenticated');
    }
    await stillServing();
  });
});
