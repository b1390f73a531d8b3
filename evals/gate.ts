import type { EvalRun } from './run-evals.js';
import { metricNames, type EvalMode, type MetricName, type MetricValues, type Summary } from './types.js';

export interface BaselineMetrics {
  overall: MetricValues;
  byLanguage: Partial<Record<string, MetricValues>>;
  byType: Partial<Record<string, MetricValues>>;
}

export interface BaselineMode {
  metrics: BaselineMetrics;
  /** Ids of the cases that passed when the baseline was recorded. */
  passing: string[];
}

/** `evals/baseline.json`: what the gate compares a run against, per answer mode. */
export interface Baseline {
  version: 1;
  /** Allowed drop per metric, absolute (milliseconds for latency); `null` or absent: not gated. */
  tolerances: Partial<Record<MetricName, number | null>>;
  modes: Partial<Record<EvalMode, BaselineMode>>;
}

export interface Regression {
  metric: MetricName;
  /** `overall`, `language:<language>` or `type:<question type>`. */
  scope: string;
  baseline: number;
  current: number | null;
  tolerance: number;
}

export interface GateResult {
  pass: boolean;
  regressions: Regression[];
  /** Cases that passed in the baseline and fail (or are missing) now. */
  newlyFailing: string[];
}

/** Two points on a 0–1 rate; four on the −1…1 CRAG score; latency is too noisy to gate by default. */
export const defaultTolerances: Record<MetricName, number | null> = {
  hitAt1: 0.02,
  hitAt5: 0.02,
  mrr: 0.02,
  ndcgAt10: 0.02,
  contextPrecisionAt5: 0.02,
  citationPrecision: 0.02,
  citationRecall: 0.02,
  verbatimRate: 0.02,
  retrievedCitationRate: 0.02,
  keyFactRecall: 0.02,
  languageMatch: 0.02,
  refusalAccuracy: 0.02,
  cragScore: 0.04,
  passRate: 0.02,
  latencyP50: null,
  latencyP95: null,
};

const lowerIsBetter = new Set<MetricName>(['latencyP50', 'latencyP95']);

function scopesOf(metrics: BaselineMetrics): [string, MetricValues][] {
  const scoped = (prefix: string, record: Partial<Record<string, MetricValues>>) =>
    Object.entries(record).flatMap(([key, values]) => (values ? [[`${prefix}:${key}`, values] as [string, MetricValues]] : []));
  return [['overall', metrics.overall], ...scoped('language', metrics.byLanguage), ...scoped('type', metrics.byType)];
}

function metricsOf(summary: Summary): BaselineMetrics {
  const valuesOf = (record: Summary['byLanguage'] | Summary['byType']) =>
    Object.fromEntries(Object.entries(record).map(([key, scope]) => [key, scope?.metrics]));
  return {
    overall: summary.overall.metrics,
    byLanguage: valuesOf(summary.byLanguage),
    byType: valuesOf(summary.byType),
  };
}

/**
 * Compares a run with the baseline recorded for its answer mode. A metric regresses when it is
 * worse than the baseline by more than its tolerance (or has disappeared); the gate passes when
 * nothing regressed and no case that used to pass fails now.
 *
 * Throws when the baseline has no entry for `current.mode` (record one with `createBaseline`).
 */
export function checkAgainstBaseline(current: Summary, baseline: Baseline): GateResult {
  const recorded = baseline.modes[current.mode];
  if (!recorded) throw new Error(`baseline has no entry for mode "${current.mode}": record one with createBaseline`);

  const currentScopes = new Map(scopesOf(metricsOf(current)));
  const regressions: Regression[] = [];
  for (const [scope, baselineValues] of scopesOf(recorded.metrics)) {
    for (const metric of metricNames) {
      const tolerance = metric in baseline.tolerances ? baseline.tolerances[metric] : defaultTolerances[metric];
      const before = baselineValues[metric];
      if (tolerance === null || tolerance === undefined || before === null || before === undefined) continue;
      const now = currentScopes.get(scope)?.[metric] ?? null;
      const worse =
        now === null || (lowerIsBetter.has(metric) ? now > before + tolerance : now < before - tolerance);
      // Rounding noise must not fail the gate when a value sits exactly on the tolerance.
      if (worse && (now === null || Math.abs(now - before) - tolerance > 1e-9)) {
        regressions.push({ metric, scope, baseline: before, current: now, tolerance });
      }
    }
  }

  const passingNow = new Set(current.cases.filter((score) => score.passed).map((score) => score.result.id));
  const newlyFailing = recorded.passing.filter((id) => !passingNow.has(id));
  return { pass: regressions.length === 0 && newlyFailing.length === 0, regressions, newlyFailing };
}

/** Records `summary` as the baseline for its mode, keeping other modes and tolerances from `previous`. */
export function createBaseline(summary: Summary, previous?: Baseline): Baseline {
  return {
    version: 1,
    tolerances: previous?.tolerances ?? { ...defaultTolerances },
    modes: {
      ...previous?.modes,
      [summary.mode]: {
        metrics: metricsOf(summary),
        passing: summary.cases.filter((score) => score.passed).map((score) => score.result.id).sort(),
      },
    },
  };
}

/** Runs the gate for every mode that has a baseline; modes without one are listed, not gated. */
export function checkRun(run: EvalRun, baseline: Baseline | undefined): { gates: Partial<Record<EvalMode, GateResult>>; ungated: EvalMode[] } {
  const gates: Partial<Record<EvalMode, GateResult>> = {};
  const ungated: EvalMode[] = [];
  for (const mode of run.ran) {
    const summary = run.runs[mode]!.summary;
    if (baseline?.modes[mode]) gates[mode] = checkAgainstBaseline(summary, baseline);
    else ungated.push(mode);
  }
  return { gates, ungated };
}
