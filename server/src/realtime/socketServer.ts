import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { userIdOf } from '@concerto/shared';
import { tokenFromHeaders } from '../auth/authenticate.ts';
import { resolveSession, type AuthContext } from '../auth/sessions.ts';
import type { SessionRegistry } from '../auth/sessionRegistry.ts';
import { originAllowed } from '../http/origins.ts';

/** Reads the caller of a Socket.io connection (cookie, bearer header or `auth.token`); never throws. */
async function authenticate(socket: Socket): Promise<boolean> {
  const given: unknown = socket.handshake.auth?.token;
  const token = tokenFromHeaders(socket.handshake.headers) ?? (typeof given === 'string' ? given : null);
  if (!token) return false;
  const auth = await resolveSession(token);
  if (!auth) return false;
  socket.data.auth = auth;
  return true;
}

/** What the Socket.io server needs: the origins it accepts, where session ends are heard, Redis if shared. */
export interface SocketServerOptions {
  allowedOrigins: readonly string[];
  sessions: SessionRegistry;
  /** With several instances, rooms span them all over this Redis; null when alone. */
  redis: Redis | null;
}

/** Events one socket may send per second (a raised hand, a reaction...); more are answered `rate_limited`. */
export const socketEventsPerSecond = 20;

/** Refuses a socket's events beyond its rate, answering their acknowledgement if they asked for one. */
function limitEvents(socket: Socket, limiter: RateLimiterAbstract): void {
  socket.use((packet, next) => {
    limiter.consume(socket.id).then(
      () => next(),
      () => {
        const ack: unknown = packet[packet.length - 1];
        if (typeof ack === 'function') ack({ ok: false, error: 'rate_limited' });
      },
    );
  });
}

/** Sent to a socket just before the server disconnects it because its session ended or expired. */
export const sessionEndedEvent = 'session:ended';

/**
 * Attaches Socket.io to the HTTP server (rooms span every instance when they share Redis). The handshake is refused for pages of other origins (the
 * same allow-list as the API and the collaboration websockets) and for callers without a session; a
 * socket is disconnected as soon as its session ends.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  options: SocketServerOptions,
  logger: Logger,
): Server {
  const { allowedOrigins, sessions, redis } = options;
  // Counted in this process even with Redis: a socket lives on one instance, so its count is never shared.
  const events = new RateLimiterMemory({
    keyPrefix: 'socket-events',
    points: socketEventsPerSecond,
    duration: 1,
  });
  const io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // The collaboration server answers /collab upgrades; Socket.io must leave them alone.
    destroyUpgrade: false,
    maxHttpBufferSize: 256 * 1024,
    cors: allowedOrigins.length ? { origin: [...allowedOrigins], credentials: true } : undefined,
    // CORS headers only stop browsers from reading answers; this refuses the handshake itself.
    allowRequest: (request, answer) => answer(null, originAllowed(request.headers, allowedOrigins)),
    // Several instances: what is emitted to a room goes on a Redis stream that every instance reads from
    // where it left off, so one cut from Redis for a while still delivers what was said meanwhile.
    adapter: redis
      ? createAdapter(redis, { streamName: 'concerto:socket.io', channelPrefix: 'concerto:io' })
      : undefined,
  });
  io.use((socket, next) => {
    authenticate(socket).then(
      (signedIn) => next(signedIn ? undefined : new Error('unauthenticated')),
      (error: unknown) => {
        logger.warn({ err: error }, 'socket authentication failed');
        next(new Error('unavailable'));
      },
    );
  });
  io.on('connection', (socket) => {
    const auth = socket.data.auth as AuthContext;
    const actor = auth.actor;
    const untrack = sessions.track({
      sessionId: String(auth.sessionId),
      userId: userIdOf(actor),
      expiresAt: auth.expiresAt,
      end: (reason) => {
        socket.emit(sessionEndedEvent, { reason });
        socket.disconnect(true);
      },
    });
    socket.on('disconnect', untrack);
    limitEvents(socket, events);
    logger.debug({ socketId: socket.id }, 'socket connected');
  });
  return io;
}
