import type { ChildProcess } from 'node:child_process';

/** Memory of a process, in bytes, as its probe reports it after a full collection. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
}

/** Event-loop delay of a process (ms), sampled every 10 ms by its probe. */
export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Node flags that load the process probe (with `gc` exposed) into a child process. */
export const probeFlags = [
  '--expose-gc',
  '--import',
  'tsx',
  '--import',
  import.meta.resolve('./processProbe.ts'),
];

/** Sends `request` to a child started with {@link probeFlags} and resolves with the answer's `key`. */
function ask<Answer>(child: ChildProcess, request: string, key: string, timeoutMs = 30_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`the process probe did not answer "${request}"`)),
      timeoutMs,
    );
    const listener = (message: unknown) => {
      const answer = (message as Record<string, Answer> | null)?.[key];
      if (answer !== undefined) finish(null, answer);
    };
    function finish(error: Error | null, answer?: Answer): void {
      clearTimeout(timer);
      child.off('message', listener);
      if (answer !== undefined) resolve(answer);
      else reject(error ?? new Error('no answer'));
    }
    child.on('message', listener);
    child.send(request);
  });
}

/** The child's memory (it collects garbage first). */
export function sampleMemory(child: ChildProcess): Promise<MemorySample> {
  return ask<MemorySample>(child, 'memory', 'memory');
}

/** Starts a new event-loop delay measure in the child. */
export async function resetEventLoopDelay(child: ChildProcess): Promise<void> {
  await ask<boolean>(child, 'loop-reset', 'loopReset');
}

/** The child's event-loop delay since the last reset. */
export function sampleEventLoopDelay(child: ChildProcess): Promise<EventLoopDelay> {
  return ask<EventLoopDelay>(child, 'loop', 'loop');
}

/** How many stores Hocuspocus skipped because another instance was storing the document (its Redis extension). */
export function countStoresSkipped(child: ChildProcess): Promise<number> {
  return ask<number>(child, 'stores-skipped', 'storesSkipped');
}
