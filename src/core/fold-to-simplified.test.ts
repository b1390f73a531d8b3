import { describe, expect, it } from 'vitest';
import { buildHanFoldTable } from './build-han-fold-table.js';
import { foldToSimplified, isChangedToSimplified, isChangedToTraditional } from './fold-to-simplified.js';
import { changedToTraditional, traditionalToSimplified } from './han-fold-table.js';

describe('foldToSimplified', () => {
  it.each([
    { input: '韓國計劃擴充多少個高性能GPU', output: '韩国计划扩充多少个高性能GPU' },
    { input: '韩国计划', output: '韩国计划' },
    { input: 'No Han at all.', output: 'No Han at all.' },
    { input: '輝達(Nvidia)執行長黃仁勳', output: '辉达(Nvidia)执行长黄仁勋' },
  ])('$input', ({ input, output }) => {
    expect(foldToSimplified(input)).toBe(output);
  });

  it('tells which characters each direction changes', () => {
    expect([isChangedToSimplified('國'), isChangedToSimplified('国'), isChangedToTraditional('国'), isChangedToTraditional('國')]).toEqual([true, false, true, false]);
  });

  it('uses the table that opencc-js gives today (regenerate with scripts/build-han-fold-table.ts)', () => {
    expect(buildHanFoldTable()).toEqual({ traditionalToSimplified, changedToTraditional });
  });
});
