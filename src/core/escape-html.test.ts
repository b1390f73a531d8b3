import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it.each([
    ['<b>"a" & \'b\'</b>', '&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;'],
    ['&amp;', '&amp;amp;'],
    ['韓國', '韓國'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
