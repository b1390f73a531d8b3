import { describe, expect, it } from 'vitest';
import { normalizeSearchText, searchTokens } from './normalize-search-text.js';

describe('normalizeSearchText', () => {
  it.each([
    { name: 'Traditional becomes Simplified', input: '韓國', includes: ['韩国'], excludes: ['韓國'] },
    { name: 'Simplified stays Simplified', input: '韩国', includes: ['韩国'], excludes: [] },
    { name: 'full-width Latin and digits fold (NFKC) and lower-case', input: 'ＧＰＵ　１２３', includes: ['gpu', '123'], excludes: ['ＧＰＵ'] },
    { name: 'Han runs give bigrams', input: '高性能', includes: ['高性', '性能', '高性能'], excludes: [] },
    { name: 'a lone Han character is kept', input: '萬', includes: ['万'], excludes: [] },
    { name: 'English words are split on punctuation', input: "SoftBank's $500 million", includes: ["softbank's", '500', 'million'], excludes: ['$500'] },
  ])('$name', ({ input, includes, excludes }) => {
    const tokens = searchTokens(normalizeSearchText(input));
    for (const token of includes) expect(tokens).toContain(token);
    for (const token of excludes) expect(tokens).not.toContain(token);
  });

  it('gives a Traditional question and a Simplified passage the same tokens', () => {
    const traditional = new Set(searchTokens(normalizeSearchText('韓國計劃擴充多少個高性能GPU')));
    const simplified = new Set(searchTokens(normalizeSearchText('韩国计划扩充多少个高性能GPU')));
    expect(traditional).toEqual(simplified);
  });
});

describe('normalizeSearchText on long input', () => {
  const unsegmented = (text: string) => {
    const normalized = normalizeSearchText(text.slice(0, 0)); // warm the segmenter
    void normalized;
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    return [...segmenter.segment(text.toLowerCase())].filter((segment) => segment.isWordLike).map((segment) => segment.segment);
  };

  it('gives the same words as one unwindowed pass when windows cut at spaces and punctuation', () => {
    const text = "SoftBank's $500 million deal, 3.14 e.g. Nvidia; OpenAI! ".repeat(200);
    expect(normalizeSearchText(text).split(' ')).toEqual(unsegmented(text));
  });

  it('stays linear: 250 KB of text is normalised in seconds, not minutes', () => {
    const latin = 'What about the GPUs Japan wants from Nvidia for research labs? '.repeat(4_000);
    const han = '韓國政府計畫採購更多顯示卡以發展人工智慧，'.repeat(12_000);
    for (const text of [latin, han]) {
      const started = performance.now();
      normalizeSearchText(text);
      // One pass of Intl.Segmenter over this much text takes over a minute; windows take ~0.4 s
      // (the bound leaves room for a machine busy with other work).
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });
});
