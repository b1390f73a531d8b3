import { describe, expect, it } from 'vitest';
import { buildSourceHref, readCitations } from './read-citations.js';
import { readWidgetOptions, resolveLanguage } from './read-widget-options.js';

describe('readWidgetOptions', () => {
  const pageUrl = 'https://news.example/story';
  it('takes the API base from the script URL, and data attributes override it', () => {
    expect(readWidgetOptions({ scriptSrc: 'https://answers.example/widget.js', dataset: {}, pageUrl })).toEqual({
      apiBase: 'https://answers.example',
      title: undefined,
      language: 'en',
      position: 'bottom-right',
      inline: undefined,
      open: false,
      theme: 'auto',
    });
    expect(readWidgetOptions({ scriptSrc: 'https://cdn.example/assistant/widget.js?v=2', dataset: {}, pageUrl }).apiBase).toBe('https://cdn.example/assistant');
    expect(readWidgetOptions({ scriptSrc: 'https://cdn.example/widget.js', dataset: { apiBase: 'https://api.example/' }, pageUrl }).apiBase).toBe('https://api.example');
    expect(readWidgetOptions({ dataset: {}, pageUrl }).apiBase).toBe('https://news.example');
  });

  it('reads title, position, inline and open', () => {
    const options = readWidgetOptions({ scriptSrc: 'https://a.example/widget.js', dataset: { title: 'Ask us', position: 'bottom-left', inline: '#help', open: '' }, pageUrl });
    expect(options).toMatchObject({ title: 'Ask us', position: 'bottom-left', inline: '#help', open: true });
    expect(readWidgetOptions({ dataset: { open: 'false', position: 'top' }, pageUrl })).toMatchObject({ open: false, position: 'bottom-right' });
  });

  it.each([
    [undefined, undefined, 'auto'],
    ['dark', undefined, 'dark'],
    [' Light ', 'dark', 'light'],
    [undefined, 'dark', 'dark'],
    ['sepia', 'light', 'light'],
    ['sepia', 'sepia', 'auto'],
  ])('data-theme %s with <html data-theme=%s> is %s', (theme, pageTheme, expected) => {
    expect(readWidgetOptions({ dataset: { theme }, pageTheme, pageUrl }).theme).toBe(expected);
  });

  it.each([
    [undefined, undefined, 'en'],
    [undefined, 'en-GB', 'en'],
    [undefined, 'zh-TW', 'zh-Hant'],
    [undefined, 'zh-Hant-HK', 'zh-Hant'],
    [undefined, 'zh-HK', 'zh-Hant'],
    [undefined, 'zh-CN', 'zh-Hans'],
    [undefined, 'zh', 'zh-Hans'],
    ['zh-Hant', 'en', 'zh-Hant'],
    ['en', 'zh-CN', 'en'],
  ])('language %s with <html lang=%s> is %s', (language, pageLanguage, expected) => {
    expect(readWidgetOptions({ dataset: { language }, pageLanguage, pageUrl }).language).toBe(expected);
    expect(resolveLanguage(language ?? pageLanguage)).toBe(expected);
  });
});

describe('readCitations and buildSourceHref', () => {
  const citation = { n: 2, docId: 'doc-b', paragraph: 4, title: 'Title', outlet: 'Outlet', publishedAt: '2024-01-02', url: 'https://answers.example/sources/doc-b#p-4', quote: 'q', start: 5, end: 9 };

  it('keeps well-formed data-citation parts, ordered by number, and drops the rest', () => {
    const parts = [
      { type: 'text', text: 'x' },
      { type: 'data-citation', data: citation },
      { type: 'data-citation', data: { ...citation, n: 1, outlet: undefined } },
      { type: 'data-citation', data: { n: 'three', docId: 'x', paragraph: 1, url: 'u' } },
      { type: 'data-citation', data: null },
    ];
    expect(readCitations(parts).map((entry) => entry.n)).toEqual([1, 2]);
    expect(readCitations(parts)[1]).toEqual(citation);
  });

  it('links to the source page with the quoted span highlighted', () => {
    expect(buildSourceHref(citation)).toBe('https://answers.example/sources/doc-b?hl=4%3A5-9#p-4');
    expect(buildSourceHref({ ...citation, url: 'javascript:alert(1)' })).toBeUndefined();
    expect(buildSourceHref({ ...citation, start: 0, end: 0 })).toBe('https://answers.example/sources/doc-b#p-4');
  });
});
