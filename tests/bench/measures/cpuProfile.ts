import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A name and its share of the busy time. */
export interface Share {
  name: string;
  share: number;
}

/** Where the server spent a time window, from its V8 CPU profile (wall-clock samples). */
export interface ProfileSummary {
  sampledMs: number;
  busyShare: number;
  /** Self time by package, server folder or runtime part. */
  areas: Share[];
  /** Self time by function. */
  functions: Share[];
  /** Time inside server functions and what they call synchronously (awaited work is not included). */
  serverFunctions: Share[];
}

/** Groups a script into an area a reader recognises: a package, a server folder, Node's internals. */
function areaOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName || '(native)';
  const server = /\/server\/src\/([^/]+)\//.exec(frame.url);
  if (server) return `server/src/${server[1]}`;
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  if (pkg) return pkg[1] ?? 'node_modules';
  return frame.url.startsWith('node:') ? 'Node.js core' : frame.url;
}

function serverFunctionOf(frame: CallFrame): string | null {
  const file = /\/(server\/src\/.+)$/.exec(frame.url)?.[1];
  // tsx compiles each file, so line numbers do not point at the source: the file name must do.
  return file ? `${frame.functionName || '(anonymous)'} (${file})` : null;
}

function top(totals: Map<string, number>, busy: number, count: number): Share[] {
  return [...totals]
    .sort((left, right) => right[1] - left[1])
    .slice(0, count)
    .map(([name, time]) => ({ name, share: time / busy }));
}

const add = (totals: Map<string, number>, key: string, weight: number) =>
  totals.set(key, (totals.get(key) ?? 0) + weight);

/**
 * Reads the main thread's `.cpuprofile` in `folder` (`CPU.<date>.<time>.<pid>.0.<n>`; tsx's loader thread
 * writes its own) and sums its samples inside the monotonic window (µs).
 */
export function summarizeProfile(
  folder: string,
  window: { from: number; until: number },
): ProfileSummary | null {
  const file = readdirSync(folder).find((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const serverFunctions = new Map<string, number>();
  let at = profile.startTime;
  let sampled = 0;
  let idle = 0;
  profile.samples.forEach((nodeId, index) => {
    at += profile.timeDeltas[index] ?? 0;
    const weight = profile.timeDeltas[index + 1] ?? 0;
    const frame = frames.get(nodeId);
    if (!frame || at < window.from || at >= window.until) return;
    sampled += weight;
    if (frame.functionName === '(idle)') {
      idle += weight;
      return;
    }
    const area = areaOf(frame);
    add(areas, area, weight);
    add(
      functions,
      `${frame.functionName || '(anonymous)'} ${area}${frame.url ? `:${frame.lineNumber + 1}` : ''}`,
      weight,
    );
    const onStack = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const name = serverFunctionOf(frames.get(id) ?? frame);
      if (name && !onStack.has(name)) onStack.add(name);
    }
    for (const name of onStack) add(serverFunctions, name, weight);
  });
  const busy = sampled - idle;
  if (busy <= 0) return null;
  return {
    sampledMs: sampled / 1000,
    busyShare: busy / sampled,
    areas: top(areas, busy, 10),
    functions: top(functions, busy, 10),
    serverFunctions: top(serverFunctions, busy, 12),
  };
}
