import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { CollabCloseCode, collabLimits, collabPathPrefix, userIdOf } from '@concerto/shared';
import { resolveSessionById } from '../auth/sessions.ts';
import type { SessionRegistry } from '../auth/sessionRegistry.ts';
import { recordSpaceOpen } from './spaceOpens.ts';
import { resolveSpaceAccess } from '../policies/spaceAccess.ts';
import { onAccessChange, type AccessChange } from './accessEvents.ts';
import { CollabConnection, livenessStep } from './collabConnection.ts';
import type { DocumentRegistry } from './documentRegistry.ts';
import { decodeComponent, parseRequestTarget } from '../http/safeParsing.ts';
import { PlanProjector } from './planProjector.ts';
import { AutomaticVersions } from '../commands/versionRecorder.ts';
import { PlanNotifier } from '../notifications/planNotifier.ts';
import { authorizeUpgrade } from './upgradeAuthorizer.ts';

/** Settings of the collaboration server. */
export interface CollabServerOptions {
  allowedOrigins: readonly string[];
  registry: DocumentRegistry;
  /** Where session ends are heard: a connection closes (4401) as soon as its session ends or expires. */
  sessions: SessionRegistry;
}

/** The running collaboration server. */
export interface CollabServer {
  registry: DocumentRegistry;
  connections: Set<CollabConnection>;
  /** Closes every connection (server shutdown code) and flushes every document. */
  close(): Promise<void>;
}

const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

function refuse(socket: Duplex, status: number): void {
  // Not a byte of any document: a bare HTTP status, then the socket is gone.
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
  socket.destroy();
}

function affects(connection: CollabConnection, change: AccessChange): boolean {
  const grant = connection.grant;
  const actor = grant.auth.actor;
  switch (change.kind) {
    case 'family':
      return grant.familyId === change.familyId;
    case 'space':
      return grant.spaceId === change.spaceId;
    case 'session':
      return String(grant.auth.sessionId) === change.sessionId;
    case 'user':
      return userIdOf(actor) === change.userId;
  }
}

/**
 * Serves Yjs documents over the y-websocket protocol at `/collab/<spaceId>` on the HTTP server.
 * Every upgrade is authenticated and authorised before the websocket exists; rights are re-checked
 * whenever they change, and connections that lost them are closed with a shared close code.
 */
export function attachCollabServer(
  httpServer: HttpServer,
  options: CollabServerOptions,
  logger: Logger,
): CollabServer {
  const registry = options.registry;
  const planNotifier = new PlanNotifier();
  const projector = new PlanProjector(logger, 300, planNotifier);
  const versions = new AutomaticVersions(logger);
  const connections = new Set<CollabConnection>();
  const familyOfDocument = new Map<string, string>();
  registry.onLoaded = (document) => {
    // Before a document is freed (idle or shutdown), its projection and a version being kept are stored.
    document.beforeDestroy = async (unloading) => {
      await projector.projectPending(unloading);
      await versions.settled(unloading.name);
    };
    document.onUpdate((_update, origin) => {
      const familyId = familyOfDocument.get(document.name);
      if (origin instanceof CollabConnection && familyId)
        planNotifier.edited(document.name, familyId, origin.grant.auth);
    });
    document.onFlushed = () => {
      const familyId = familyOfDocument.get(document.name);
      if (familyId) projector.schedule(document, familyId);
      versions.afterFlush(document);
    };
  };
  const websockets = new WebSocketServer({
    noServer: true,
    maxPayload: collabLimits.maxMessageBytes,
    perMessageDeflate: false,
  });

  async function accept(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    spaceId: string,
    target: URL,
  ): Promise<void> {
    const result = await authorizeUpgrade(request, target, spaceId, options.allowedOrigins);
    if ('status' in result) return refuse(socket, result.status);
    if (socket.destroyed) return;
    // Reading a space live is a read of the family file: audited before a byte of it is sent.
    if (result.familyId) await recordSpaceOpen(result.auth, result.familyId, spaceId);
    if (result.kind === 'sharedPlan' && result.familyId) familyOfDocument.set(spaceId, result.familyId);
    websockets.handleUpgrade(request, socket, head, (websocket) => {
      const actor = result.auth.actor;
      const untrack = options.sessions.track({
        sessionId: String(result.auth.sessionId),
        userId: userIdOf(actor),
        expiresAt: result.auth.expiresAt,
        end: (reason) =>
          connection.close(
            CollabCloseCode.unauthenticated,
            reason === 'expired' ? 'session expired' : 'session ended',
          ),
      });
      const connection = new CollabConnection(websocket, socket, result, logger, (closed) => {
        untrack();
        connections.delete(closed);
        if (closed.attachedDocument) registry.release(closed.attachedDocument);
      });
      connections.add(connection);
      registry.open(spaceId).then(
        (document) => connection.attach(document),
        (error: unknown) => {
          logger.error({ err: error, doc: spaceId }, 'loading a document failed');
          connection.close(CollabCloseCode.serverShutdown, 'document unavailable');
        },
      );
    });
  }

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = parseRequestTarget(request.url);
    if (target?.pathname.startsWith('/socket.io/')) return; // Socket.io answers its own upgrades.
    socket.on('error', () => socket.destroy());
    if (!target) return refuse(socket, 400);
    if (!target.pathname.startsWith(collabPathPrefix)) return refuse(socket, 404);
    const spaceId = decodeComponent(target.pathname.slice(collabPathPrefix.length));
    if (spaceId === null) return refuse(socket, 400);
    accept(request, socket, head, spaceId, target).catch((error: unknown) => {
      logger.error({ err: error }, 'collaboration upgrade failed');
      refuse(socket, 500);
    });
  });

  async function recheck(connection: CollabConnection): Promise<void> {
    const grant = connection.grant;
    const auth = await resolveSessionById(String(grant.auth.sessionId));
    if (!auth) return connection.close(CollabCloseCode.unauthenticated, 'session ended');
    const { access } = await resolveSpaceAccess(auth.actor, grant.spaceId);
    if (access === 'none') return connection.close(CollabCloseCode.accessRevoked, 'access revoked');
    if (access !== grant.access) connection.close(CollabCloseCode.accessChanged, 'access changed');
  }

  const stopListening = onAccessChange((change) => {
    for (const connection of connections) {
      if (affects(connection, change))
        recheck(connection).catch((error: unknown) => logger.error({ err: error }, 'access re-check failed'));
    }
  });

  // Liveness: close expired sessions and connections silent for three intervals (so a phone busy
  // receiving a large first sync is not cut off); ping only the quiet ones.
  const liveness = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) {
      const step = livenessStep(connection.lastSeen, connection.grant.auth.expiresAt.getTime(), now);
      if (step === 'expired') connection.close(CollabCloseCode.unauthenticated, 'session expired');
      else if (step === 'silent') connection.close(CollabCloseCode.tooSlow, 'no answer to pings');
      else if (step === 'ask') connection.ping();
    }
  }, collabLimits.pingIntervalMs);
  liveness.unref();

  return {
    registry,
    connections,
    close: async () => {
      clearInterval(liveness);
      stopListening();
      for (const connection of connections)
        connection.close(CollabCloseCode.serverShutdown, 'server shutting down');
      websockets.close();
      // In order: every document's edits and editors, then the versions and projections their last
      // flushes started; the database closes only after this resolves.
      await registry.close();
      await versions.settleAll();
      await projector.close();
    },
  };
}
