import { describe, expect, it } from 'vitest';
import { readListItem, readOrdinal, replaceOrdinal } from './ordinal-reference.js';
import { rankListItems } from './rank-list-items.js';
import type { Passage } from './types.js';

describe('readOrdinal', () => {
  it.each([
    { question: '第二件呢？', ordinal: 2 },
    { question: '那第三件呢？', ordinal: 3 },
    { question: '第10點是什麼', ordinal: 10 },
    { question: 'And the third one?', ordinal: 3 },
    { question: 'What about the 2nd?', ordinal: 2 },
    { question: 'And the last one?', ordinal: -1 },
    { question: '那華為呢？', ordinal: undefined },
    { question: 'What about Korea?', ordinal: undefined },
  ])('$question → $ordinal', ({ question, ordinal }) => {
    expect(readOrdinal(question)).toBe(ordinal);
  });
});

describe('readListItem', () => {
  it.each([
    { text: '根據資料,占比從14%激增至34.6%。', searchText: '第二 件事 大陆 自产 …', item: 2 },
    { text: '二是加快自产芯片。', searchText: '', item: 2 },
    { text: '其次，市场份额快速提升。', searchText: '', item: 2 },
    { text: '3. Build the factory.', searchText: '', item: 3 },
    { text: 'Second, the chips are cheaper.', searchText: '', item: 2 },
    { text: '2023年營收為170億美元。', searchText: '2023 年 营收', item: undefined },
  ])('$text → $item', ({ text, searchText, item }) => {
    expect(readListItem({ text, searchText })).toBe(item);
  });
});

describe('replaceOrdinal', () => {
  it('moves the follow-up\'s position into the earlier question', () => {
    expect(replaceOrdinal('黃仁勳最掛心的第一件事是什麼？', '那第三件呢？')).toBe('黃仁勳最掛心的第三件事是什麼？');
    expect(replaceOrdinal('What is the first risk he names?', 'And the second one?')).toBe('What is the second risk he names?');
    expect(replaceOrdinal('黃仁勳最掛心哪三件事？', '第二件呢？')).toBe('黃仁勳最掛心哪三件事？');
  });
});

describe('rankListItems', () => {
  const passage = (paragraph: number, text: string, searchText = ''): Passage => ({
    id: `doc#p-${paragraph}`, docId: 'doc', paragraph, chunk: 0, text, searchText, kind: 'body', language: 'zh-Hans', title: 't', start: 0, end: text.length,
  });

  it('ranks the passages holding the item, its first paragraph first', () => {
    const passages = [passage(9, '估值超过10亿美元。', '第三 件事 光 计算 估值'), passage(8, '厂商正在利用光计算。', '第三 件事 光 计算'), passage(6, '占比激增。', '第二 件事')];
    expect(rankListItems('那第三件呢？', passages)).toEqual(['doc#p-8', 'doc#p-9']);
    expect(rankListItems('那華為呢？', passages)).toEqual([]);
  });
});
