import { describe, expect, it } from 'vitest';
import type { Citation } from '../../core/types.js';
import {
  buildAnswerBlocks,
  buildAnswerMessages,
  decodeAnswerRef,
  encodeAnswerRef,
  escapeMrkdwn,
  slackLimits,
  splitText,
  toSlackMrkdwn,
} from './format-slack-answer.js';

const citation = (n: number): Citation => ({
  n,
  docId: `doc-${n}`,
  paragraph: n,
  title: `Title <${n}> & co`,
  url: `https://assistant.test/sources/doc-${n}#p-${n}`,
  quote: `Quote ${n} <!here>`,
  start: 0,
  end: 10,
  passage: `Quote ${n} <!here> and more.`,
});

describe('escapeMrkdwn and toSlackMrkdwn', () => {
  it.each([
    ['<!channel> hi', '&lt;!channel&gt; hi'],
    ['<https://evil|x> & <@U1>', '&lt;https://evil|x&gt; &amp; &lt;@U1&gt;'],
    ['&lt; stays literal', '&amp;lt; stays literal'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it.each([
    ['**bold** and __it__', '*bold* and _it_'],
    ['## Heading\ntext', '*Heading*\ntext'],
    ['see [the docs](https://x.test/a)', 'see the docs (https://x.test/a)'],
    ['“quote”[1] and [2, 3]', '“quote”[1] and [2, 3]'],
    ['a < b > c', 'a &lt; b &gt; c'],
  ])('converts %j', (input, expected) => {
    expect(toSlackMrkdwn(input)).toBe(expected);
  });
});

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('short')).toEqual(['short']);
  });

  it('splits long text at line ends within the limit', () => {
    const line = `${'word '.repeat(99)}end`;
    const pieces = splitText(Array.from({ length: 20 }, () => line).join('\n'));
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(slackLimits.sectionText);
      expect(piece.endsWith('end')).toBe(true);
    }
  });

  it('never cuts inside an entity', () => {
    const text = `${'x'.repeat(2_998)}&amp;${'y'.repeat(10)}`;
    const pieces = splitText(text);
    expect(pieces[0]).toBe('x'.repeat(2_998));
    expect(pieces[1]!.startsWith('&amp;')).toBe(true);
  });
});

describe('buildAnswerBlocks', () => {
  it('lists each source as a link to its paragraph, escaped', () => {
    const blocks = buildAnswerBlocks({ answer: 'Answer “Quote 1”[1].', refused: false, citations: [citation(1)] });
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Answer “Quote 1”[1].' } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: '*Sources*' },
          { type: 'mrkdwn', text: '*[1]* <https://assistant.test/sources/doc-1#p-1|Title &lt;1&gt; &amp; co> — “Quote 1 &lt;!here&gt;”' },
        ],
      },
    ]);
  });

  it('puts at most 10 elements in a context block', () => {
    const citations = Array.from({ length: 12 }, (_, index) => citation(index + 1));
    const blocks = buildAnswerBlocks({ answer: 'x', refused: false, citations });
    const contexts = blocks.filter((block) => block.type === 'context').map((block) => block.elements as unknown[]);
    expect(contexts.map((elements) => elements.length)).toEqual([10, 3]);
  });

  it('shows a refusal without sources', () => {
    const blocks = buildAnswerBlocks({ answer: "The sources don't cover this.", refused: true, citations: [] });
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: "The sources don't cover this." } }]);
  });

  it('splits a very long answer over messages of at most 50 blocks, buttons last', () => {
    const answer = Array.from({ length: 60 }, (_, index) => `${index} ${'long words '.repeat(270)}`).join('\n\n');
    const messages = buildAnswerMessages({ answer, refused: false, citations: [citation(1)], question: 'q' }, { id: 'a', share: true, showQuestion: false });
    expect(messages.length).toBe(2);
    expect(messages[0]!.blocks.length).toBe(50);
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
    expect(messages[0]!.text.length).toBeLessThanOrEqual(slackLimits.sectionText);
  });
});

describe('encodeAnswerRef', () => {
  it('round-trips and fits a button value', () => {
    const ref = { id: 'abc', question: 'q'.repeat(5_000), citations: Array.from({ length: 40 }, (_, index) => ({ n: index + 1, docId: 'd'.repeat(150), paragraph: index })) };
    const value = encodeAnswerRef(ref);
    expect(value.length).toBeLessThanOrEqual(slackLimits.buttonValue);
    const decoded = decodeAnswerRef(value)!;
    expect(decoded.id).toBe('abc');
    expect(decoded.citations[0]).toEqual({ n: 1, docId: 'd'.repeat(150), paragraph: 0 });
  });

  it.each([undefined, '', 'not json', '{"i":1}', '[]'])('decodes %j as nothing', (value) => {
    expect(decodeAnswerRef(value)).toBeUndefined();
  });
});
