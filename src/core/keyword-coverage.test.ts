import { describe, expect, it } from 'vitest';
import { createKeywordCoverage, createRelevanceCoverage, keywordCoverage, minimumCandidatesForRarity, matchesToken, weighQuestionTokens } from './keyword-coverage.js';
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

describe('weighQuestionTokens', () => {
  const weights = (question: string) => Object.fromEntries(weighQuestionTokens(normalizeSearchText(question)).map(({ token, weight }) => [token, weight]));

  it.each([
    { question: '尚恩有什么爱好？', expected: { 尚恩: 1, 爱好: 1, 恩有: 0.25, 有什: 0, 么爱: 0, 什么: 0 } },
    { question: '持有存货对企业会产生什么影响？', expected: { 企业: 1, 产生: 1, 业会: 0, 会产: 0, 货对: 0 } },
    { question: '亚达夫什么时候投入人民运动？', expected: { 什么时候: 0, 时候: 0, 投入: 1, 亚达: 1, 达夫: 1 } },
  ])('weighs words, names cut into characters and boundary bigrams: $question', ({ question, expected }) => {
    expect(weights(question)).toMatchObject(expected);
  });

  it('lists each token once', () => {
    const tokens = weighQuestionTokens(normalizeSearchText('爱好 爱好')).map((entry) => entry.token);
    expect(tokens).toEqual([...new Set(tokens)]);
  });

  it('lets a long question be covered by the paragraph that answers it', () => {
    const question = '陸特和漢斯雷頓開創了哪一地區對梵語的學術研究？';
    const gold = '在歐洲，梵語的學術研究，由德國學者陸特和漢斯雷頓開創。';
    expect(coverage(question, gold)).toBeGreaterThanOrEqual(0.8);
  });
});

describe('createRelevanceCoverage', () => {
  const question = normalizeSearchText('英伟达Blackwell芯片是哪天正式发布的？');
  const candidates = [
    '英伟达的芯片在中国的销售',
    '英伟达推出新的芯片',
    '黄仁勋谈英伟达芯片禁令',
    '英伟达芯片供不应求',
    '英伟达年会在上海举行',
    '芯片出口管制',
    '英伟达的股价',
    '台积电为英伟达代工芯片',
    '英伟达在日本的合作',
    '软银与英伟达',
  ].map((text) => normalizeSearchText(text));

  it('keeps a passage of only the tokens every candidate holds under the floor when the specific term is nowhere', () => {
    const floor = createRelevanceCoverage(question, candidates, 'floor');
    expect(floor(candidates[1]!)).toBeLessThan(0.3);
    expect(createKeywordCoverage(question)(candidates[1]!)).toBeGreaterThanOrEqual(0.3);
  });

  it('ranks a passage with the rare token above one with only the common one', () => {
    const rank = createRelevanceCoverage(normalizeSearchText('英伟达年会'), candidates, 'rank');
    expect(rank(candidates[4]!)).toBeGreaterThan(rank(candidates[0]!));
    expect(rank(candidates[4]!)).toBe(1);
  });

  it('is plain coverage with too few candidates to tell common from rare', () => {
    const few = candidates.slice(0, minimumCandidatesForRarity - 1);
    expect(createRelevanceCoverage(question, few, 'floor')(candidates[1]!)).toBeCloseTo(createKeywordCoverage(question)(candidates[1]!));
  });
});

describe('matchesToken', () => {
  it.each([
    ['chips', ' the chip market ', true],
    ['invest', ' an investment fund ', true],
    // An ending that would leave under four letters is part of the word.
    ['feed', ' it feeds on jellyfish ', true],
    ['need', ' what it needed most ', true],
    ['feed', ' the fees rose ', false],
    ['chips', ' potato crisps ', false],
  ])('%s in "%s": %s', (token, paddedText, expected) => {
    expect(matchesToken(token, paddedText)).toBe(expected);
  });
});
