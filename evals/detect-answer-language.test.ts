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
});
