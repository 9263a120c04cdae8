/** Milliseconds since the epoch with sub-millisecond precision, comparable between local processes. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` (bench pacing only; conditions are awaited through events, not sleeps). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
