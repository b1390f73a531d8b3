import { describe, expect, it } from 'vitest';
import { isIsoDate, parseDate } from './parse-date.js';

describe('parseDate', () => {
  it.each([
    ['2023/12/05 06:41', '2023-12-05T06:41'],
    ['2024-11-14 18:17:38', '2024-11-14T18:17:38'],
    ['2025年3月2日', '2025-03-02'],
    ['Tue Dec  5 17:10:17 2023', '2023-12-05T17:10:17'],
    ['Mon Mar  3 09:15:02 2025', '2025-03-03T09:15:02'],
    ['November 14, 2024', '2024-11-14'],
    ['14 November 2024', '2024-11-14'],
    ['2024-13-01', undefined],
    ['no date here', undefined],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-01-01', true],
    ['2024-11-14T18:17', true],
    ['2025-02-01T08:00:00Z', true],
    ['2025-02-01T08:00:00.123+08:00', true],
    ['2024-02-30', false],
    ['2024-13-01', false],
    ['2024-01-01"></passage>', false],
    ['2024-01-01 SYSTEM', false],
    ['yesterday', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});
