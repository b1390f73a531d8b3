import { describe, expect, it } from 'vitest';
import { keywordCoverage } from './keyword-coverage.js';
import { normalizeSearchText } from './normalize-search-text.js';

const coverage = (question: string, passage: string) => keywordCoverage(normalizeSearchText(question), normalizeSearchText(passage));

describe('keywordCoverage', () => {
  it.each([
    { question: 'How much did SoftBank invest in OpenAI?', passage: 'SoftBank contributed $500 million to OpenAI, an investment.', atLeast: 0.99 },
    { question: '韩国计划扩充多少个高性能GPU', passage: '將在明年上半年之前擴充1.8萬個高性能GPU', atLeast: 0.4 },
  ])('covers a relevant passage: $question', ({ question, passage, atLeast }) => {
    expect(coverage(question, passage)).toBeGreaterThanOrEqual(atLeast);
  });

  it.each([
    { question: 'What is the Tesla share price today?', passage: 'SoftBank holds 90% of the shares of Arm.' },
    { question: '昨晚足球比赛谁赢了', passage: '黃仁勳到浦東逛菜市場與民眾互動。' },
  ])('barely covers an unrelated passage: $question', ({ question, passage }) => {
    expect(coverage(question, passage)).toBeLessThan(0.3);
  });

  it("finds a question's Han word in a passage indexed as bigrams, as the run of its bigrams", () => {
    const question = normalizeSearchText('高性能');
    expect(keywordCoverage(question, normalizeSearchText('擴充1.8萬個高性能GPU', { hanWords: false }))).toBe(1);
    expect(keywordCoverage(question, normalizeSearchText('高性價比的性能', { hanWords: false }))).toBeLessThan(1);
  });

  it('is 0 for a question of only stop words', () => {
    expect(coverage('what is it', 'what is it')).toBe(0);
  });
});
