import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemorySessionRegistry, type SessionSocket } from '../../server/src/auth/sessionRegistry.ts';

function socketOf(sessionId: string, userId: string | null, expiresInMs = 3_600_000) {
  const ended: string[] = [];
  const socket: SessionSocket = {
    sessionId,
    userId,
    expiresAt: new Date(Date.now() + expiresInMs),
    end: (reason) => ended.push(reason),
  };
  return { socket, ended };
}

afterEach(() => vi.useRealTimers());

describe('the in-memory session registry', () => {
  it('closes the sockets of a signed-out session and only those', async () => {
    const registry = new MemorySessionRegistry();
    const mine = socketOf('s1', 'u1');
    const myOtherDevice = socketOf('s2', 'u1');
    registry.track(mine.socket);
    registry.track(myOtherDevice.socket);
    await registry.announce({ kind: 'session', sessionId: 's1' });
    expect(mine.ended).toEqual(['ended']);
    expect(myOtherDevice.ended).toEqual([]);
  });

  it('closes every session of an account except the one that changed the password', async () => {
    const registry = new MemorySessionRegistry();
    const changing = socketOf('s1', 'u1');
    const other = socketOf('s2', 'u1');
    const colleague = socketOf('s3', 'u2');
    for (const entry of [changing, other, colleague]) registry.track(entry.socket);
    await registry.announce({ kind: 'user', userId: 'u1', exceptSessionId: 's1' });
    expect([changing.ended, other.ended, colleague.ended]).toEqual([[], ['ended'], []]);
  });

  it('closes a socket when its session expires, even 30 days ahead', () => {
    vi.useFakeTimers();
    const registry = new MemorySessionRegistry();
    const family = socketOf('s1', null, 30 * 24 * 3600 * 1000);
    registry.track(family.socket);
    vi.advanceTimersByTime(30 * 24 * 3600 * 1000 - 1);
    expect(family.ended).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(family.ended).toEqual(['expired']);
  });

  it('forgets a socket that closed by itself', async () => {
    const registry = new MemorySessionRegistry();
    const gone = socketOf('s1', 'u1');
    const stop = registry.track(gone.socket);
    stop();
    await registry.announce({ kind: 'session', sessionId: 's1' });
    expect(gone.ended).toEqual([]);
  });
});
