import type { Language, StoredDocument } from '../core/types.js';
import { escapeHtml } from '../core/escape-html.js';
import { sourcePageParagraphs } from '../core/limits.js';
import { formatPublishedAt, sourcePageLabels, type SourcePageLabels } from './source-page-labels.js';

export interface Highlight {
  paragraph: number;
  start: number;
  end: number;
}

function renderParagraph(document: StoredDocument, index: number, highlight: Highlight | undefined, labels: SourcePageLabels): string {
  const paragraph = document.paragraphs[index]!;
  let body = escapeHtml(paragraph.text);
  // Offsets are into this paragraph's text, as in a citation's start/end.
  if (highlight && highlight.paragraph === paragraph.n && highlight.start >= 0 && highlight.end <= paragraph.text.length && highlight.start < highlight.end) {
    body = `${escapeHtml(paragraph.text.slice(0, highlight.start))}<mark>${escapeHtml(paragraph.text.slice(highlight.start, highlight.end))}</mark>${escapeHtml(paragraph.text.slice(highlight.end))}`;
  }
  const cited = highlight?.paragraph === paragraph.n ? ' class="cited"' : '';
  return `<p id="p-${paragraph.n}"${cited}><a class="anchor" href="#p-${paragraph.n}" aria-label="${escapeHtml(labels.paragraph(paragraph.n))}">¶${paragraph.n}</a> ${body}</p>`;
}

/** How many pages of `sourcePageParagraphs` a document's source page has (at least 1). */
export function countSourcePages(document: StoredDocument): number {
  return Math.max(1, Math.ceil(document.paragraphs.length / sourcePageParagraphs));
}

function renderPageLinks(page: number, pages: number, total: number, labels: SourcePageLabels): string {
  if (pages === 1) return '';
  const first = (page - 1) * sourcePageParagraphs + 1;
  const last = Math.min(total, page * sourcePageParagraphs);
  const previous = page > 1 ? `<a href="?page=${page - 1}" rel="prev">‹ ${escapeHtml(labels.previousPage)}</a> · ` : '';
  const next = page < pages ? ` · <a href="?page=${page + 1}" rel="next">${escapeHtml(labels.nextPage)} ›</a>` : '';
  return `<nav class="pages" aria-label="${escapeHtml(labels.pages)}">${previous}${escapeHtml(labels.pageRange(first, last, total, page, pages))}${next}</nav>`;
}

/**
 * Renders one page (`sourcePageParagraphs` paragraphs, default the first) of a cleaned article
 * as a readable page, labelled in the document's language: title, outlet, author, date and
 * original link, each paragraph anchored `id="p-<n>"`, the cited paragraph highlighted (also via
 * `:target`), the quoted span marked, forum comments in their own section, and links to the
 * other pages. Everything is escaped.
 */
export function renderSourcePage(document: StoredDocument, options: { highlight?: Highlight; page?: number } = {}): string {
  const { metadata } = document;
  const { highlight, page = 1 } = options;
  const pages = countSourcePages(document);
  const labels = sourcePageLabels(metadata.language);
  const published = metadata.publishedAt
    ? `<time datetime="${escapeHtml(metadata.publishedAt)}">${escapeHtml(formatPublishedAt(metadata.publishedAt, metadata.language))}</time>`
    : undefined;
  const details = [metadata.outlet, metadata.author].filter(Boolean).map((value) => escapeHtml(value!));
  if (published) details.push(published);
  const body: string[] = [];
  const comments: string[] = [];
  const from = (page - 1) * sourcePageParagraphs;
  for (let index = from; index < Math.min(document.paragraphs.length, from + sourcePageParagraphs); index += 1) {
    (document.paragraphs[index]!.kind === 'comment' ? comments : body).push(renderParagraph(document, index, highlight, labels));
  }
  const pageLinks = renderPageLinks(page, pages, document.paragraphs.length, labels);
  const original = metadata.url && /^https?:\/\//i.test(metadata.url)
    ? `<p class="original"><a href="${escapeHtml(metadata.url)}" rel="noopener noreferrer nofollow">${escapeHtml(labels.original)}</a></p>`
    : '';
  const content = `<article>
<h1>${escapeHtml(metadata.title)}</h1>
${details.length ? `<p class="meta">${details.join(' · ')}</p>\n` : ''}${original}
${pageLinks}
${body.join('\n')}
</article>
${comments.length ? `<section class="comments" aria-label="${escapeHtml(labels.comments)}"><h2>${escapeHtml(labels.comments)}</h2>\n${comments.join('\n')}\n</section>` : ''}
${pageLinks}`;
  return renderPage(metadata.language, metadata.title, content);
}

/** The page for a source that does not exist, in the reader's language (from Accept-Language). */
export function renderSourceNotFoundPage(language: Language): string {
  const labels = sourcePageLabels(language);
  return renderPage(language, labels.notFoundTitle, `<main>
<h1>${escapeHtml(labels.notFoundTitle)}</h1>
<p>${escapeHtml(labels.notFoundMessage)}</p>
<p><a href="/">${escapeHtml(labels.home)}</a></p>
</main>`);
}

function renderPage(language: Language, title: string, content: string): string {
  return `<!doctype html>
<html lang="${sourcePageLabels(language).locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 17px/1.7 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  h1 { line-height: 1.3; }
  .meta { color: #57606a; }
  p { scroll-margin-top: 30vh; border-radius: 6px; padding: .25rem .5rem; }
  p:target, p.cited { background: #fff8c5; outline: 2px solid #d4a72c; }
  mark { background: #ffd33d; padding: 0 .1em; }
  .anchor { color: #8c959f; text-decoration: none; font-size: .8em; }
  nav.pages { color: #57606a; margin: 1rem 0; }
  section.comments p { font-size: .92em; color: #424a53; padding: .1rem .5rem; margin: .2rem 0; }
</style>
</head>
<body>
${content}
</body>
</html>`;
}
