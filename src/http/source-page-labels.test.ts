import { describe, expect, it } from 'vitest';
import { formatPublishedAt, languageFromAcceptLanguage } from './source-page-labels.js';

describe('formatPublishedAt', () => {
  it.each([
    ['2023-12-05T06:41', 'en', /^December 5, 2023 at 6:41\sAM$/],
    ['2023-12-05T06:41', 'zh-Hant', /^2023年12月5日 \D*6:41$/],
    ['2023-12-05T06:41', 'zh-Hans', /^2023年12月5日 06:41$/],
    ['2024-11-14T18:17:38', 'en', /^November 14, 2024 at 6:17\sPM$/],
    ['2025-03-02', 'zh-Hans', /^2025年3月2日$/],
    ['2025-03-02', 'en', /^March 2, 2025$/],
    // The wall-clock time as written, not shifted into the server's or UTC's time zone.
    ['2023-12-05T23:30:00+08:00', 'zh-Hans', /^2023年12月5日 23:30$/],
    ['2023-02-30', 'en', /^2023-02-30$/],
    ['last Tuesday', 'en', /^last Tuesday$/],
  ] as const)('%s in %s', (value, language, expected) => {
    expect(formatPublishedAt(value, language)).toMatch(expected);
  });
});

describe('languageFromAcceptLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh-CN,zh;q=0.9', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['fr-FR,zh-TW;q=0.5', 'zh-Hant'],
    ['en;q=0.4,zh-CN;q=0.8', 'zh-Hans'],
    ['zh-CN;q=0,en', 'en'],
    ['de-DE', 'en'],
  ] as const)('%s → %s', (header, language) => {
    expect(languageFromAcceptLanguage(header)).toBe(language);
  });
});
