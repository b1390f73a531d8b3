import { describe, expect, it } from 'vitest';
import { distractorPrefix } from './distractors.js';
import { createBaseline, checkAgainstBaseline } from './gate.js';
import { summarizeResults } from './metrics.js';
import { compareWithDistractors, renderRunReport } from './render-run-report.js';
import type { EvalRun } from './run-evals.js';
import type { CaseResult } from './types.js';

const doc = '001_d38a6fc719d6b211';
const distractorDoc = `${distractorPrefix}${doc}`;

function makeCase(id: string, overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id,
    question: `Question ${id}?`,
    language: 'en',
    type: 'same-language',
    answerable: true,
    gold: [{ docId: doc, paragraph: 2 }],
    retrieved: [{ docId: doc, paragraph: 2 }, { docId: doc, paragraph: 5 }],
    citations: [{ n: 1, docId: doc, paragraph: 2, quote: '$500 million', verbatim: true, retrieved: true }],
    answer: 'Here is what the sources say:\n\n- “$500 million”[1]',
    refused: false,
    answerLanguage: 'en',
    keyFacts: ['500 million'],
    latencyMs: 10,
    unresolvedGold: [],
    ...overrides,
  };
}

const clean = summarizeResults([makeCase('en-a'), makeCase('en-b')], 'keyword+extractive');
const distracted = summarizeResults(
  [
    makeCase('en-a'),
    makeCase('en-b', {
      retrieved: [{ docId: distractorDoc, paragraph: 1 }, { docId: doc, paragraph: 2 }],
      citations: [{ n: 1, docId: distractorDoc, paragraph: 1, quote: '$700 million', verbatim: true, retrieved: true }],
      answer: '“$700 million”[1]',
    }),
  ],
  'keyword+extractive',
);

function makeRun(summary: typeof clean, distractors: EvalRun['index']['distractors'] = null): EvalRun {
  return {
    index: { documents: 5, passages: 140, embedding: null, retrievalReason: 'off', ingestMs: 900, distractors },
    ran: ['keyword+extractive'],
    skipped: [{ mode: 'keyword+llm', reason: 'no OPENAI_API_KEY/OPENAI_BASE_URL' }],
    runs: { 'keyword+extractive': { summary, judgements: null, judgeSummary: null, fallbacks: {}, ms: 100 } },
    gold: { unresolved: [], moved: ['en-a: 001#x: p-1 → p-2'] },
  };
}

describe('compareWithDistractors', () => {
  it('reports metric changes and the cases distractors broke', () => {
    const comparison = compareWithDistractors(clean, distracted);
    expect(comparison.metrics.citationPrecision).toEqual({ clean: 1, distractors: 0.5, change: -0.5 });
    expect(comparison.metrics.hitAt1?.change).toBe(-0.5);
    expect(comparison.newlyFailing).toEqual(['en-b']);
    expect(comparison.citedDistractor).toEqual(['en-b']);
    expect(comparison.distractorAboveGold).toEqual(['en-b']);
  });
});

describe('renderRunReport', () => {
  const gate = checkAgainstBaseline(distracted, createBaseline(clean));
  const report = renderRunReport(makeRun(clean), {
    baseUrl: 'http://localhost:8787',
    gates: { 'keyword+extractive': gate },
    ungated: [],
    distracted: makeRun(distracted, { documents: 1, paragraphs: 2, indexed: 2 }),
    judgeReason: 'off — set EVAL_JUDGE_MODEL',
    suitesSection: '<section><h2>Real-world QA suites</h2></section>',
  });

  it('shows the last suites run in report.html', () => {
    expect(report.html['report.html']).toContain('<section><h2>Real-world QA suites</h2></section>');
  });

  it.each([
    ['text', report.text, ['Modes ran: keyword+extractive', 'keyword+llm: skipped — no OPENAI_API_KEY/OPENAI_BASE_URL', 'Gold moved en-a', 'Gate: FAIL', 'Distractors (keyword+extractive): 2/2', 'citationPrecision', 'newly failing with distractors (1): en-b']],
    ['markdown', report.markdown, ['# Eval report', '## Eval report: keyword+extractive', '### Metrics', '### Distractors']],
    ['html', report.html['report.html']!, ['keyword+llm: skipped', '<h2>Metrics</h2>', 'Distractors (keyword+extractive)']],
  ])('%s names the modes, the gate and the distractor cost', (_name, output, fragments) => {
    for (const fragment of fragments) expect(output).toContain(fragment);
  });

  it('puts every case in the JSON with retrieved ids, citations and failure reasons', () => {
    const cases = report.json.results['keyword+extractive']!.cases;
    expect(cases.map((entry) => entry.id)).toEqual(['en-a', 'en-b']);
    expect(cases[0]).toMatchObject({
      retrieved: [`${doc}#p-2`, `${doc}#p-5`],
      citations: [{ n: 1, paragraph: `${doc}#p-2`, quote: '$500 million', verbatim: true, retrieved: true }],
      failures: [],
      passed: true,
    });
    const distractedCases = report.json.distractors!.results['keyword+extractive']!.cases;
    expect(distractedCases[1]!.failures).toContain('missing key fact: 500 million');
    expect(report.json.distractors!.comparison['keyword+extractive']!.newlyFailing).toEqual(['en-b']);
  });
});
