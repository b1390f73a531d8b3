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

  it('drops the diacritics of Latin letters, precomposed or not, so a name typed without them matches', () => {
    expect(normalizeSearchText('Hervé served in Zürich, São Paulo and Bogotá')).toBe('herve served in zurich sao paulo and bogota');
    expect(normalizeSearchText('Herve\u0301')).toBe('herve');
    // Other scripts keep their marks; Han is untouched.
    expect(normalizeSearchText('हिन्दी 韓國')).toBe(`${'हिन्दी'.normalize('NFKC')} 韩国`);
  });

  it('indexes passages as Han bigrams only, without word segmentation', () => {
    expect(normalizeSearchText('高性能GPU', { hanWords: false })).toBe('高性 性能 gpu');
    expect(searchTokens(normalizeSearchText('高性能GPU'))).toContain('高性能');
  });

  it('folds Traditional to Simplified one character at a time, the same for any context', () => {
    // OpenCC's phrase conversion writes 乾隆 for 乾隆; the fold only has to agree with itself.
    expect(normalizeSearchText('乾隆 乾燥', { hanWords: false })).toBe(normalizeSearchText('干隆 干燥', { hanWords: false }));
  });

  it('keeps words whole across the marks Intl.Segmenter keeps them across', () => {
    expect(normalizeSearchText("e.g. 1,000 U.S. 1.8 o'neill 163.com km·kg")).toBe("e.g 1,000 u.s 1.8 o'neill 163 com km·kg");
  });

  it('makes bigrams of Han characters outside the BMP by code point', () => {
    expect(normalizeSearchText('𠀀𠀁中', { hanWords: false })).toBe('𠀀𠀁 𠀁中');
  });

  it('gives a Traditional question and a Simplified passage the same tokens', () => {
    const traditional = new Set(searchTokens(normalizeSearchText('韓國計劃擴充多少個高性能GPU')));
    const simplified = new Set(searchTokens(normalizeSearchText('韩国计划扩充多少个高性能GPU')));
    expect(traditional).toEqual(simplified);
  });
});

describe('normalizeSearchText on long text', () => {
  it("stays linear: 200k Han characters within a busy machine's bound", () => {
    const long = '韓國政府打算在今年內確保多少個高性能GPU，'.repeat(10_000);
    const started = performance.now();
    const tokens = normalizeSearchText(long);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(tokens).toContain('高性能');
  });
});
