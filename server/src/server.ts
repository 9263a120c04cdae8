import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Server as SocketServer } from 'socket.io';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { buildIndexes, requireReplicaSet } from './db/deploymentCheck.ts';
import { createLogger } from './logger.ts';
import { bootstrapAdmin } from './commands/adminBootstrapper.ts';
import { seedDemoData } from './demo/demoSeeder.ts';
import { startPurgeJob } from './commands/filePurger.ts';
import { attachSocketServer } from './realtime/socketServer.ts';
import { attachConcertationRoom } from './realtime/concertationRoom.ts';
import { attachCollabServer, type CollabServer } from './collab/collabServer.ts';
import { attachNotifications } from './notifications/notificationChannel.ts';
import type { NotificationService } from './notifications/notificationService.ts';
import { MongoUpdateStore } from './collab/updateStore.ts';
import { DocumentRegistry } from './collab/documentRegistry.ts';
import { DocumentRelay } from './collab/documentRelay.ts';
import type { SessionRegistry } from './auth/sessionRegistry.ts';
import { joinCluster } from './cluster/cluster.ts';

/** A running Concerto server: one HTTP server carrying the API, the client, Socket.io and the database. */
export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  collab: CollabServer;
  httpServer: HttpServer;
  io: SocketServer;
  /** Closes the sockets of sessions that end (sign-out, expiry, deactivation, password change). */
  sessions: SessionRegistry;
  logger: Logger;
  /** Delivers notifications (in the app, email, push) and sends the daily digests. */
  notifications: NotificationService;
  /** Stops accepting, closes connections, flushes and closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Opens the database, then starts the HTTP server on `config.port` (0 picks a free port). */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const cluster = await joinCluster(config, logger);
  const database = await openDatabase(config, logger).catch(async (error: unknown) => {
    await cluster.close();
    throw error;
  });
  try {
    await requireReplicaSet(database.connection);
    await buildIndexes(database.connection);
  } catch (error) {
    await database.close();
    await cluster.close();
    throw error;
  }
  await bootstrapAdmin(config.admin, logger);
  if (config.demoData) await seedDemoData(logger);
  const relay = cluster.bus ? new DocumentRelay(cluster.bus, cluster.instanceId, logger) : null;
  const documents = new DocumentRegistry(new MongoUpdateStore(), config.collab, logger, relay);
  const sessions = cluster.sessions;
  const app = createApp({ config, logger, databaseKind: database.kind, documents, sessions });
  const httpServer = createServer(app);
  const io = attachSocketServer(
    httpServer,
    { allowedOrigins: config.allowedOrigins, sessions, redis: cluster.redis },
    logger,
  );
  const room = attachConcertationRoom(io, cluster.roomPresence, logger);
  let url = '';
  const notifications = attachNotifications(io, config, () => config.notifications.publicUrl ?? url, logger);
  const collab = attachCollabServer(
    httpServer,
    { allowedOrigins: config.allowedOrigins, registry: documents, sessions },
    logger,
  );

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
  } catch (error) {
    await database.close();
    await cluster.close();
    throw error;
  }
  const stopPurging = startPurgeJob(logger);
  const port = (httpServer.address() as AddressInfo).port;
  url = `http://localhost:${port}`;
  logger.info({ url, db: database.kind }, 'Concerto is listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopPurging();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await collab.close();
      room.handOver();
      await io.close().catch(() => undefined);
      await room.close();
      await sessions.close();
      await notifications.close();
      httpServer.closeIdleConnections();
      // Requests still in flight get a moment to finish before their sockets are cut.
      const cutOff = setTimeout(() => httpServer.closeAllConnections(), 1500);
      await closed;
      clearTimeout(cutOff);
      await database.close();
      await cluster.close();
      logger.info('Concerto stopped');
    })());

  return {
    url,
    port,
    database,
    collab,
    httpServer,
    io,
    sessions,
    logger,
    notifications: notifications.service,
    stop,
  };
}
