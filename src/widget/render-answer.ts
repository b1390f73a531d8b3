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
  /** Example questions a refusal offers instead. */
  examples: string[];
  /** The "what I know" line, once the corpus is known. */
  knows(): string;
  createChip(citation: CitationData, descriptionId: string): HTMLElement;
  createActions(message: WidgetMessage, article: HTMLElement, key: string, isLast: boolean): HTMLElement;
}

/** Buttons that ask a question when clicked (the widget listens for `.example` clicks). */
export function renderExamples(dom: DomHelpers, questions: string[]): HTMLElement {
  return dom.element('div', { class: 'examples' }, ...questions.map((question) => dom.element('button', { type: 'button', class: 'example', 'data-question': question }, question)));
}

/** The suggested follow-up questions of a `data-suggestions` part, checked (the bundle does not validate stream parts). */
export function readSuggestions(parts: ReadonlyArray<{ type: string; data?: unknown }>): string[] {
  const questions = (parts.find((part) => part.type === 'data-suggestions')?.data as { questions?: unknown } | undefined)?.questions;
  return Array.isArray(questions) ? questions.filter((question): question is string => typeof question === 'string' && question.length > 0 && question.length <= 300).slice(0, 3) : [];
}

/** Citations grouped by article, in order of each article's first citation. */
function groupByDocument(citations: CitationData[]): CitationData[][] {
  const groups = new Map<string, CitationData[]>();
  for (const citation of citations) {
    const group = groups.get(citation.docId);
    if (group) group.push(citation);
    else groups.set(citation.docId, [citation]);
  }
  return [...groups.values()];
}

/**
 * One assistant message as an `<article>`: the Markdown answer with citation chips, what a refusal
 * can offer instead, notices, the sources (one title per article, then each citation's paragraph
 * and quote), on the latest answer its suggested follow-up questions and, once it has finished
 * streaming, the actions row.
 */
export function renderAnswer(message: WidgetMessage, state: { isLast: boolean; streaming: boolean; stopped: boolean }, view: AnswerView): HTMLElement {
  const { dom, labels } = view;
  const { element } = dom;
  const key = message.id.replace(/[^A-Za-z0-9_-]/g, '');
  const citations = readCitations(message.parts);
  const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
  const descriptionId = (n: number) => `ca-d-${key}-${n}`;
  const article = element('article', { class: 'message assistant', 'aria-label': labels.answer });
  const bubble = article.appendChild(element('div', { class: 'bubble' }));
  bubble.append(
    renderMarkdown(parseMarkdown(messageText(message), view.apiBase), bubble.ownerDocument, (n) => {
      const citation = byNumber.get(n);
      return citation ? view.createChip(citation, descriptionId(n)) : undefined;
    }),
  );
  // The answer text already says the sources do not cover it; this says what they do cover. A
  // refusal that quotes the nearest passage ("not for 2025; the nearest they come: …") has said that.
  if (message.metadata?.refused && !state.streaming) {
    const says = citations.length > 0 ? [element('p', {}, labels.refusedNearby)] : [element('p', { class: 'knows' }, view.knows()), element('p', {}, labels.refused)];
    article.append(element('div', { class: 'hint' }, ...says, renderExamples(dom, view.examples)));
  }
  if (message.metadata?.interrupted) article.append(element('p', { class: 'notice' }, labels.interrupted));
  else if (state.stopped) article.append(element('p', { class: 'notice' }, labels.stopped));
  if (citations.length) {
    const list = element('ul');
    for (const group of groupByDocument(citations)) {
      const first = group[0]!;
      const href = buildSourceHref(first);
      const meta = describeCitation(first, view.language);
      const items = group.map((citation) =>
        element(
          'li',
          {},
          view.createChip(citation, descriptionId(citation.n)),
          element('span', { class: 'para', 'aria-label': `${labels.paragraph} ${citation.paragraph}` }, `¶${citation.paragraph}`),
          element('span', { class: 'snippet', 'aria-hidden': 'true' }, citation.quote),
          element('span', { class: 'sr-only', id: descriptionId(citation.n) }, [citation.quote, [citation.title, meta].filter(Boolean).join(' · ')].filter(Boolean).join(' — ')),
        ),
      );
      list.append(
        element(
          'li',
          {},
          href ? element('a', { class: 'doc-title', href, target: '_blank', rel: 'noopener noreferrer' }, first.title) : element('span', { class: 'doc-title' }, first.title),
          ...(meta ? [' ', element('span', { class: 'meta' }, meta)] : []),
          element('ol', {}, ...items),
        ),
      );
    }
    article.append(element('div', { class: 'sources' }, element('h3', {}, labels.sources), list));
  }
  // Follow-ups belong to where the conversation is: the latest answer only, once it is whole.
  const suggestions = state.isLast && !state.streaming ? readSuggestions(message.parts) : [];
  if (suggestions.length) article.append(element('div', { class: 'follow-ups' }, element('h3', {}, labels.followUps), renderExamples(dom, suggestions)));
  if (!state.streaming && messageText(message).trim()) article.append(view.createActions(message, article, key, state.isLast));
  return article;
}
