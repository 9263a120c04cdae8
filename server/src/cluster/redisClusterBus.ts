import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { ChannelListener, ClusterBus } from './clusterBus.ts';

/** Reconnection waits grow to this: an instance finds Redis again within a second of its return. */
const longestReconnectWaitMs = 1000;

/** Options shared by the Redis connections of one instance: reconnect forever, fail fast while down. */
export function redisOptions(): RedisOptions {
  return {
    retryStrategy: (attempt: number) => Math.min(50 * attempt, longestReconnectWaitMs),
    // A command made while Redis is away fails after one try instead of waiting in a queue for minutes.
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  };
}

/**
 * The bus over Redis pub/sub (binary-safe: buffers in, buffers out). One connection publishes, one
 * subscribes; ioredis subscribes again after a reconnection, and `onReconnect` listeners then resync.
 */
export class RedisClusterBus implements ClusterBus {
  /** The connection that publishes, also used for commands (rate limits, the Socket.io adapter). */
  readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private wasReady = false;
  private interrupted = false;

  constructor(url: string, logger: Logger) {
    this.client = new Redis(url, redisOptions());
    this.subscriber = new Redis(url, redisOptions());
    for (const client of [this.client, this.subscriber]) {
      // Errors are reported by the reconnection below; unhandled, they would crash the process.
      client.on('error', (error: Error) => logger.debug({ err: error }, 'redis connection error'));
    }
    this.subscriber.on('close', () => {
      if (!this.wasReady || this.interrupted) return;
      this.interrupted = true;
      logger.warn('redis unreachable: other instances are not heard until it returns');
    });
    this.subscriber.on('ready', () => {
      const resumed = this.wasReady;
      this.wasReady = true;
      if (!resumed || !this.interrupted) return;
      this.interrupted = false;
      logger.warn('redis reachable again: resynchronising with the other instances');
      // Resynchronising publishes: wait for the publishing connection too, or the asks would be lost.
      const resync = () => this.reconnectListeners.forEach((listener) => listener());
      if (this.client.status === 'ready') resync();
      else this.client.once('ready', resync);
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const listeners = this.listeners.get(channel.toString());
      if (!listeners) return;
      const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
      for (const listener of listeners) listener(bytes);
    });
  }

  /** Whether messages of the other instances are heard now (the subscribing connection is up). */
  get reachable(): boolean {
    return this.subscriber.status === 'ready';
  }

  /** Resolves once both connections are up (the server starts only then). */
  async ready(): Promise<void> {
    await Promise.all([this.client.ping(), this.subscriber.ping()]);
  }

  async publish(channel: string, message: Uint8Array): Promise<void> {
    await this.client.publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength));
  }

  subscribe(channel: string, listener: ChannelListener): () => void {
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      // While Redis is away this fails; ioredis subscribes again to every channel when it returns.
      this.subscriber.subscribe(channel).catch(() => undefined);
    }
    listeners.add(listener);
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      this.listeners.delete(channel);
      this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.reconnectListeners.clear();
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}
