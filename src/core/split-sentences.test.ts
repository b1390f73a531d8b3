import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';

describe('splitSentences', () => {
  it.each([
    { name: 'Chinese 。！？', text: '第一句。第二句！第三句？', sentences: ['第一句。', '第二句！', '第三句？'] },
    { name: 'closing quote stays with its sentence', text: '他說「好。」然後走了。', sentences: ['他說「好。」', '然後走了。'] },
    { name: 'English with decimals and abbreviations', text: 'Mr. Son paid $1.8 billion. It rose 3.2%! Why? Because.', sentences: ['Mr. Son paid $1.8 billion.', 'It rose 3.2%!', 'Why?', 'Because.'] },
    { name: 'no end mark', text: 'A heading without a stop', sentences: ['A heading without a stop'] },
    { name: 'Chinese text with Latin inside', text: '英伟达H100芯片。Nvidia said so.', sentences: ['英伟达H100芯片。', 'Nvidia said so.'] },
  ])('$name', ({ text, sentences }) => {
    const spans = splitSentences(text);
    expect(spans.map((span) => span.text)).toEqual(sentences);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });
});
