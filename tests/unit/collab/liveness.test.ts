import { describe, expect, it } from 'vitest';
import { collabLimits } from '@concerto/shared';
import { livenessStep } from '../../../server/src/collab/collabConnection.ts';

const interval = collabLimits.pingIntervalMs;
const now = 1_000_000_000;
const later = now + 3_600_000;

describe('a liveness round', () => {
  it('leaves alone a connection heard from since the last half interval (typing, presence, a pong)', () => {
    expect(livenessStep(now - 1, later, now)).toBe('alive');
    expect(livenessStep(now - interval / 2 + 1, later, now)).toBe('alive');
  });

  it('asks a quiet connection, until it has been silent for three intervals', () => {
    expect(livenessStep(now - interval / 2, later, now)).toBe('ask');
    expect(livenessStep(now - 3 * interval, later, now)).toBe('ask');
    expect(livenessStep(now - 3 * interval - 1, later, now)).toBe('silent');
  });

  it('closes a connection whose session expired, however lively', () => {
    expect(livenessStep(now, now, now)).toBe('expired');
    expect(livenessStep(now - 5 * interval, now - 1, now)).toBe('expired');
  });
});
