import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { WebSocketServer } from 'ws';
import { CollabCloseCode } from '@concerto/shared';

// The device's offline copy (IndexedDB) does not exist in Node; the tests are about the network.
vi.mock('y-indexeddb', () => ({
  IndexeddbPersistence: class {
    whenSynced = Promise.resolve();
    clearData = async () => undefined;
    destroy = async () => undefined;
  },
}));

const { useCollabSpace } = await import('../../../client/src/composables/useCollabSpace.ts');

/** What the test server does with a client's first update to the document. */
type Answer = 'overPayloadLimit' | 'closeTooLarge' | 'closeShutdown';

/**
 * A stand-in for the server: hands out collaboration tokens over HTTP (counted: one per connection
 * attempt) and accepts the websocket, then closes it the way the real server does.
 */
async function startServer(answer: Answer) {
  const tokenRequests: number[] = [];
  const http: Server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/api/collab/tokens') {
      tokenRequests.push(Date.now());
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ token: `token-${tokenRequests.length}`, access: 'write' }));
    } else response.writeHead(404).end();
  });
  // As on the real server, ws itself closes with 1009 when a frame exceeds maxPayload.
  const sockets = new WebSocketServer({
    server: http,
    maxPayload: answer === 'overPayloadLimit' ? 4096 : 1024 * 1024,
  });
  sockets.on('connection', (socket) => {
    // ws reports the oversized frame as an error on the socket after closing it with 1009.
    socket.on('error', () => undefined);
    socket.on('message', (data: Buffer) => {
      if (data.length < 2048) return;
      if (answer === 'closeTooLarge') socket.close(CollabCloseCode.messageTooLarge, 'too large');
      if (answer === 'closeShutdown') socket.close(1001, 'going away');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    port,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.close(() => resolve());
      }),
  };
}

let server: Awaited<ReturnType<typeof startServer>> | undefined;

beforeEach(() => {
  const realFetch = globalThis.fetch;
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) =>
    realFetch(`http://127.0.0.1:${server!.port}${path}`, init),
  );
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  server = undefined;
});

/** Opens a space like the plan editor does, then pastes a text bigger than the server accepts. */
async function pasteTooMuch(answer: Answer) {
  server = await startServer(answer);
  vi.stubGlobal('location', { protocol: 'http:', host: `127.0.0.1:${server.port}` });
  const scope = effectScope();
  const space = scope.run(() => useCollabSpace('space-1', { name: 'Inès Martin' }))!;
  await vi.waitFor(() => expect(space.state.value).toBe('connected'), { timeout: 5000 });
  space.doc.getText('notes').insert(0, 'x'.repeat(20_000));
  return { space, scope };
}

describe('the collaboration client after a size-limit close', () => {
  it('stops reconnecting on 1009 (frame over the websocket limit) and says the paste was too large', async () => {
    const { space, scope } = await pasteTooMuch('overPayloadLimit');
    await vi.waitFor(() => expect(space.state.value).toBe('closed'), { timeout: 5000 });
    expect(space.closedReason.value).toBe('messageTooLarge');
    // The first reconnection would come within 0.5 s; none comes, so the paste is not sent in a loop.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(server!.tokenRequests).toHaveLength(1);
    expect(space.state.value).toBe('closed');
    scope.stop();
  });

  it("stops reconnecting on the server's own 4413 close", async () => {
    const { space, scope } = await pasteTooMuch('closeTooLarge');
    await vi.waitFor(() => expect(space.closedReason.value).toBe('messageTooLarge'), { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(server!.tokenRequests).toHaveLength(1);
    scope.stop();
  });

  it('does reconnect after an ordinary close (server restarting)', async () => {
    const { space, scope } = await pasteTooMuch('closeShutdown');
    await vi.waitFor(() => expect(server!.tokenRequests.length).toBeGreaterThan(1), { timeout: 5000 });
    expect(space.closedReason.value).toBeNull();
    scope.stop();
  });
});
