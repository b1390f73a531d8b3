import { describe, expect, it } from 'vitest';
import type { Language, StoredDocument } from '../core/types.js';
import { renderSourceNotFoundPage, renderSourcePage } from './render-source-page.js';

function makeDocument(language: Language, metadata: Partial<StoredDocument['metadata']> = {}): StoredDocument {
  const paragraphs = [
    { n: 1, kind: 'body' as const, text: 'First paragraph.', start: 0, end: 16 },
    { n: 2, kind: 'comment' as const, text: 'A comment.', start: 17, end: 27 },
  ];
  return {
    docId: 'doc-1',
    sourcePath: 'doc-1.txt',
    contentHash: 'hash',
    text: 'First paragraph.\nA comment.',
    paragraphs,
    metadata: { title: 'A title', url: 'https://example.com/a', language, ...metadata },
  } as StoredDocument;
}

describe('renderSourcePage', () => {
  it.each([
    ['en', 'Original article', 'Comments', 'Paragraph 1'],
    ['zh-Hant', '原文連結', '留言', '第 1 段'],
    ['zh-Hans', '原文链接', '评论', '第 1 段'],
  ] as const)('labels a %s document in its language', (language, original, comments, paragraph) => {
    const html = renderSourcePage(makeDocument(language));
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`rel="noopener noreferrer nofollow">${original}</a>`);
    expect(html).toContain(`<h2>${comments}</h2>`);
    expect(html).toContain(`aria-label="${paragraph}"`);
    if (language !== 'en') expect(html).not.toMatch(/Original article|Comments|Paragraph \d/);
  });

  it('leaves the metadata line out when there is nothing to show', () => {
    expect(renderSourcePage(makeDocument('zh-Hans'))).not.toContain('class="meta"');
  });

  it('shows outlet, author and the date formatted for the document locale', () => {
    const html = renderSourcePage(makeDocument('zh-Hant', { outlet: 'PTT Stock', author: 'deepelves', publishedAt: '2023-12-05T06:41' }));
    expect(html).toMatch(/<p class="meta">PTT Stock · deepelves · <time datetime="2023-12-05T06:41">2023年12月5日 \D*6:41<\/time><\/p>/);
    expect(html).not.toContain('>2023-12-05T06:41<');
  });
});

describe('renderSourceNotFoundPage', () => {
  it.each([
    ['en', 'Source not found'],
    ['zh-Hant', '找不到這篇來源'],
    ['zh-Hans', '找不到这篇来源'],
  ] as const)('is a page in %s with a way back', (language, title) => {
    const html = renderSourceNotFoundPage(language);
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain('<a href="/">');
  });
});
