import type mongoose from 'mongoose';
import type { Logger } from 'pino';

type MongoClient = mongoose.mongo.MongoClient;

/** What the watchdog reads of a MongoDB client: its heartbeat events and timeouts. */
export type WatchedClient = Pick<MongoClient, 'on' | 'off'> & {
  options: { connectTimeoutMS: number; heartbeatFrequencyMS: number };
};

type HeartbeatEvent = { connectionId: string };

/** How often pending heartbeats are looked at. */
const checkEveryMs = 5000;

/**
 * Calls `onStuck` when a server heartbeat has neither succeeded nor failed well past the longest a
 * healthy one takes; returns a function that stops watching. Until then the driver sees no server.
 */
export function watchHeartbeats(client: WatchedClient, onStuck: (address: string) => void): () => void {
  // A heartbeat waits at most connectTimeoutMS (connect, or a polled hello) or that plus
  // heartbeatFrequencyMS (a streamed hello); the margin covers a busy event loop.
  const stuckAfterMs = client.options.connectTimeoutMS + client.options.heartbeatFrequencyMS + 10_000;
  const pendingSince = new Map<string, number>();
  const started = ({ connectionId }: HeartbeatEvent) => {
    if (!pendingSince.has(connectionId)) pendingSince.set(connectionId, Date.now());
  };
  const ended = ({ connectionId }: HeartbeatEvent) => pendingSince.delete(connectionId);
  client.on('serverHeartbeatStarted', started);
  client.on('serverHeartbeatSucceeded', ended);
  client.on('serverHeartbeatFailed', ended);
  const timer = setInterval(() => {
    for (const [address, since] of pendingSince) {
      if (Date.now() - since < stuckAfterMs) continue;
      // Reported once: the next heartbeat of a new monitor starts the count again.
      pendingSince.delete(address);
      onStuck(address);
    }
  }, checkEveryMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    client.off('serverHeartbeatStarted', started);
    client.off('serverHeartbeatSucceeded', ended);
    client.off('serverHeartbeatFailed', ended);
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Closes `client` (which also fails the operations stuck with it) and connects it again, retrying until
 * the database answers or `stopped()`. Mongoose keeps its models on the same client, so they work again.
 */
export async function reconnectClient(
  client: MongoClient,
  logger: Logger,
  stopped = () => false,
): Promise<void> {
  await client.close().catch(() => undefined);
  for (let attempt = 1; !stopped(); attempt += 1) {
    try {
      await client.connect();
      logger.warn({ attempt }, 'MongoDB client reconnected');
      return;
    } catch (error) {
      // Meanwhile every operation fails as "not connected": requests answer 503.
      logger.warn({ err: error, attempt }, 'reconnecting the MongoDB client failed; retrying');
      await sleep(Math.min(1000 * attempt, 10_000));
    }
  }
}

/**
 * Reconnects `client` whenever its server monitor is stuck. Seen with mongodb 7.8 when the database
 * restarts (see collab/storeDeadline.ts): a hello written into a connection the server has just closed
 * waits forever, the monitor never checks again, and the database looks down until the process restarts.
 * Returns a function that stops.
 */
export function reconnectWhenStuck(client: MongoClient, logger: Logger): () => void {
  let stopped = false;
  let reconnecting = false;
  const stopWatching = watchHeartbeats(client, (address) => {
    if (reconnecting || stopped) return;
    reconnecting = true;
    logger.error({ address }, 'the MongoDB driver stopped checking the database: reconnecting its client');
    void reconnectClient(client, logger, () => stopped).finally(() => (reconnecting = false));
  });
  return () => {
    stopped = true;
    stopWatching();
  };
}
