import { describe, expect, it } from 'vitest';
import { renderSuitesSection, renderSuitesText } from './render-suites-report.js';
import type { SuitesRun } from './run-suites.js';
import { summarizeSuite } from './score-suite.js';

const run: SuitesRun = {
  index: { documents: 2, passages: 3, retrieval: 'keyword (test)', ingestMs: 1200 },
  sample: { size: 100, seed: 'suites-v1' },
  suites: {
    drcd: {
      summary: summarizeSuite([
        { id: 'a', question: '<b>?', answerable: true, answers: ['歐洲'], gold: ['d#1'], retrieved: ['d#1'], refused: false, cited: ['d#1'], quotes: ['在歐洲'], latencyMs: 12, peer: ['d#2'] },
      ]),
      cases: [],
      skipped: [{ id: 'x', reason: 'empty question' }],
    },
  },
  ms: 5000,
};

describe('renderSuitesText / renderSuitesSection', () => {
  it('shows the product beside the peer per set, the sample and what was skipped', () => {
    const { text, markdown } = renderSuitesText(run, { pass: false, regressions: [{ suite: 'drcd', metric: 'hitAt1', baseline: 1, current: 0.9, tolerance: 0.02 }], problems: [] });
    expect(text).toMatch(/drcd\s+1\s+1\s+1\.00\s+1\.00\s+1\.00\s+0\.00/);
    expect(text).toContain('Sample: 100 per set (seed suites-v1)');
    expect(text).toContain('drcd: 1 questions skipped (x: empty question)');
    expect(text).toContain('regression hitAt1 [drcd]: 1.00 → 0.90 (tolerance 0.02)');
    expect(markdown).toContain('| drcd | 1 | 1 | 1.00 |');
  });

  it('shows a metric that a report written before it lacks as "-"', () => {
    const drcd = run.suites.drcd!;
    const { leadRate: _rate, leadPrecision: _precision, ...older } = drcd.summary.metrics;
    const { text } = renderSuitesText({ ...run, suites: { drcd: { ...drcd, summary: { ...drcd.summary, metrics: older as typeof drcd.summary.metrics } } } }, undefined);
    expect(text).toMatch(/1\.00\s+-\s+-\s+0\.00/);
  });

  it('escapes the HTML section', () => {
    const html = renderSuitesSection({ ...run, index: { ...run.index, retrieval: '<script>' } });
    expect(html).toContain('<h2>Real-world QA suites</h2>');
    expect(html).not.toContain('<script>');
  });
});
