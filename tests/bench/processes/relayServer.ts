// The reference to compare with: the stock y-websocket server (`@y/websocket-server` 0.1.1) on a plain
// `ws` server, with no authentication and no persistence. Started by the bench as its own process; with
// `REDIS_URL` (`--instances`), one of several instances relaying documents over Redis (redisRelay.ts).
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { relayOverRedis } from './redisRelay.ts';

const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('relay');
});
const websockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const relay = process.env.REDIS_URL ? relayOverRedis(process.env.REDIS_URL) : null;

server.on('upgrade', (request, socket, head) => {
  // The room is the path, as y-websocket's WebsocketProvider names it: `/<spaceId>?<params>`.
  relay?.follow((request.url ?? '').slice(1).split('?')[0] ?? '');
  websockets.handleUpgrade(request, socket, head, (websocket) => setupWSConnection(websocket, request));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});

process.once('SIGTERM', () => process.exit(0));
