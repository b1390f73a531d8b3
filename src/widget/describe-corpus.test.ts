import { describe, expect, it } from 'vitest';
import { describeCorpus } from './describe-corpus.js';
import { labels } from './labels.js';

describe('describeCorpus', () => {
  const corpus = { documents: 1200, passages: 30_000, languages: ['en', 'zh-Hant', 'zh-Hans'] };
  it.each([
    ['en', 'I know 1,200 articles in English, Traditional Chinese, and Simplified Chinese.'],
    ['zh-Hant', '我知道 1,200 篇英文、繁體中文和簡體中文文章。'],
    ['zh-Hans', '我知道 1,200 篇英语、繁体中文和简体中文文章。'],
  ] as const)('%s', (language, expected) => {
    expect(describeCorpus(corpus, labels[language], language)).toBe(expected);
  });

  it.each([[undefined], [null], [{ documents: '5', languages: ['en'] }], [{ documents: 5 }], [{ documents: 5, languages: [] }], [{ documents: 5, languages: [3] }]])('leaves out %j', (body) => {
    expect(describeCorpus(body, labels.en, 'en')).toBeUndefined();
  });
});
