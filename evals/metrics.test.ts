import { describe, expect, it } from 'vitest';
import {
  computePercentile,
  containsKeyFact,
  failureReasons,
  normalizeFactText,
  scoreCase,
  scoreRetrieval,
  summarizeResults,
} from './metrics.js';
import type { CaseCitation, CaseResult } from './types.js';

const docA = '001_d38a6fc719d6b211';
const docB = '002_f81bc478674c16c2';

function makeCase(overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'case',
    language: 'en',
    type: 'same-language',
    answerable: true,
    gold: [{ docId: docA, paragraph: 3 }],
    retrieved: [{ docId: docA, paragraph: 3 }],
    citations: [citation()],
    answer: 'SoftBank contributed $500 million [1].',
    refused: false,
    answerLanguage: 'en',
    keyFacts: ['500 million'],
    latencyMs: 100,
    unresolvedGold: [],
    ...overrides,
  };
}

function citation(overrides: Partial<CaseCitation> = {}): CaseCitation {
  return { n: 1, docId: docA, paragraph: 3, quote: 'contributed $500 million', verbatim: true, retrieved: true, ...overrides };
}

describe('normalizeFactText', () => {
  it.each([
    ['1.8萬個', '1.8万个'],
    ['１８，０００', '18000'],
    ['$18,000,000', '$18000000'],
    ['1,8 and 12,34', '1,8and12,34'],
    ['500 Million', '500million'],
    ['騰訊 字節跳動', '腾讯字节跳动'],
    ['輝達', '辉达'],
    ['34.6％', '34.6%'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFactText(input)).toBe(expected);
  });
});

describe('containsKeyFact', () => {
  it.each([
    ['韓國將擴充1.8萬個高性能GPU', '1.8万', true],
    ['South Korea will add 18,000 GPUs', '18000|1.8萬', true],
    ['South Korea will add 1.8萬 GPUs', '18000|1.8萬', true],
    ['South Korea will add many GPUs', '18000|1.8萬', false],
    ['It invested $500 million.', '500 million', true],
    ['It invested $500m.', '500 million', false],
    ['anything', '|', false],
  ])('%s contains %s: %s', (answer, fact, expected) => {
    expect(containsKeyFact(answer, fact)).toBe(expected);
  });
});

describe('scoreRetrieval', () => {
  const relevant = new Set(['d#2', 'd#9']);
  it.each([
    {
      name: 'relevant first',
      ranking: ['d#2', 'd#1'],
      expected: { hitAt1: 1, hitAt5: 1, mrr: 1, ndcgAt10: 1 / (1 + 1 / Math.log2(3)), contextPrecisionAt5: 1 },
    },
    {
      name: 'both relevant at the top',
      ranking: ['d#9', 'd#2', 'd#1'],
      expected: { hitAt1: 1, hitAt5: 1, mrr: 1, ndcgAt10: 1, contextPrecisionAt5: 1 },
    },
    {
      name: 'relevant at ranks 2 and 4',
      ranking: ['d#1', 'd#2', 'd#3', 'd#9'],
      expected: {
        hitAt1: 0,
        hitAt5: 1,
        mrr: 0.5,
        ndcgAt10: (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)),
        contextPrecisionAt5: (1 / 2 + 2 / 4) / 2,
      },
    },
    {
      name: 'relevant only at rank 6',
      ranking: ['d#1', 'd#3', 'd#4', 'd#5', 'd#6', 'd#2'],
      expected: {
        hitAt1: 0,
        hitAt5: 0,
        mrr: 1 / 6,
        ndcgAt10: 1 / Math.log2(7) / (1 + 1 / Math.log2(3)),
        contextPrecisionAt5: 0,
      },
    },
    { name: 'nothing retrieved', ranking: [], expected: { hitAt1: 0, hitAt5: 0, mrr: 0, ndcgAt10: 0, contextPrecisionAt5: 0 } },
  ])('$name', ({ ranking, expected }) => {
    const actual = scoreRetrieval(ranking, relevant);
    for (const [metric, value] of Object.entries(expected)) {
      expect(actual[metric as keyof typeof actual], metric).toBeCloseTo(value, 10);
    }
  });
});

