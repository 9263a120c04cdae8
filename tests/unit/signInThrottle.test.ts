import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInStores, signInLimits, SignInThrottle } from '../../server/src/auth/signInThrottle.ts';

let throttle: SignInThrottle;
const waitOf = async (account: string, address: string): Promise<number | null> => {
  try {
    await throttle.check(account, address);
    return null;
  } catch (error) {
    return (error as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
  }
};

beforeEach(() => {
  vi.useFakeTimers();
  throttle = new SignInThrottle(signInStores(`test-${Math.random()}`));
});
afterEach(() => vi.useRealTimers());

describe('sign-in throttle', () => {
  it('lets the first failures through, then doubles the wait after each further one', async () => {
    for (let failure = 0; failure < signInLimits.freeFailures - 1; failure += 1) {
      await throttle.failed('sophie@example.be', '10.0.0.1');
      expect(await waitOf('sophie@example.be', '10.0.0.1')).toBeNull();
    }
    const waits: number[] = [];
    for (let failure = 0; failure < 4; failure += 1) {
      await throttle.failed('sophie@example.be', '10.0.0.1');
      const wait = (await waitOf('sophie@example.be', '10.0.0.1'))!;
      waits.push(wait);
      vi.advanceTimersByTime(wait * 1000);
      expect(await waitOf('sophie@example.be', '10.0.0.1')).toBeNull();
    }
    expect(waits).toEqual([2, 4, 8, 16]);
  });

  it('never locks the account for its owner elsewhere, and a success forgets the failures', async () => {
    for (let failure = 0; failure < 10; failure += 1)
      await throttle.failed('sophie@example.be', '203.0.113.9');
    expect(await waitOf('sophie@example.be', '203.0.113.9')).toBeGreaterThan(0);
    expect(await waitOf('sophie@example.be', '10.0.0.1')).toBeNull();
    await throttle.succeeded('sophie@example.be', '203.0.113.9');
    expect(await waitOf('sophie@example.be', '203.0.113.9')).toBeNull();
  });

  it('caps the wait at 15 minutes', async () => {
    for (let failure = 0; failure < 30; failure += 1) await throttle.failed('marc@example.be', '10.0.0.2');
    expect(await waitOf('marc@example.be', '10.0.0.2')).toBe(15 * 60);
  });

  it('stops an address after many failures across accounts, whatever the account', async () => {
    for (let failure = 0; failure < signInLimits.failuresPerAddress; failure += 1)
      await throttle.failed(`guess${failure}@example.be`, '198.51.100.7');
    expect(await waitOf('anyone@example.be', '198.51.100.7')).toBeGreaterThan(0);
    expect(await waitOf('anyone@example.be', '198.51.100.8')).toBeNull();
  });
});
