import { describe, expect, it } from 'vitest';
import { detectAnswerLanguage } from './detect-answer-language.js';

describe('detectAnswerLanguage', () => {
  it.each([
    ['English prose quoting Chinese', 'SoftBank will add “擴充1.8萬個高性能GPU”[1] by next year.', 'en'],
    ['Simplified prose quoting Traditional', '韩国将在明年上半年扩充「擴充1.8萬個高性能GPU」[1]。', 'zh-Hans'],
    ['Traditional prose quoting English', '軟銀投資了「SoftBank contributed $500 million to a round of financing」[1]。', 'zh-Hant'],
    ['extractive answer: the lead line speaks', '根据资料来源：\n\n- 「韓國代總統崔相穆2月17日表示」[1]', 'zh-Hans'],
    ['English extractive answer quoting Chinese', 'Here is what the sources say:\n\n- “韓國代總統崔相穆2月17日表示”[1]', 'en'],
    ['only a quote: the lead line decides', '「韓國代總統崔相穆表示」[1]', 'zh-Hant'],
  ])('%s', (_name, answer, expected) => {
    expect(detectAnswerLanguage(answer)).toBe(expected);
  });

  it.each([
    ['prose the same in both scripts is in the asker\'s', '曦智科技去年4月完成了「15億元人民幣C輪融資」[1]。', 'zh-Hant', 'zh-Hant'],
    ['…in either script', '曦智科技去年4月完成了「15億元人民幣C輪融資」[1]。', 'zh-Hans', 'zh-Hans'],
    ['Simplified prose stays Simplified whatever was asked', '韩国将扩充「擴充1.8萬個高性能GPU」[1]。', 'zh-Hant', 'zh-Hans'],
    ['English prose stays English', 'SoftBank will add “擴充1.8萬個高性能GPU”[1].', 'zh-Hant', 'en'],
  ] as const)('%s', (_name, answer, asked, expected) => {
    expect(detectAnswerLanguage(answer, asked)).toBe(expected);
  });
});
