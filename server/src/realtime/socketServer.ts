import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from 'pino';

/** Attaches Socket.io to the HTTP server, accepting only our own origin and the configured ones. */
export function attachSocketServer(httpServer: HttpServer, allowedOrigins: string[], logger: Logger): Server {
  const io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // The collaboration server answers /collab upgrades; Socket.io must leave them alone.
    destroyUpgrade: false,
    maxHttpBufferSize: 256 * 1024,
    cors: allowedOrigins.length ? { origin: allowedOrigins, credentials: true } : undefined,
  });
  io.on('connection', (socket) => {
    logger.debug({ socketId: socket.id }, 'socket connected');
  });
  return io;
}
