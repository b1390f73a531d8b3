import type { Rating } from './create-conversation-store.js';
import type { DomHelpers } from './create-dom-helpers.js';
import type { Labels } from './labels.js';
import { buildSourceHref, readCitations } from './read-citations.js';
import { maxFeedbackAnswerLength, maxFeedbackCitationQuoteLength, maxFeedbackCitationTitleLength, maxFeedbackCitationUrlLength, maxFeedbackCommentLength, maxQuestionLength } from '../core/limits.js';
import { messageText, type WidgetMessage } from './widget-chat.js';

export interface AnswerActionsOptions {
  dom: DomHelpers;
  labels: Labels;
  apiBase: string;
  /** The conversation as it is now, to find the question an answer replied to. */
  messages(): WidgetMessage[];
  /** Ratings given so far, by message id; a rating that reached the server is recorded here. */
  feedback: Map<string, Rating>;
  onRated(): void;
  retry(): void;
}

/**
 * Builds the row under a finished answer: copy (with its sources), helpful, not helpful (with an
 * optional comment form) and, under the last answer, retry. Ratings go to POST /api/feedback.
 */
export function createAnswerActions(options: AnswerActionsOptions): (message: WidgetMessage, article: HTMLElement, key: string, isLast: boolean) => HTMLElement {
  const { dom, labels, feedback } = options;
  const { element, iconButton } = dom;

  const questionFor = (messageId: string) => {
    const messages = options.messages();
    const index = messages.findIndex((candidate) => candidate.id === messageId);
    for (let position = index - 1; position >= 0; position--) {
      const message = messages[position]!;
      if (message.role === 'user') return messageText(message);
    }
    return '';
  };
  const postFeedback = async (message: WidgetMessage, rating: Rating, note: HTMLElement, comment?: string) => {
    const citations = readCitations(message.parts).map(({ n, docId, paragraph, title, url, quote, start, end }) => ({ n, docId, paragraph, title: title.slice(0, maxFeedbackCitationTitleLength), url: url.slice(0, maxFeedbackCitationUrlLength), quote: quote.slice(0, maxFeedbackCitationQuoteLength), start, end }));
    try {
      const response = await fetch(`${options.apiBase}/api/feedback`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          messageId: message.id,
          rating,
          ...(comment ? { comment: comment.slice(0, maxFeedbackCommentLength) } : {}),
          question: (questionFor(message.id) || '?').slice(0, maxQuestionLength),
          answer: messageText(message).slice(0, maxFeedbackAnswerLength),
          citations: citations.slice(0, 30),
        }),
      });
      if (!response.ok) throw new Error(`feedback ${response.status}`);
      feedback.set(message.id, rating);
      options.onRated();
      note.textContent = labels.feedbackThanks;
    } catch {
      note.textContent = labels.feedbackFailed;
    }
  };
  const copyAnswer = async (message: WidgetMessage, note: HTMLElement) => {
    const sources = readCitations(message.parts).map((citation) => `[${citation.n}] ${citation.title} ${buildSourceHref(citation) ?? ''}`.trim());
    const text = [messageText(message).trim(), sources.length ? `${labels.sources}:\n${sources.join('\n')}` : ''].filter(Boolean).join('\n\n');
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = labels.copied;
    } catch {
      note.textContent = labels.copyFailed;
    }
  };

  return (message, article, key, isLast) => {
    const note = element('span', { class: 'status-text', role: 'status' });
    const rating = feedback.get(message.id);
    const copy = iconButton('copy', labels.copy, { 'data-focus': `copy-${key}` });
    const up = iconButton('up', labels.helpful, { 'aria-pressed': String(rating === 'up'), 'data-focus': `up-${key}` });
    const down = iconButton('down', labels.notHelpful, { 'aria-pressed': String(rating === 'down'), 'data-focus': `down-${key}` });
    const actions = element('div', { class: 'actions' }, copy, up, down);
    if (isLast) {
      const again = iconButton('retry', labels.retry, { 'data-focus': `retry-${key}` });
      again.addEventListener('click', options.retry);
      actions.append(again);
    }
    actions.append(note);
    copy.addEventListener('click', () => void copyAnswer(message, note));
    up.addEventListener('click', () => {
      up.setAttribute('aria-pressed', 'true');
      down.setAttribute('aria-pressed', 'false');
      article.querySelector('.comment')?.remove();
      void postFeedback(message, 'up', note);
    });
    down.addEventListener('click', () => {
      down.setAttribute('aria-pressed', 'true');
      up.setAttribute('aria-pressed', 'false');
      if (article.querySelector('.comment')) return;
      const comment = element('textarea', { id: `ca-c-${key}`, maxlength: String(maxFeedbackCommentLength), rows: '2' });
      const submit = element('button', { type: 'submit' }, labels.sendFeedback);
      const commentForm = element('form', { class: 'comment' }, element('label', { for: `ca-c-${key}` }, labels.commentLabel), comment, submit);
      commentForm.addEventListener('submit', (event) => {
        event.preventDefault();
        commentForm.remove();
        void postFeedback(message, 'down', note, comment.value.trim() || undefined);
        down.focus();
      });
      article.append(commentForm);
      comment.focus();
    });
    return actions;
  };
}
