import { describe, expect, it } from 'vitest';
import { answerInQuotes, leadMatches, summarizeSuite, type SuiteCaseResult } from './score-suite.js';

const answered = (overrides: Partial<SuiteCaseResult>): SuiteCaseResult => ({
  id: 'q',
  question: 'q?',
  answerable: true,
  answers: ['France'],
  gold: ['d#1'],
  retrieved: ['d#1', 'd#2'],
  refused: false,
  cited: ['d#1'],
  quotes: ['Normandy is a region in France.'],
  latencyMs: 10,
  peer: ['d#1'],
  ...overrides,
});

describe('answerInQuotes', () => {
  it.each([
    { answers: ['France'], quotes: ['a region in France.'], expected: true },
    { answers: ['歐洲'], quotes: ['在欧洲，梵语的学术研究'], expected: true },
    { answers: ['ＧＰＵ 1.8萬個'], quotes: ['擴充 GPU 1.8萬個'], expected: true },
    { answers: ['光荣和ω-force'], quotes: ['由光荣和\nω-force开发'], expected: false },
    { answers: ['Edgar'], quotes: ['Margaret had a brother.'], expected: false },
    { answers: ['France'], quotes: [], expected: false },
  ])('$answers in $quotes → $expected', ({ answers, quotes, expected }) => {
    expect(answerInQuotes(answers, quotes)).toBe(expected);
  });
});

describe('leadMatches', () => {
  it.each([
    { answers: ['美国得克萨斯州'], lead: '美國', expected: true },
    { answers: ['William the Conqueror'], lead: 'William', expected: true },
    { answers: ['364.6公里'], lead: '364.6公里', expected: true },
    { answers: ['Duke Richard II'], lead: 'Richard II of Normandy', expected: false },
    { answers: ['Rollo'], lead: 'King Charles', expected: false },
  ])('$lead for $answers → $expected', ({ answers, lead, expected }) => {
    expect(leadMatches(answers, lead)).toBe(expected);
  });
});

describe('summarizeSuite', () => {
  it('scores retrieval, citations, answers, refusals and latency per set', () => {
    const summary = summarizeSuite([
      answered({ id: 'hit', lead: 'France', latencyMs: 10 }),
      answered({ id: 'second', retrieved: ['d#2', 'd#1'], cited: ['d#2'], quotes: ['Nothing here.'], lead: 'Normandy', peer: ['d#2', 'd#1'], latencyMs: 20 }),
      answered({ id: 'refused-first', refused: true, cited: [], quotes: [], latencyMs: 30 }),
      answered({ id: 'miss', retrieved: [], refused: true, cited: [], quotes: [], peer: [], latencyMs: 40 }),
      answered({ id: 'unanswerable-refused', answerable: false, answers: [], gold: [], refused: true, latencyMs: 50 }),
      answered({ id: 'unanswerable-answered', answerable: false, answers: [], gold: [], latencyMs: 60 }),
    ]);
    expect(summary).toMatchObject({ questions: 6, answerable: 4, unanswerable: 2, unresolvedGold: [], refusedWithGoldFirst: 1 });
    expect(summary.metrics).toEqual({
      // A refused answer is a miss however its passage ranked: hits are 'hit' (rank 1) and 'second' (rank 2).
      hitAt1: 0.25,
      hitAt5: 0.5,
      mrr: 0.375,
      retrievalHitAt1: 0.5,
      goldCitationRate: 0.25,
      answerInQuote: 0.25,
      // Both answered questions lead with a span; 'France' is right, 'Normandy' is not.
      leadRate: 1,
      leadPrecision: 0.5,
      falseRefusalRate: 0.5,
      unanswerableRefusalRate: 0.5,
      peerHitAt1: 0.5,
      peerHitAt5: 0.75,
      peerMrr: 0.625,
      latencyP50: 30,
      latencyP95: 60,
    });
  });

  it('counts an answerable question whose gold was not found as a miss and names it', () => {
    const summary = summarizeSuite([answered({ id: 'lost', gold: [] })]);
    expect(summary.unresolvedGold).toEqual(['lost']);
    expect(summary.metrics.hitAt1).toBe(0);
    expect(summary.metrics.unanswerableRefusalRate).toBeNull();
  });

  it('counts an HTTP error as a refusal and leaves its latency out', () => {
    const summary = summarizeSuite([answered({ id: 'ok', latencyMs: 5 }), answered({ id: 'err', error: 'HTTP 500', latencyMs: 999 })]);
    expect(summary.metrics.falseRefusalRate).toBe(0.5);
    expect(summary.metrics.hitAt1).toBe(0.5);
    expect(summary.metrics.latencyP95).toBe(5);
  });
});
