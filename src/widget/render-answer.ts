import type { DomHelpers } from './create-dom-helpers.js';
import { describeCitation } from './describe-citation.js';
import type { Labels } from './labels.js';
import { parseMarkdown } from './parse-markdown.js';
import { buildSourceHref, readCitations, type CitationData } from './read-citations.js';
import { renderMarkdown } from './render-markdown.js';
import { messageText, type WidgetMessage } from './widget-chat.js';

export interface AnswerView {
  dom: DomHelpers;
  labels: Labels;
  language: string;
  apiBase: string;
  createChip(citation: CitationData, descriptionId: string): HTMLElement;
  createActions(message: WidgetMessage, article: HTMLElement, key: string, isLast: boolean): HTMLElement;
}

/**
 * One assistant message as an `<article>`: notices, the Markdown answer with citation chips, the
 * sources list and, once it has finished streaming, the actions row.
 */
export function renderAnswer(message: WidgetMessage, state: { isLast: boolean; streaming: boolean; stopped: boolean }, view: AnswerView): HTMLElement {
  const { dom, labels } = view;
  const { element } = dom;
  const key = message.id.replace(/[^A-Za-z0-9_-]/g, '');
  const citations = readCitations(message.parts);
  const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
  const descriptionId = (n: number) => `ca-d-${key}-${n}`;
  const article = element('article', { class: 'message assistant', 'aria-label': labels.answer });
  if (message.metadata?.refused) article.append(element('p', { class: 'notice' }, labels.refused));
  const bubble = article.appendChild(element('div', { class: 'bubble' }));
  bubble.append(
    renderMarkdown(parseMarkdown(messageText(message), view.apiBase), bubble.ownerDocument, (n) => {
      const citation = byNumber.get(n);
      return citation ? view.createChip(citation, descriptionId(n)) : undefined;
    }),
  );
  if (message.metadata?.interrupted) article.append(element('p', { class: 'notice' }, labels.interrupted));
  else if (state.stopped) article.append(element('p', { class: 'notice' }, labels.stopped));
  if (citations.length) {
    const list = element('ul');
    for (const citation of citations) {
      const href = buildSourceHref(citation);
      const meta = describeCitation(citation, view.language);
      list.append(
        element(
          'li',
          {},
          view.createChip(citation, descriptionId(citation.n)),
          element('span', {}, href ? element('a', { href, target: '_blank', rel: 'noopener noreferrer' }, citation.title) : citation.title, ...(meta ? [' ', element('span', { class: 'meta' }, meta)] : [])),
          element('span', { class: 'sr-only', id: descriptionId(citation.n) }, [citation.quote, [citation.title, meta].filter(Boolean).join(' · ')].filter(Boolean).join(' — ')),
        ),
      );
    }
    article.append(element('div', { class: 'sources' }, element('h3', {}, labels.sources), list));
  }
  if (!state.streaming && messageText(message).trim()) article.append(view.createActions(message, article, key, state.isLast));
  return article;
}
