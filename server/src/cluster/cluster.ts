import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { ClusterSessionRegistry } from '../auth/clusterSessionRegistry.ts';
import { MemorySessionRegistry, type SessionEnd, type SessionRegistry } from '../auth/sessionRegistry.ts';
import { shareAccessChanges, type AccessChange } from '../collab/accessEvents.ts';
import { signCollabTokensWith } from '../collab/collabTokens.ts';
import { grantFreshness } from '../collab/grantFreshness.ts';
import { MemoryRoomPresence, type RoomPresence, type RoomTouch } from '../realtime/roomPresence.ts';
import { RedisRoomPresence } from '../realtime/redisRoomPresence.ts';
import type { ClusterBus } from './clusterBus.ts';
import { InstanceChannel } from './instanceChannel.ts';
import { countRateLimitsIn } from './rateLimits.ts';
import { RedisClusterBus } from './redisClusterBus.ts';

/** This instance's place among the others: alone (no `REDIS_URL`), or one of several over Redis. */
export interface Cluster {
  /** Names this process in messages, so it skips its own. */
  instanceId: string;
  /** Carries documents' updates between instances; null when alone (nothing to carry). */
  bus: ClusterBus | null;
  /** Redis for commands (the Socket.io adapter); null when alone. */
  redis: Redis | null;
  sessions: SessionRegistry;
  /** Who is in which meeting room, on every instance. */
  roomPresence: RoomPresence;
  /** Stops listening and disconnects from Redis. */
  close(): Promise<void>;
}

/** How long the start waits for Redis before it gives up with an error that names it. */
const redisStartTimeoutMs = 10_000;

/**
 * Joins the other instances when `REDIS_URL` is set: shared signing key, access changes, session ends,
 * meeting room presence and rate limits over Redis (the Socket.io adapter is made from `redis`).
 * Without it, one process exactly as before.
 */
export async function joinCluster(config: Config, logger: Logger): Promise<Cluster> {
  if (config.secret) signCollabTokensWith(config.secret);
  const instanceId = randomUUID();
  if (!config.redisUrl) {
    return {
      instanceId,
      bus: null,
      redis: null,
      sessions: new MemorySessionRegistry(),
      roomPresence: new MemoryRoomPresence(),
      close: async () => {},
    };
  }
  const bus = new RedisClusterBus(config.redisUrl, logger);
  try {
    await Promise.race([
      bus.ready(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('Redis did not answer')), redisStartTimeoutMs).unref(),
      ),
    ]);
  } catch (error) {
    await bus.close();
    throw new Error(`Cannot reach Redis at REDIS_URL (${(error as Error).message}): start it or fix the URL`);
  }
  const channel = <Value>(name: string) => new InstanceChannel<Value>(bus, name, instanceId, logger);
  const stopAccess = shareAccessChanges(channel<AccessChange>('concerto:access'));
  const sessions = new ClusterSessionRegistry(channel<SessionEnd>('concerto:sessions'));
  const roomPresence = new RedisRoomPresence(
    bus.client,
    bus,
    channel<RoomTouch>('concerto:room-touches'),
    instanceId,
    logger,
  );
  // Tokens carry access decisions; one issued before a gap in the other instances' news is re-checked.
  grantFreshness.trustOnlyWhile(() => bus.reachable);
  const stopGrantRecovery = bus.onReconnect(() => grantFreshness.distrustIssuedBefore(Date.now()));
  countRateLimitsIn(bus.client);
  logger.info({ instanceId }, 'joined the other instances over Redis');
  return {
    instanceId,
    bus,
    redis: bus.client,
    sessions,
    roomPresence,
    close: async () => {
      stopAccess();
      await roomPresence.close();
      stopGrantRecovery();
      countRateLimitsIn(null);
      await sessions.close();
      await bus.close();
    },
  };
}
