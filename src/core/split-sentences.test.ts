import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';

describe('splitSentences', () => {
  it.each([
    { name: 'Chinese 。！？', text: '第一句。第二句！第三句？', sentences: ['第一句。', '第二句！', '第三句？'] },
    { name: 'closing quote stays with its sentence', text: '他說「好。」然後走了。', sentences: ['他說「好。」', '然後走了。'] },
    { name: 'English with decimals and abbreviations', text: 'Mr. Son paid $1.8 billion. It rose 3.2%! Why? Because.', sentences: ['Mr. Son paid $1.8 billion.', 'It rose 3.2%!', 'Why?', 'Because.'] },
    { name: 'initials inside a name', text: 'It was signed by John B. Weller. J. R. R. Tolkien wrote it.', sentences: ['It was signed by John B. Weller.', 'J. R. R. Tolkien wrote it.'] },
    { name: 'a stop before a word in lower case', text: 'It went to Washington, D.C. with a strong advocate. Then it failed.', sentences: ['It went to Washington, D.C. with a strong advocate.', 'Then it failed.'] },
    { name: 'a regnal number ends a sentence', text: 'Normandy passed to Richard I. His son ruled after him.', sentences: ['Normandy passed to Richard I.', 'His son ruled after him.'] },
    { name: 'a sentence may end in a capital letter', text: 'He took vitamin C. Then he slept.', sentences: ['He took vitamin C.', 'Then he slept.'] },
    { name: 'no end mark', text: 'A heading without a stop', sentences: ['A heading without a stop'] },
    { name: 'Chinese text with Latin inside', text: '英伟达H100芯片。Nvidia said so.', sentences: ['英伟达H100芯片。', 'Nvidia said so.'] },
  ])('$name', ({ text, sentences }) => {
    const spans = splitSentences(text);
    expect(spans.map((span) => span.text)).toEqual(sentences);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });
});
