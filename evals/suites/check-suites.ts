import type { SuiteName } from './build-suite-corpus.js';
import type { SuiteMetricName, SuiteMetrics } from './score-suite.js';

/** `evals/suites-baseline.json`: the CI sample's metrics per set, which `--suite … --check` gates against. */
export interface SuitesBaseline {
  version: 1;
  sample: { size: number | null; seed: string | undefined };
  /** Allowed change per metric, absolute; `null` or absent: reported, not gated. */
  tolerances: Partial<Record<SuiteMetricName, number | null>>;
  suites: Partial<Record<SuiteName, SuiteMetrics>>;
}

export interface SuiteRegression {
  suite: SuiteName;
  metric: SuiteMetricName;
  baseline: number;
  current: number | null;
  tolerance: number;
}

export interface SuitesGateResult {
  pass: boolean;
  regressions: SuiteRegression[];
  /** Why the run cannot be compared at all (another sample, a set missing from the baseline). */
  problems: string[];
}

/**
 * One question in a sample of 100 is 0.01: the product's rates may move by two; the peer's
 * metrics and latency are reported, not gated (the peer does not change with the product).
 */
export const defaultSuiteTolerances: Record<SuiteMetricName, number | null> = {
  hitAt1: 0.02,
  hitAt5: 0.02,
  mrr: 0.02,
  retrievalHitAt1: 0.02,
  goldCitationRate: 0.02,
  answerInQuote: 0.02,
  // About 15 of 100 answers lead with a span: one of them is 0.07. How often one leads is reported only.
  leadRate: null,
  leadPrecision: 0.1,
  falseRefusalRate: 0.02,
  unanswerableRefusalRate: 0.02,
  peerHitAt1: null,
  peerHitAt5: null,
  peerMrr: null,
  latencyP50: null,
  latencyP95: null,
};

const lowerIsBetter = new Set<SuiteMetricName>(['falseRefusalRate', 'latencyP50', 'latencyP95']);

/**
 * Compares a suites run with the baseline: a metric regresses when it is worse than the
 * baseline by more than its tolerance, or is missing. A run on another sample than the
 * baseline's, or of a set the baseline lacks, is a problem, and the gate fails.
 */
export function checkSuites(
  run: { sample: SuitesBaseline['sample']; suites: Partial<Record<SuiteName, { summary: { metrics: SuiteMetrics } }>> },
  baseline: SuitesBaseline,
): SuitesGateResult {
  const problems: string[] = [];
  if (run.sample.size !== baseline.sample.size || run.sample.seed !== baseline.sample.seed) {
    problems.push(
      `the baseline was recorded on sample ${baseline.sample.size ?? 'all'} (seed ${baseline.sample.seed ?? '-'}), this run used ${run.sample.size ?? 'all'} (seed ${run.sample.seed ?? '-'})`,
    );
  }
  const regressions: SuiteRegression[] = [];
  for (const [suite, entry] of Object.entries(run.suites) as Array<[SuiteName, { summary: { metrics: SuiteMetrics } }]>) {
    const recorded = baseline.suites[suite];
    if (!recorded) {
      problems.push(`the baseline has no entry for ${suite}: record one with --update-baseline`);
      continue;
    }
    for (const [metric, before] of Object.entries(recorded) as Array<[SuiteMetricName, number | null]>) {
      const tolerance = metric in baseline.tolerances ? baseline.tolerances[metric] : defaultSuiteTolerances[metric];
      if (tolerance === null || tolerance === undefined || before === null) continue;
      const now = entry.summary.metrics[metric] ?? null;
      const drop = now === null ? Infinity : lowerIsBetter.has(metric) ? now - before : before - now;
      // Rounding noise must not fail the gate when a value sits exactly on the tolerance.
      if (drop - tolerance > 1e-9) regressions.push({ suite, metric, baseline: before, current: now, tolerance });
    }
  }
  return { pass: problems.length === 0 && regressions.length === 0, regressions, problems };
}

/** Records a run's metrics as the baseline, keeping other sets and the tolerances of `previous`. */
export function createSuitesBaseline(
  run: { sample: SuitesBaseline['sample']; suites: Partial<Record<SuiteName, { summary: { metrics: SuiteMetrics } }>> },
  previous?: SuitesBaseline,
): SuitesBaseline {
  const sameSample = previous && previous.sample.size === run.sample.size && previous.sample.seed === run.sample.seed;
  return {
    version: 1,
    sample: run.sample,
    tolerances: previous?.tolerances ?? { ...defaultSuiteTolerances },
    suites: {
      ...(sameSample ? previous.suites : {}),
      ...Object.fromEntries(Object.entries(run.suites).map(([suite, entry]) => [suite, entry!.summary.metrics])),
    },
  };
}
