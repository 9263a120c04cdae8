/** The p50 / p95 / p99 of a set of samples (milliseconds), with their count. */
export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
function rank(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Sorts a copy of the samples and reads their percentiles. */
export function percentilesOf(samples: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: rank(sorted, 0.5),
    p95: rank(sorted, 0.95),
    p99: rank(sorted, 0.99),
    max: rank(sorted, 1),
  };
}

/** Joins the sample arrays sent back by several worker processes. */
export function concatSamples(parts: readonly Float64Array[]): Float64Array {
  const joined = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** A percentile of the latencies of each `sliceMs` slice of the window, by send time (NaN if empty). */
export function percentileBySlice(
  latencies: Float64Array,
  sentOffsets: Float64Array,
  sliceMs: number,
  windowMs: number,
  fraction: number,
): number[] {
  const slices = Array.from({ length: Math.ceil(windowMs / sliceMs) }, () => [] as number[]);
  latencies.forEach((latency, index) =>
    slices[Math.floor((sentOffsets[index] ?? 0) / sliceMs)]?.push(latency),
  );
  return slices.map((slice) => rank(Float64Array.from(slice).sort(), fraction));
}
