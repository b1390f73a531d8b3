import { describe, expect, it } from 'vitest';
import { checkAgainstBaseline, createBaseline, type Baseline } from './gate.js';
import { summarizeResults } from './metrics.js';
import { makeCaseResult } from './make-case-result.js';

const doc = '001_d38a6fc719d6b211';

const makeCase = makeCaseResult;

const goodRun = [
  makeCase('en-a'),
  makeCase('en-b'),
  makeCase('hans-c', { language: 'zh-Hans', answerLanguage: 'zh-Hans', type: 'cross-lingual' }),
  makeCase('un-d', { type: 'unanswerable', answerable: false, gold: [], keyFacts: [], refused: true, citations: [] }),
];
const baseline = createBaseline(summarizeResults(goodRun, 'keyword+extractive'));

describe('createBaseline', () => {
  it('records metrics by scope and the passing ids for the mode', () => {
    expect(baseline.modes['keyword+extractive']?.passing).toEqual(['en-a', 'en-b', 'hans-c', 'un-d']);
    expect(baseline.modes['keyword+extractive']?.metrics.byType['cross-lingual']?.hitAt5).toBe(1);
    expect(baseline.modes['keyword+llm']).toBeUndefined();
    expect(baseline.tolerances.latencyP95).toBeNull();
  });

  it('keeps the other mode when updating one', () => {
    const both = createBaseline(summarizeResults(goodRun, 'keyword+llm'), baseline);
    expect(Object.keys(both.modes).sort()).toEqual(['keyword+extractive', 'keyword+llm']);
  });
});

describe('checkAgainstBaseline', () => {
  it.each([
    {
      name: 'same run passes',
      run: goodRun,
      pass: true,
      newlyFailing: [],
      regressed: [],
    },
    {
      name: 'slower run passes: latency is not gated by default',
      run: goodRun.map((result) => ({ ...result, latencyMs: 5_000 })),
      pass: true,
      newlyFailing: [],
      regressed: [],
    },
    {
      name: 'retrieval miss fails and names the question',
      run: [makeCase('en-a'), makeCase('en-b', { retrieved: [{ docId: doc, paragraph: 9 }] }), ...goodRun.slice(2)],
      pass: false,
      newlyFailing: ['en-b'],
      regressed: ['hitAt5@overall', 'hitAt5@language:en', 'hitAt5@type:same-language'],
    },
    {
      name: 'answering an unanswerable question fails',
      run: [...goodRun.slice(0, 3), makeCase('un-d', { type: 'unanswerable', answerable: false, gold: [], keyFacts: [] })],
      pass: false,
      newlyFailing: ['un-d'],
      regressed: ['refusalAccuracy@overall', 'refusalAccuracy@type:unanswerable'],
    },
    {
      name: 'a question missing from the run counts as newly failing',
      run: goodRun.slice(1),
      pass: false,
      newlyFailing: ['en-a'],
      regressed: ['cragScore@overall'],
    },
  ])('$name', ({ run, pass, newlyFailing, regressed }) => {
    const result = checkAgainstBaseline(summarizeResults(run, 'keyword+extractive'), baseline);
    expect(result.pass).toBe(pass);
    expect(result.newlyFailing).toEqual(newlyFailing);
    const keys = result.regressions.map((regression) => `${regression.metric}@${regression.scope}`);
    for (const key of regressed) expect(keys).toContain(key);
    if (regressed.length === 0) expect(keys).toEqual([]);
  });

  it('reports baseline, current and tolerance of a regression', () => {
    const run = [makeCase('en-a', { answer: 'It invested [1].' }), ...goodRun.slice(1)];
    const { regressions } = checkAgainstBaseline(summarizeResults(run, 'keyword+extractive'), baseline);
    expect(regressions).toContainEqual({ metric: 'keyFactRecall', scope: 'overall', baseline: 1, current: 2 / 3, tolerance: 0.02 });
  });

  it('honours a loosened tolerance and gated latency', () => {
    const loose: Baseline = { ...baseline, tolerances: { ...baseline.tolerances, hitAt5: 0.5, latencyP95: 50 } };
    const run = goodRun.map((result) => ({ ...result, latencyMs: 200 }));
    const { regressions } = checkAgainstBaseline(summarizeResults(run, 'keyword+extractive'), loose);
    expect(regressions.map((regression) => regression.metric)).toContain('latencyP95');
  });

  it('tolerates a drop within the tolerance', () => {
    const tight: Baseline = { ...baseline, tolerances: { passRate: 0.3 } };
    const run = [...goodRun.slice(0, 3), { ...goodRun[3]!, refused: false }];
    const { regressions } = checkAgainstBaseline(summarizeResults(run, 'keyword+extractive'), tight);
    expect(regressions.filter((regression) => regression.scope === 'overall' && regression.metric === 'passRate')).toEqual([]);
  });

  it('throws without a baseline for the mode', () => {
    expect(() => checkAgainstBaseline(summarizeResults(goodRun, 'keyword+llm'), baseline)).toThrow(/no entry for mode "keyword\+llm"/u);
  });
});
