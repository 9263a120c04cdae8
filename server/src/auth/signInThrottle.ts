import { rateLimiter, type Limiter } from '../cluster/rateLimits.ts';
import { HttpError } from '../http/errors.ts';

/** How sign-in failures slow guessing down without locking the right person out. */
export const signInLimits = {
  /** Failures from one address (a ward shares one) allowed per window; successes never count. */
  failuresPerAddress: 50,
  addressWindowSeconds: 15 * 60,
  /** Failures for one account from one address before each further one doubles the wait. */
  freeFailures: 3,
  firstWaitSeconds: 2,
  longestWaitSeconds: 15 * 60,
  /** A run of failures is forgotten after a day without any. */
  failureMemorySeconds: 24 * 3600,
} as const;

/** The counters the throttle keeps: in memory for one process, in Redis when instances share it. */
export interface SignInStores {
  failuresByAddress: Limiter;
  failuresByAccountAndAddress: Limiter;
  waitsByAccountAndAddress: Limiter;
}

/** The throttle's stores, named by `prefix` (kept in Redis once the server connected one). */
export function signInStores(prefix: string): SignInStores {
  return {
    failuresByAddress: rateLimiter({
      keyPrefix: `${prefix}:address`,
      points: signInLimits.failuresPerAddress,
      duration: signInLimits.addressWindowSeconds,
    }),
    failuresByAccountAndAddress: rateLimiter({
      keyPrefix: `${prefix}:failures`,
      points: 1_000_000,
      duration: signInLimits.failureMemorySeconds,
    }),
    waitsByAccountAndAddress: rateLimiter({ keyPrefix: `${prefix}:wait`, points: 1, duration: 1 }),
  };
}

/** The 429 a throttled caller gets, with the seconds to wait (also sent as `Retry-After`). */
export function tooManyAttempts(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new HttpError(429, 'rate_limited', `Too many failed attempts. Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Counts failed sign-ins only: per address (a hard cap per window) and per account and address
 * (exponential back-off: 2 s, 4 s, 8 s... up to 15 min). A stranger failing from elsewhere never delays
 * the account's owner, and a success clears the account's count.
 */
export class SignInThrottle {
  constructor(private readonly stores: SignInStores) {}

  /** Throws a 429 when this caller must wait before trying again. */
  async check(account: string, address: string): Promise<void> {
    const [byAddress, wait] = await Promise.all([
      this.stores.failuresByAddress.get(address),
      this.stores.waitsByAccountAndAddress.get(`${account}|${address}`),
    ]);
    if (byAddress && byAddress.consumedPoints >= signInLimits.failuresPerAddress)
      throw tooManyAttempts(byAddress.msBeforeNext);
    if (wait && wait.consumedPoints > 1) throw tooManyAttempts(wait.msBeforeNext);
  }

  /** Records a failure and starts the wait it earns. */
  async failed(account: string, address: string): Promise<void> {
    const key = `${account}|${address}`;
    // Penalty never rejects: `consume` on a full limiter would throw, `penalty` just counts.
    await this.stores.failuresByAddress.penalty(address);
    const failures = await this.stores.failuresByAccountAndAddress.penalty(key);
    const beyond = failures.consumedPoints - signInLimits.freeFailures;
    if (beyond < 0) return;
    const seconds = Math.min(signInLimits.firstWaitSeconds * 2 ** beyond, signInLimits.longestWaitSeconds);
    await this.stores.waitsByAccountAndAddress.block(key, seconds);
  }

  /** Forgets the account's failures from this address after a success. */
  async succeeded(account: string, address: string): Promise<void> {
    const key = `${account}|${address}`;
    await Promise.all([
      this.stores.failuresByAccountAndAddress.delete(key),
      this.stores.waitsByAccountAndAddress.delete(key),
    ]);
  }
}
