import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** What the server's throttles use of a limiter. */
export type Limiter = Pick<RateLimiterAbstract, 'consume' | 'get' | 'penalty' | 'block' | 'delete'>;

let sharedStore: Redis | null = null;

/** From now on every limiter counts in this Redis (shared by all instances); null goes back to memory. */
export function countRateLimitsIn(client: Redis | null): void {
  sharedStore = client;
}

/**
 * A limiter whose counts live in Redis once the server connected one (several instances then share
 * them), in this process' memory otherwise. While Redis is unreachable it counts in memory meanwhile.
 * Throttles are module constants made before the server starts: the store is picked at each call.
 */
export function rateLimiter(options: IRateLimiterOptions & { keyPrefix: string }): Limiter {
  const memory = new RateLimiterMemory(options);
  let redis: { client: Redis; limiter: RateLimiterRedis } | null = null;
  const current = (): RateLimiterAbstract => {
    if (!sharedStore) return memory;
    if (redis?.client !== sharedStore) {
      const limiter = new RateLimiterRedis({
        ...options,
        keyPrefix: `concerto:limit:${options.keyPrefix}`,
        storeClient: sharedStore,
        insuranceLimiter: new RateLimiterMemory(options),
      });
      redis = { client: sharedStore, limiter };
    }
    return redis.limiter;
  };
  return {
    consume: (key, points, options) => current().consume(key, points, options),
    get: (key, options) => current().get(key, options),
    penalty: (key, points, options) => current().penalty(key, points, options),
    block: (key, seconds, options) => current().block(key, seconds, options),
    delete: (key, options) => current().delete(key, options),
  };
}
