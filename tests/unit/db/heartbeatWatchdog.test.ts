import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchHeartbeats, type WatchedClient } from '../../../server/src/db/heartbeatWatchdog.ts';

/** A client with the driver's default timeouts: a healthy heartbeat ends within 40 s. */
function fakeClient(): WatchedClient & EventEmitter {
  const client = Object.assign(new EventEmitter(), {
    options: { connectTimeoutMS: 30_000, heartbeatFrequencyMS: 10_000 },
  });
  // Only the heartbeat events are listened to: an event emitter stands for the driver's client.
  return client as unknown as WatchedClient & EventEmitter;
}

const address = { connectionId: '127.0.0.1:27017' };

describe('the heartbeat watchdog', () => {
  let client: ReturnType<typeof fakeClient>;
  let stuck: string[];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    client = fakeClient();
    stuck = [];
    stop = watchHeartbeats(client, (stuckAddress) => stuck.push(stuckAddress));
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('says nothing of heartbeats that end, however many, nor of one that may still be within its timeouts', async () => {
    for (let beat = 0; beat < 20; beat += 1) {
      client.emit('serverHeartbeatStarted', address);
      await vi.advanceTimersByTimeAsync(9_000);
      client.emit(beat % 2 ? 'serverHeartbeatSucceeded' : 'serverHeartbeatFailed', address);
    }
    client.emit('serverHeartbeatStarted', address);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(stuck).toEqual([]);
  });

  it('reports a heartbeat that never ends, once', async () => {
    client.emit('serverHeartbeatStarted', address);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stuck).toEqual(['127.0.0.1:27017']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(stuck).toEqual(['127.0.0.1:27017']);
  });

  it('stops watching when asked', async () => {
    stop();
    client.emit('serverHeartbeatStarted', address);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(stuck).toEqual([]);
  });
});
