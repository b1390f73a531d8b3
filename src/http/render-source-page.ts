import type { Language, StoredDocument } from '../core/types.js';
import { escapeHtml } from '../core/escape-html.js';
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

/**
 * Renders a cleaned article as a readable page: title, outlet, author, date and original link,
 * each paragraph anchored `id="p-<n>"`, the cited paragraph highlighted (also via `:target`),
 * the quoted span marked, and forum comments in their own section. Everything is escaped.
 */
export function renderSourcePage(document: StoredDocument, highlight?: Highlight): string {
  const { metadata } = document;
  const labels = sourcePageLabels(metadata.language);
  const published = metadata.publishedAt
    ? `<time datetime="${escapeHtml(metadata.publishedAt)}">${escapeHtml(formatPublishedAt(metadata.publishedAt, metadata.language))}</time>`
    : undefined;
  const details = [metadata.outlet, metadata.author].filter(Boolean).map((value) => escapeHtml(value!));
  if (published) details.push(published);
  const body: string[] = [];
  const comments: string[] = [];
  document.paragraphs.forEach((paragraph, index) => {
    (paragraph.kind === 'comment' ? comments : body).push(renderParagraph(document, index, highlight, labels));
  });
  const original = metadata.url && /^https?:\/\//i.test(metadata.url)
    ? `<p class="original"><a href="${escapeHtml(metadata.url)}" rel="noopener noreferrer nofollow">${escapeHtml(labels.original)}</a></p>`
    : '';
  const content = `<article>
<h1>${escapeHtml(metadata.title)}</h1>
${details.length ? `<p class="meta">${details.join(' · ')}</p>\n` : ''}${original}
${body.join('\n')}
</article>
${comments.length ? `<section class="comments" aria-label="${escapeHtml(labels.comments)}"><h2>${escapeHtml(labels.comments)}</h2>\n${comments.join('\n')}\n</section>` : ''}`;
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
  section.comments p { font-size: .92em; color: #424a53; padding: .1rem .5rem; margin: .2rem 0; }
</style>
</head>
<body>
${content}
</body>
</html>`;
}
