/** Smallest and largest waits between reconnection attempts. */
export const reconnectBounds = { baseMs: 500, maxMs: 30_000 };

/**
 * "Full jitter" backoff: a random wait up to an exponentially growing cap, so a hundred phones that
 * lost the network together do not all come back in the same millisecond.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(reconnectBounds.maxMs, reconnectBounds.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(reconnectBounds.baseMs / 2 + random() * (cap - reconnectBounds.baseMs / 2));
}
