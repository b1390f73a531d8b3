export interface LatencySummary {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface LatencyBudget {
  /** Untimed runs first, so JIT, caches and lazy index loads are warm. */
  warmupRuns: number;
  /** Timed runs stop at whichever of these comes first. */
  maxRuns: number;
  maxMs: number;
}

/** The nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((left, right) => left - right), 0.5);
}

export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Times `run(index)` one call at a time, bounded by both a run count and a wall-clock budget.
 * Returns the raw samples too, so callers can pair them with another measurement.
 */
export async function measureLatency(
  run: (index: number) => Promise<unknown>,
  budget: LatencyBudget,
): Promise<LatencySummary & { samples: number[] }> {
  for (let index = 0; index < budget.warmupRuns; index++) await run(index);
  const samples: number[] = [];
  const deadline = performance.now() + budget.maxMs;
  for (let index = 0; index < budget.maxRuns && performance.now() < deadline; index++) {
    const started = performance.now();
    await run(budget.warmupRuns + index);
    samples.push(performance.now() - started);
  }
  return { ...summarizeLatencies(samples), samples };
}
