import { describe, expect, it } from 'vitest';
import { allowHref, parseInline, parseMarkdown } from './parse-markdown.js';

const base = 'https://answers.example';

describe('parseInline', () => {
  it.each([
    ['plain text', 'Hello', [{ type: 'text', text: 'Hello' }]],
    ['an HTML payload stays text', '<img src=x onerror=alert(1)><script>alert(1)</script>', [{ type: 'text', text: '<img src=x onerror=alert(1)><script>alert(1)</script>' }]],
    ['a citation marker', 'SoftBank [1].', [{ type: 'text', text: 'SoftBank ' }, { type: 'citation', n: 1 }, { type: 'text', text: '.' }]],
    ['adjacent markers', '[1][2]', [{ type: 'citation', n: 1 }, { type: 'citation', n: 2 }]],
    ['a grouped marker', '[1, 3]', [{ type: 'citation', n: 1 }, { type: 'citation', n: 3 }]],
    ['a marker in Chinese text', '一萬個GPU[2]。', [{ type: 'text', text: '一萬個GPU' }, { type: 'citation', n: 2 }, { type: 'text', text: '。' }]],
    ['strong with a marker', '**$40 billion [1]**', [{ type: 'strong', children: [{ type: 'text', text: '$40 billion ' }, { type: 'citation', n: 1 }] }]],
    ['em and code', '*really* `x<y`', [{ type: 'em', children: [{ type: 'text', text: 'really' }] }, { type: 'text', text: ' ' }, { type: 'code', text: 'x<y' }]],
    ['an https link', '[site](https://example.com/a)', [{ type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'site' }] }]],
    ['a javascript: link becomes text', '[click](javascript:alert(1))', [{ type: 'text', text: '[click](javascript:alert(1))' }]],
    ['a data: link becomes text', '[x](data:text/html,hi)', [{ type: 'text', text: 'x' }]],
    ['a line break', 'a\nb', [{ type: 'text', text: 'a' }, { type: 'break' }, { type: 'text', text: 'b' }]],
    ['a lone asterisk', '3 * 4 = 12', [{ type: 'text', text: '3 * 4 = 12' }]],
  ])('%s', (_name, input, expected) => {
    expect(parseInline(input, base)).toEqual(expected);
  });
});

describe('allowHref', () => {
  it.each([
    ['https://example.com/x', 'https://example.com/x'],
    ['http://example.com', 'http://example.com/'],
    ['/sources/doc-1#p-2', 'https://answers.example/sources/doc-1#p-2'],
    ['javascript:alert(1)', undefined],
    [' JAVASCRIPT:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['//evil.example/x', undefined],
    ['mailto:a@b.c', undefined],
    ['relative/path', undefined],
  ])('%s', (input, expected) => {
    expect(allowHref(input, base)).toBe(expected);
  });
});

describe('parseMarkdown', () => {
  it('splits paragraphs, headings, lists, quotes and code', () => {
    const blocks = parseMarkdown('# Title\n\nFirst [1].\nSecond line.\n\n- one\n- two [2]\n\n1. a\n2. b\n\n> quoted\n\n```\n<b>code</b>\n```', base);
    expect(blocks.map((block) => block.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code']);
    expect(blocks[2]).toEqual({ type: 'list', ordered: false, items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two ' }, { type: 'citation', n: 2 }]] });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true });
    expect(blocks[5]).toEqual({ type: 'code', text: '<b>code</b>' });
  });

  it('keeps an unterminated code fence while streaming', () => {
    expect(parseMarkdown('```\npartial', base)).toEqual([{ type: 'code', text: 'partial' }]);
  });
});
