import { sourcePageParagraphs } from './limits.js';

/** The page of a source that holds paragraph `paragraph` (1-based), `sourcePageParagraphs` a page. */
export function sourcePageOf(paragraph: number): number {
  return Math.max(1, Math.ceil(paragraph / sourcePageParagraphs));
}

/**
 * The link to one paragraph of a source page, `<baseUrl>/sources/<docId>#p-<paragraph>`, with
 * the doc id URL-encoded and trailing slashes on the base dropped. A paragraph past the first
 * page gets its page: `<baseUrl>/sources/<docId>?page=3#p-1200`.
 *
 * @example formatSourceUrl('https://assistant.example/', { docId: 'doc-a', paragraph: 3 })
 * // 'https://assistant.example/sources/doc-a#p-3'
 */
export function formatSourceUrl(baseUrl: string, ref: { docId: string; paragraph: number }): string {
  const page = sourcePageOf(ref.paragraph);
  return `${baseUrl.replace(/\/+$/u, '')}/sources/${encodeURIComponent(ref.docId)}${page > 1 ? `?page=${page}` : ''}#p-${ref.paragraph}`;
}
