import { describe, expect, it } from 'vitest';
import { checkSuites, createSuitesBaseline, defaultSuiteTolerances } from './check-suites.js';
import type { SuiteMetrics } from './score-suite.js';

const metrics = (overrides: Partial<SuiteMetrics> = {}): SuiteMetrics => ({
  hitAt1: 0.9,
  hitAt5: 0.95,
  mrr: 0.92,
  retrievalHitAt1: 0.92,
  goldCitationRate: 0.9,
  answerInQuote: 0.85,
  leadRate: 0.15,
  leadPrecision: 0.7,
  falseRefusalRate: 0.03,
  unanswerableRefusalRate: null,
  peerHitAt1: 0.94,
  peerHitAt5: 0.99,
  peerMrr: 0.96,
  latencyP50: 12,
  latencyP95: 30,
  ...overrides,
});
const sample = { size: 100, seed: 'suites-v1' };
const run = (drcd: SuiteMetrics, size = 100) => ({ sample: { ...sample, size }, suites: { drcd: { summary: { metrics: drcd } } } });

describe('checkSuites', () => {
  const baseline = createSuitesBaseline(run(metrics()));

  it('passes within the tolerances and ignores the peer and latency', () => {
    const result = checkSuites(run(metrics({ hitAt1: 0.88, falseRefusalRate: 0.05, peerHitAt1: 0.5, latencyP95: 900 })), baseline);
    expect(result).toEqual({ pass: true, regressions: [], problems: [] });
  });

  it('fails on a drop past the tolerance, in either direction of "better"', () => {
    const result = checkSuites(run(metrics({ hitAt1: 0.87, falseRefusalRate: 0.06 })), baseline);
    expect(result.pass).toBe(false);
    expect(result.regressions).toEqual([
      { suite: 'drcd', metric: 'hitAt1', baseline: 0.9, current: 0.87, tolerance: defaultSuiteTolerances.hitAt1 },
      { suite: 'drcd', metric: 'falseRefusalRate', baseline: 0.03, current: 0.06, tolerance: defaultSuiteTolerances.falseRefusalRate },
    ]);
  });

  it('fails when the run used another sample or a set the baseline lacks', () => {
    expect(checkSuites(run(metrics(), 50), baseline).problems).toEqual([
      'the baseline was recorded on sample 100 (seed suites-v1), this run used 50 (seed suites-v1)',
    ]);
    const cmrcOnly = { sample, suites: { cmrc: { summary: { metrics: metrics() } } } };
    expect(checkSuites(cmrcOnly, baseline)).toMatchObject({ pass: false, problems: ['the baseline has no entry for cmrc: record one with --update-baseline'] });
  });

  it('records a new set beside the others of the same sample, and starts over on another sample', () => {
    const withCmrc = createSuitesBaseline({ sample, suites: { cmrc: { summary: { metrics: metrics({ hitAt1: 0.5 }) } } } }, baseline);
    expect(Object.keys(withCmrc.suites).sort()).toEqual(['cmrc', 'drcd']);
    expect(Object.keys(createSuitesBaseline(run(metrics(), 50), withCmrc).suites)).toEqual(['drcd']);
  });
});
