import { describe, expect, it } from 'vitest';
import { draftFollowUps, type FollowUpSource } from './draft-follow-ups.js';
import type { Language } from './types.js';

const body = (texts: string[]) => texts.map((text, index) => ({ n: index + 1, kind: 'body' as const, text }));

const english = {
  docId: 'en-doc',
  language: 'en' as Language,
  paragraphs: body([
    'SoftBank contributed $500 million to a round of financing for OpenAI.',
    'Lasertec dropped by more than 4% on Tuesday, while Advantest and Tokyo Electron fell by 3.2% and 2.8% respectively.',
    'Masayoshi Son, the founder of the SoftBank Group, said, "We need the infrastructure."',
    "Japan's new Prime Minister, Shigeru Ishiba, announced a plan.",
    'Arm and Chips',
    'Arm designs chips for phones, and SoftBank owns about 90% of Arm after buying it in 2016 for a large sum.',
  ]),
};

const chinese = {
  docId: 'zh-doc',
  language: 'zh-Hant' as Language,
  paragraphs: body([
    '輝達在中國市場的營收為170億美元，占營收的13%左右。',
    '年底前確保1萬個GPU',
    '政府將通過公私合作，韓國政府在今年內確保1萬個高性能GPU，盡早開通服務。',
    '稳市场',
    '淨利潤為6.8億美元，同比下降72%。大陸自產算力占比從14%激增至34.6%。日本目標擴增至現行的20-30倍水準。',
  ]),
};

function draft(overrides: Partial<FollowUpSource>): string[] {
  return draftFollowUps({ asked: [], language: 'en', cited: [{ docId: 'en-doc', paragraph: 1 }], documents: [english, chinese], ...overrides }).map((entry) => entry.question);
}

describe('draftFollowUps', () => {
  it.each([
    ['a figure with its subject, English', 'How much did Lasertec drop on Tuesday?'],
    ['a speaker past an appositive', 'What did Masayoshi Son say?'],
    ['a section heading', 'What does the article say about Arm and Chips?'],
  ])('drafts %s', (_case, expected) => {
    expect(draft({ cited: [{ docId: 'en-doc', paragraph: 3 }] })).toContain(expected);
  });

  it.each([
    ['one of several coordinated subjects', /Tokyo Electron/u],
    ['an office for a speaker', /Prime Minister/u],
  ])('leaves out %s', (_case, pattern) => {
    expect(draft({ cited: [{ docId: 'en-doc', paragraph: 3 }] }).filter((question) => pattern.test(question))).toEqual([]);
  });

  it('orders drafts by their distance from the cited paragraph', () => {
    const questions = draft({ cited: [{ docId: 'en-doc', paragraph: 2 }] });
    expect(questions.indexOf('How much did Lasertec drop on Tuesday?')).toBeLessThan(questions.indexOf('What did Masayoshi Son say?'));
  });

  it('asks Chinese figures in place, in the asker’s script, from Chinese documents only', () => {
    const traditional = draft({ language: 'zh-Hant', cited: [{ docId: 'zh-doc', paragraph: 1 }] });
    expect(traditional).toContain('輝達在中國市場的營收為多少美元？');
    expect(traditional).toContain('韓國政府在今年內確保多少個高性能GPU？');
    expect(traditional).toContain('關於「年底前確保1萬個GPU」，報導說了什麼？');
    expect(traditional.some((question) => /[A-Za-z]{4,} /u.test(question))).toBe(false);
    expect(draft({ language: 'zh-Hans', cited: [{ docId: 'zh-doc', paragraph: 1 }] })).toContain('辉达在中国市场的营收为多少美元？');
  });

  it.each([
    ['a clause with no subject of its own', /淨利潤|净利润/u],
    ['a clause with two figures', /34\.6/u],
    ['a range', /20-|水準/u],
    ['a three-character heading', /稳市场|穩市場/u],
  ])('leaves out %s in Chinese', (_case, pattern) => {
    expect(draft({ language: 'zh-Hant', cited: [{ docId: 'zh-doc', paragraph: 5 }] }).filter((question) => pattern.test(question))).toEqual([]);
  });

  it('drafts nothing from documents in another language or not cited', () => {
    expect(draft({ language: 'en', cited: [{ docId: 'zh-doc', paragraph: 1 }] })).toEqual([]);
    expect(draft({ cited: [{ docId: 'elsewhere', paragraph: 1 }] })).toEqual([]);
  });

  it('leaves out what was asked already', () => {
    expect(draft({ cited: [{ docId: 'en-doc', paragraph: 3 }], asked: ['What did Masayoshi Son say?'] })).not.toContain('What did Masayoshi Son say?');
    expect(draft({ language: 'zh-Hant', cited: [{ docId: 'zh-doc', paragraph: 1 }], asked: ['輝達在中國市場的營收是多少？'] })).not.toContain('輝達在中國市場的營收為多少美元？');
  });

  it('returns each draft with the key words its answer must hold and where it came from', () => {
    const [first] = draftFollowUps({ asked: [], language: 'en', cited: [{ docId: 'en-doc', paragraph: 2 }], documents: [english] });
    expect(first).toEqual({ question: 'How much did Lasertec drop on Tuesday?', keyText: 'Lasertec dropped on Tuesday', docId: 'en-doc', paragraph: 2 });
  });
});
