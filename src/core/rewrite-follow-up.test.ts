import { describe, expect, it } from 'vitest';
import { isFollowUp, rewriteFollowUp } from './rewrite-follow-up.js';

const history = [
  { role: 'user' as const, content: 'How many GPUs does Japan want from Nvidia?' },
  { role: 'assistant' as const, content: 'Japan asked for as many GPUs as possible.' },
];

describe('follow-up questions', () => {
  it.each([
    { question: 'What about Korea?', followUp: true },
    { question: '那韓國呢？', followUp: true },
    { question: '沙特呢', followUp: true },
    { question: 'And India?', followUp: true },
    { question: 'How much did SoftBank invest in OpenAI in its latest financing round?', followUp: false },
    { question: '英伟达在中国AI芯片市场的占有率是多少，和去年相比如何变化', followUp: false },
  ])('"$question" is a follow-up: $followUp', ({ question, followUp }) => {
    expect(isFollowUp(question, history)).toBe(followUp);
  });

  it('is never a follow-up without an earlier user turn', () => {
    expect(isFollowUp('What about Korea?', [])).toBe(false);
  });

  it('searches with the earlier question and keeps the follow-up as the focus', () => {
    expect(rewriteFollowUp('What about Korea?', history)).toEqual({
      searchQuery: 'What about Korea? How many GPUs does Japan want from Nvidia?',
      focus: 'What about Korea?',
    });
    expect(rewriteFollowUp('Who is Masayoshi Son and what did he say about AI chips?', history)).toEqual({
      searchQuery: 'Who is Masayoshi Son and what did he say about AI chips?',
    });
  });

  it('bounds the search text however long the earlier question was', () => {
    const long = [{ role: 'user' as const, content: 'Japan GPUs '.repeat(20_000) }];
    const { searchQuery } = rewriteFollowUp('What about Korea?', long);
    expect(searchQuery.length).toBeLessThanOrEqual('What about Korea?'.length + 1 + 500);
  });

  it('keeps the topic of the last standalone question through a chain of follow-ups, moving its ordinal', () => {
    const chain = [
      { role: 'user' as const, content: '黃仁勳最掛心大陸AI發展的第一件事是什麼？' },
      { role: 'assistant' as const, content: '第一件事是用算法降低算力需求。' },
      { role: 'user' as const, content: '第二件呢？' },
      { role: 'assistant' as const, content: '第二件是自產晶片市占率提升。' },
    ];
    expect(rewriteFollowUp('那第三件呢？', chain)).toEqual({
      searchQuery: '那第三件呢？ 黃仁勳最掛心大陸AI發展的第三件事是什麼？',
      focus: '那第三件呢？',
    });
  });
});
