// Preloaded (`--import`) into the server and relay processes by the bench, never by the app. Answers
// requests on the IPC channel: `memory` (after a full garbage collection), `loop-reset` and `loop`
// (event-loop delay since the last reset: how long work waited behind other work).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventLoopDelay, MemorySample } from './probeRequests.ts';

const collectGarbage = (globalThis as { gc?: () => void }).gc;
const resolutionMs = 10;
const loopDelay = monitorEventLoopDelay({ resolution: resolutionMs });
loopDelay.enable();

function memory(): MemorySample {
  collectGarbage?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external + usage.arrayBuffers };
}

function loop(): EventLoopDelay {
  // The histogram holds whole timer intervals: the delay is what exceeds the resolution.
  const toMs = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
  return {
    p50: toMs(loopDelay.percentile(50)),
    p99: toMs(loopDelay.percentile(99)),
    max: toMs(loopDelay.max),
  };
}

process.on('message', (request: unknown) => {
  if (!process.send) return;
  if (request === 'memory') process.send({ memory: memory() });
  if (request === 'loop') process.send({ loop: loop() });
  if (request === 'loop-reset') {
    loopDelay.reset();
    process.send({ loopReset: true });
  }
});