describe('scoreCase and failureReasons', () => {
  it.each([
    {
      name: 'correct, cited, verbatim',
      result: makeCase(),
      crag: 1,
      reasons: [],
    },
    {
      name: 'gold retrieved at rank 6 only',
      result: makeCase({
        retrieved: [1, 2, 4, 5, 6, 3].map((paragraph) => ({ docId: docA, paragraph })),
      }),
      crag: 1,
      reasons: ['gold not in top 5'],
    },
    {
      name: 'missing the only key fact',
      result: makeCase({ answer: 'SoftBank invested in OpenAI [1].' }),
      crag: -1,
      reasons: ['missing key fact: 500 million'],
    },
    {
      name: 'three facts, two present: enough',
      result: makeCase({ keyFacts: ['39 billion', '75 billion', '25%'], answer: '$39 billion and $75 billion' }),
      crag: 1,
      reasons: [],
    },
    {
      name: 'three facts, one present: not enough',
      result: makeCase({ keyFacts: ['39 billion', '75 billion', '25%'], answer: '$39 billion' }),
      crag: -1,
      reasons: ['missing key fact: 75 billion', 'missing key fact: 25%'],
    },
    {
      name: 'cites a non-gold paragraph',
      result: makeCase({ citations: [citation({ paragraph: 7 })] }),
      crag: -1,
      reasons: ['no citation of a gold paragraph'],
    },
    {
      name: 'gold citation is not verbatim',
      result: makeCase({ citations: [citation({ verbatim: false })] }),
      crag: -1,
      reasons: [`quote not verbatim: [1] ${docA}#p-3`],
    },
    {
      name: 'cited but not retrieved',
      result: makeCase({ citations: [citation({ retrieved: false })] }),
      crag: 1,
      reasons: [`cited paragraph not retrieved: [1] ${docA}#p-3`],
    },
    {
      name: 'no citations',
      result: makeCase({ citations: [] }),
      crag: -1,
      reasons: ['no citations'],
    },
    {
      name: 'refused an answerable question',
      result: makeCase({ refused: true, citations: [], answer: 'The sources do not say.' }),
      crag: 0,
      reasons: ['refused an answerable question'],
    },
    {
      name: 'refused an unanswerable question',
      result: makeCase({ answerable: false, gold: [], keyFacts: [], refused: true, citations: [], retrieved: [] }),
      crag: 0,
      reasons: [],
    },
    {
      name: 'answered an unanswerable question',
      result: makeCase({ answerable: false, gold: [], keyFacts: [] }),
      crag: -1,
      reasons: ['answered an unanswerable question'],
    },
    {
      name: 'answered in the wrong language',
      result: makeCase({ language: 'zh-Hans', answerLanguage: 'en' }),
      crag: 1,
      reasons: ['wrong language: expected zh-Hans, got en'],
    },
    {
      name: 'gold anchor unresolved',
      result: makeCase({ gold: [], unresolvedGold: [`${docB}#1.8萬個高性能GPU`] }),
      crag: null,
      reasons: [`gold id unresolved: ${docB}#1.8萬個高性能GPU`],
    },
  ])('$name', ({ result, crag, reasons }) => {
    const metrics = scoreCase(result);
    expect(metrics.cragScore).toBe(crag);
    expect(failureReasons(result, metrics)).toEqual(reasons);
  });

  it('computes citation precision over all citations and recall as "a gold paragraph is cited"', () => {
    const metrics = scoreCase(
      makeCase({
        citations: [citation(), citation({ n: 2, paragraph: 8 }), citation({ n: 3, paragraph: 9, verbatim: false })],
      }),
    );
    expect(metrics.citationPrecision).toBeCloseTo(1 / 3);
    expect(metrics.citationRecall).toBe(1);
    expect(metrics.verbatimCount).toBe(2);
  });

  it('leaves retrieval and citation metrics out for unanswerable questions', () => {
    const metrics = scoreCase(makeCase({ answerable: false, gold: [], keyFacts: [], refused: true, citations: [] }));
    expect([metrics.hitAt5, metrics.mrr, metrics.citationPrecision, metrics.citationRecall, metrics.keyFactRecall]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(metrics.refusalCorrect).toBe(true);
  });
});

describe('computePercentile', () => {
  it.each([
    [[], 50, null],
    [[5], 95, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 95, 4],
    [Array.from({ length: 100 }, (_, index) => index + 1), 95, 95],
  ])('%j p%d = %s', (values, p, expected) => {
    expect(computePercentile(values, p)).toBe(expected);
  });
});

describe('summarizeResults', () => {
  const summary = summarizeResults(
    [
      makeCase({ id: 'a', latencyMs: 100 }),
      makeCase({
        id: 'b',
        language: 'zh-Hans',
        type: 'cross-script',
        answerLanguage: 'zh-Hans',
        retrieved: [{ docId: docB, paragraph: 1 }],
        citations: [citation({ verbatim: false })],
        latencyMs: 300,
      }),
      makeCase({
        id: 'c',
        type: 'unanswerable',
        answerable: false,
        gold: [],
        keyFacts: [],
        refused: true,
        citations: [],
        latencyMs: 200,
      }),
    ],
    'keyword+extractive',
  );

  it('aggregates overall', () => {
    expect(summary.overall.count).toBe(3);
    expect(summary.overall.metrics.hitAt5).toBe(0.5);
    expect(summary.overall.metrics.verbatimRate).toBe(0.5);
    expect(summary.overall.metrics.refusalAccuracy).toBe(1);
    expect(summary.overall.metrics.cragScore).toBeCloseTo(0);
    expect(summary.overall.metrics.passRate).toBeCloseTo(2 / 3);
    expect(summary.overall.metrics.latencyP50).toBe(200);
    expect(summary.overall.metrics.latencyP95).toBe(300);
  });

  it('aggregates by language and by type', () => {
    expect(summary.byLanguage.en?.count).toBe(2);
    expect(summary.byLanguage['zh-Hans']?.metrics.hitAt5).toBe(0);
    expect(summary.byLanguage['zh-Hant']).toBeUndefined();
    expect(summary.byType.unanswerable?.metrics.hitAt5).toBeNull();
    expect(summary.byType['cross-script']?.metrics.cragScore).toBe(-1);
  });

  it('records failures per case', () => {
    const failing = summary.cases.filter((score) => !score.passed).map((score) => score.result.id);
    expect(failing).toEqual(['b']);
  });
});
