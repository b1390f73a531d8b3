import { exampleQuestions, labels as allLabels, type Labels } from './labels.js';
import { parseMarkdown } from './parse-markdown.js';
import { buildSourceHref, readCitations, type CitationData } from './read-citations.js';
import type { WidgetOptions } from './read-widget-options.js';
import { renderMarkdown } from './render-markdown.js';
import { messageText, WidgetChat, type WidgetMessage } from './widget-chat.js';
import { widgetStyles } from './widget-styles.js';

export interface WidgetHandle {
  open(): void;
  close(): void;
  ask(question: string): void;
}

type Rating = 'up' | 'down';
interface SavedConversation {
  id?: string;
  messages: WidgetMessage[];
  feedback: Record<string, Rating>;
}

const maxSavedMessages = 40;
const maxQuestionLength = 2_000;

const icons = {
  chat: 'M4 5h16v11H8l-4 4z',
  close: 'M6 6l12 12M18 6L6 18',
  plus: 'M12 5v14M5 12h14',
  send: 'M4 12l16-8-6 16-2-7z',
  stop: 'M7 7h10v10H7z',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  up: 'M7 11v9H4v-9zM7 11l4-7c1.5 0 2.5 1 2 3l-1 3h6c1 0 2 1 1.7 2.2l-1.6 6c-.3 1-1 1.8-2.1 1.8H7',
  down: 'M7 13V4H4v9zM7 13l4 7c1.5 0 2.5-1 2-3l-1-3h6c1 0 2-1 1.7-2.2l-1.6-6C17.8 4.8 17.1 4 16 4H7',
  retry: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4h4',
};

function readSaved(key: string): SavedConversation {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as SavedConversation | null;
    const messages = Array.isArray(saved?.messages)
      ? saved.messages.filter((message) => typeof message?.id === 'string' && (message.role === 'user' || message.role === 'assistant') && Array.isArray(message.parts))
      : [];
    return { id: typeof saved?.id === 'string' ? saved.id : undefined, messages, feedback: saved?.feedback && typeof saved.feedback === 'object' ? saved.feedback : {} };
  } catch {
    return { messages: [], feedback: {} };
  }
}

function formatDate(value: string | undefined, language: string): string | undefined {
  if (!value) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', ...(dateOnly ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** What went wrong, in the reader's language, and the server's own words when it sent some. */
function describeError(error: Error | undefined, labels: Labels): { text: string; detail?: string } {
  const apiError = error as (Error & { statusCode?: number; responseBody?: string }) | undefined;
  let code: string | undefined;
  let message: string | undefined;
  try {
    const body = JSON.parse(apiError?.responseBody ?? '') as { error?: { code?: unknown; message?: unknown } };
    code = typeof body.error?.code === 'string' ? body.error.code : undefined;
    message = typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    message = apiError?.statusCode ? undefined : apiError?.message;
  }
  if (code === 'forbidden:origin' || apiError?.statusCode === 403) return { text: labels.forbidden, detail: message };
  if (!navigator.onLine) return { text: labels.offline };
  if (apiError?.statusCode === 429) return { text: labels.rateLimited };
  if (error?.name === 'TypeError') return { text: labels.failed };
  return { text: labels.failed, detail: message && message.length < 300 ? message : undefined };
}

/**
 * Mounts the widget in an open shadow root: a launcher and a floating dialog, or a panel inside
 * `options.inline`. The conversation persists per site and API in localStorage.
 */
export function createWidget(document: Document, options: WidgetOptions): WidgetHandle {
  const labels = allLabels[options.language];
  const storageKey = `cited-answers:v1:${options.apiBase}`;
  const saved = readSaved(storageKey);
  const feedback = new Map<string, Rating>(Object.entries(saved.feedback));
  const inlineTarget = options.inline ? document.querySelector(options.inline) : null;
  const inline = inlineTarget !== null;

  const element = <Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes: Record<string, string> = {}, ...children: Array<Node | string>) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const icon = (name: keyof typeof icons) => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('fill', 'none');
    svg.setAttribute('stroke', 'currentColor');
    svg.setAttribute('stroke-width', '2');
    svg.setAttribute('stroke-linecap', 'round');
    svg.setAttribute('stroke-linejoin', 'round');
    const path = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'path'));
    path.setAttribute('d', icons[name]);
    return svg;
  };
  const iconButton = (name: keyof typeof icons, label: string, attributes: Record<string, string> = {}, text?: string) =>
    element('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, ...attributes }, icon(name), ...(text ? [text] : []));

  // The shadow tree.
  const host = element('cited-answers-widget' as 'div');
  const shadow = host.attachShadow({ mode: 'open' });
  const title = options.title ?? labels.title;
  const launcher = element('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'ca-panel', 'aria-label': labels.open }, icon('chat'), element('span', {}, title));
  const newButton = iconButton('plus', labels.newConversation);
  const closeButton = iconButton('close', labels.close);
  const messagesView = element('div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': labels.conversation, tabindex: '0' });
  const statusRegion = element('div', { class: 'sr-only', role: 'status' });
  const alertText = element('p');
  const alertRetry = element('button', { type: 'button' }, labels.retry);
  const alertBox = element('div', { class: 'alert', role: 'alert', hidden: '' }, alertText, alertRetry);
  const input = element('textarea', { id: 'ca-input', rows: '1', placeholder: labels.placeholder, maxlength: String(maxQuestionLength), 'aria-describedby': 'ca-shortcuts', enterkeyhint: 'send' });
  const sendButton = element('button', { type: 'submit', class: 'send', 'aria-label': labels.send, title: labels.send }, icon('send'));
  const form = element('form', {}, element('label', { class: 'sr-only', for: 'ca-input' }, labels.question), input, sendButton);
  const tip = element('div', { class: 'tip', hidden: '', 'aria-hidden': 'true' });
  const panel = element(
    'section',
    { id: 'ca-panel', class: 'panel', role: inline ? 'region' : 'dialog', 'aria-labelledby': 'ca-title' },
    element('header', {}, element('h2', { id: 'ca-title' }, title), newButton, ...(inline ? [] : [closeButton])),
    messagesView,
    alertBox,
    form,
    element('p', { class: 'footer' }, element('span', { id: 'ca-shortcuts', class: 'sr-only' }, labels.shortcuts), labels.footer),
    statusRegion,
    tip,
  );
  const root = element('div', { class: `root ${inline ? 'inline' : `floating${options.position === 'bottom-left' ? ' left' : ''}`}`, lang: options.language });
  if (inline) root.append(panel);
  else root.append(panel, launcher);
  shadow.append(element('style', {}, widgetStyles), root);
  (inlineTarget ?? document.body).appendChild(host);

  // The chat.
  let renderScheduled = false;
  let lastStatus = 'ready';
  let stoppedMessageId: string | undefined;
  const save = () => {
    try {
      const messages = chat.messages.slice(-maxSavedMessages);
      const kept = new Set(messages.map((message) => message.id));
      const ratings = Object.fromEntries([...feedback].filter(([id]) => kept.has(id)));
      if (messages.length) localStorage.setItem(storageKey, JSON.stringify({ id: chat.id, messages, feedback: ratings }));
      else localStorage.removeItem(storageKey);
    } catch {
      // Storage may be full or disabled; the conversation still works for this page view.
    }
  };
  const scheduleRender = () => {
    if (renderScheduled) return;
    renderScheduled = true;
    setTimeout(() => {
      renderScheduled = false;
      render();
    }, 16);
  };
  const chat = new WidgetChat({ apiBase: options.apiBase, id: saved.id, messages: saved.messages, onChange: scheduleRender });
  const busy = () => chat.status === 'submitted' || chat.status === 'streaming';

  const send = (text: string) => {
    const question = text.trim().slice(0, maxQuestionLength);
    if (!question || busy()) return;
    stoppedMessageId = undefined;
    chat.clearError();
    input.value = '';
    resizeInput();
    void chat.sendMessage({ text: question });
  };
  const retry = () => {
    stoppedMessageId = undefined;
    if (chat.messages.length) void chat.regenerate();
  };

  // Citation chips, their descriptions and the shared tooltip.
  const chipCitations = new WeakMap<Element, CitationData>();
  const describeCitation = (citation: CitationData) =>
    [citation.title, citation.outlet, formatDate(citation.publishedAt, options.language)].filter(Boolean).join(' · ');
  const createChip = (citation: CitationData, descriptionId: string) => {
    const href = buildSourceHref(citation);
    const chip = href
      ? element('a', { class: 'chip', href, target: '_blank', rel: 'noopener noreferrer' }, String(citation.n))
      : element('span', { class: 'chip', tabindex: '0' }, String(citation.n));
    chip.setAttribute('aria-label', `${labels.source} ${citation.n}: ${citation.title}`);
    chip.setAttribute('aria-describedby', descriptionId);
    chipCitations.set(chip, citation);
    return chip;
  };
  let tipHideTimer: ReturnType<typeof setTimeout> | undefined;
  const showTip = (chip: Element) => {
    const citation = chipCitations.get(chip);
    if (!citation) return;
    clearTimeout(tipHideTimer);
    tip.replaceChildren(
      ...(citation.quote ? [element('q', {}, citation.quote)] : []),
      element('div', { class: 'tip-title' }, citation.title),
      element('div', { class: 'tip-meta' }, [citation.outlet, formatDate(citation.publishedAt, options.language)].filter(Boolean).join(' · ')),
    );
    tip.hidden = false;
    const panelBox = panel.getBoundingClientRect();
    const chipBox = chip.getBoundingClientRect();
    const left = Math.max(12, Math.min(chipBox.left - panelBox.left - 20, panelBox.width - tip.offsetWidth - 12));
    const above = chipBox.top - panelBox.top - tip.offsetHeight - 8;
    // Above the chip unless that would cover the header; then below it.
    tip.style.left = `${left}px`;
    tip.style.top = `${above > messagesView.offsetTop ? above : chipBox.bottom - panelBox.top + 8}px`;
  };
  const hideTip = () => {
    clearTimeout(tipHideTimer);
    tipHideTimer = setTimeout(() => (tip.hidden = true), 120);
  };
  panel.addEventListener('mouseover', (event) => {
    const chip = (event.target as Element).closest?.('.chip');
    if (chip) showTip(chip);
  });
  panel.addEventListener('mouseout', (event) => {
    if ((event.target as Element).closest?.('.chip')) hideTip();
  });
  panel.addEventListener('focusin', (event) => {
    const chip = (event.target as Element).closest?.('.chip');
    if (chip) showTip(chip);
  });
  panel.addEventListener('focusout', (event) => {
    if ((event.target as Element).closest?.('.chip')) hideTip();
  });

  // Feedback and copying.
  const questionFor = (index: number) => {
    for (let position = index - 1; position >= 0; position--) {
      const message = chat.messages[position]!;
      if (message.role === 'user') return messageText(message);
    }
    return '';
  };
  const postFeedback = async (message: WidgetMessage, rating: Rating, note: HTMLElement, comment?: string) => {
    const index = chat.messages.findIndex((candidate) => candidate.id === message.id);
    const citations = readCitations(message.parts).map(({ n, docId, paragraph, title: citationTitle, url, quote, start, end }) => ({ n, docId, paragraph, title: citationTitle.slice(0, 500), url: url.slice(0, 2_000), quote: quote.slice(0, 4_000), start, end }));
    try {
      const response = await fetch(`${options.apiBase}/api/feedback`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          messageId: message.id,
          rating,
          ...(comment ? { comment: comment.slice(0, 2_000) } : {}),
          question: (questionFor(index) || '?').slice(0, maxQuestionLength),
          answer: messageText(message).slice(0, 20_000),
          citations: citations.slice(0, 30),
        }),
      });
      if (!response.ok) throw new Error(`feedback ${response.status}`);
      feedback.set(message.id, rating);
      save();
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

  // Rendering: one element per message, rebuilt only when its content changes.
  const rendered = new Map<string, { node: HTMLElement; signature: string }>();
  const emptyState = element(
    'div',
    { class: 'empty' },
    element('p', { class: 'lead' }, labels.emptyTitle),
    element('p', {}, labels.emptyHint),
    element('p', { class: 'sr-only' }, labels.examples),
    element('div', { class: 'examples' }, ...exampleQuestions.map((question) => element('button', { type: 'button', class: 'example', 'data-question': question }, question))),
  );
  const typing = element('div', { class: 'message assistant typing' }, element('span', { class: 'dots', 'aria-hidden': 'true' }, element('i'), element('i'), element('i')), labels.searching);

  const renderAssistant = (message: WidgetMessage, index: number, isLast: boolean): HTMLElement => {
    const key = message.id.replace(/[^A-Za-z0-9_-]/g, '');
    const citations = readCitations(message.parts);
    const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
    const descriptionId = (n: number) => `ca-d-${key}-${n}`;
    const article = element('article', { class: 'message assistant', 'aria-label': labels.answer });
    const streaming = isLast && busy();
    if (message.metadata?.refused) article.append(element('p', { class: 'notice' }, labels.refused));
    const bubble = article.appendChild(element('div', { class: 'bubble' }));
    bubble.append(renderMarkdown(parseMarkdown(messageText(message), options.apiBase), document, (n) => {
      const citation = byNumber.get(n);
      return citation ? createChip(citation, descriptionId(n)) : undefined;
    }));
    if (message.metadata?.interrupted) article.append(element('p', { class: 'notice' }, labels.interrupted));
    else if (message.id === stoppedMessageId) article.append(element('p', { class: 'notice' }, labels.stopped));
    if (citations.length) {
      const list = element('ul');
      for (const citation of citations) {
        const href = buildSourceHref(citation);
        const meta = [citation.outlet, formatDate(citation.publishedAt, options.language)].filter(Boolean).join(' · ');
        list.append(
          element(
            'li',
            {},
            createChip(citation, descriptionId(citation.n)),
            element('span', {}, href ? element('a', { href, target: '_blank', rel: 'noopener noreferrer' }, citation.title) : citation.title, ...(meta ? [' ', element('span', { class: 'meta' }, meta)] : [])),
            element('span', { class: 'sr-only', id: descriptionId(citation.n) }, [citation.quote, describeCitation(citation)].filter(Boolean).join(' — ')),
          ),
        );
      }
      article.append(element('div', { class: 'sources' }, element('h3', {}, labels.sources), list));
    }
    if (!streaming && messageText(message).trim()) {
      const note = element('span', { class: 'status-text', role: 'status' });
      const rating = feedback.get(message.id);
      const copy = iconButton('copy', labels.copy, { 'data-focus': `copy-${key}` });
      const up = iconButton('up', labels.helpful, { 'aria-pressed': String(rating === 'up'), 'data-focus': `up-${key}` });
      const down = iconButton('down', labels.notHelpful, { 'aria-pressed': String(rating === 'down'), 'data-focus': `down-${key}` });
      const actions = element('div', { class: 'actions' }, copy, up, down);
      if (isLast) {
        const again = iconButton('retry', labels.retry, { 'data-focus': `retry-${key}` });
        again.addEventListener('click', retry);
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
        const comment = element('textarea', { id: `ca-c-${key}`, maxlength: '2000', rows: '2' });
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
      article.append(actions);
    }
    void index;
    return article;
  };

  const render = () => {
    const { messages, status } = chat;
    const hadFocus = shadow.activeElement instanceof HTMLElement ? shadow.activeElement.dataset.focus : undefined;
    const nearBottom = messagesView.scrollHeight - messagesView.scrollTop - messagesView.clientHeight < 80;
    const wanted: HTMLElement[] = [];
    if (!messages.length && status !== 'error') wanted.push(emptyState);
    messages.forEach((message, index) => {
      const isLast = index === messages.length - 1;
      const signature = JSON.stringify([message.parts, message.metadata, isLast && status, feedback.get(message.id), message.id === stoppedMessageId]);
      const existing = rendered.get(message.id);
      if (existing?.signature === signature) return wanted.push(existing.node);
      const node =
        message.role === 'user'
          ? element('article', { class: 'message user', 'aria-label': labels.you }, messageText(message))
          : renderAssistant(message, index, isLast);
      rendered.set(message.id, { node, signature });
      existing?.node.replaceWith(node);
      wanted.push(node);
    });
    const last = messages[messages.length - 1];
    const waiting = status === 'submitted' || (status === 'streaming' && (last?.role !== 'assistant' || !messageText(last).trim()));
    if (waiting) wanted.push(typing);
    const ids = new Set(messages.map((message) => message.id));
    for (const [id, entry] of rendered) {
      if (!ids.has(id)) {
        entry.node.remove();
        rendered.delete(id);
      }
    }
    for (const node of [...messagesView.children]) if (!wanted.includes(node as HTMLElement)) node.remove();
    wanted.forEach((node, position) => {
      if (messagesView.children[position] !== node) messagesView.insertBefore(node, messagesView.children[position] ?? null);
    });
    messagesView.setAttribute('aria-busy', String(busy()));
    if (hadFocus && shadow.activeElement === null) (shadow.querySelector(`[data-focus="${hadFocus}"]`) as HTMLElement | null)?.focus();

    const showAlert = status === 'error';
    alertBox.hidden = !showAlert;
    if (showAlert) {
      const { text, detail } = describeError(chat.error, labels);
      alertText.replaceChildren(text, ...(detail ? [element('small', {}, detail)] : []));
    }
    sendButton.replaceChildren(icon(busy() ? 'stop' : 'send'));
    sendButton.setAttribute('aria-label', busy() ? labels.stop : labels.send);
    sendButton.title = busy() ? labels.stop : labels.send;
    if (status !== lastStatus) {
      statusRegion.textContent = status === 'submitted' ? labels.searching : status === 'ready' && lastStatus !== 'ready' && last?.role === 'assistant' ? labels.answerReady : '';
      lastStatus = status;
      save();
    }
    if (nearBottom || waiting) messagesView.scrollTop = messagesView.scrollHeight;
  };

  // Events.
  const resizeInput = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  };
  input.addEventListener('input', resizeInput);
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; an IME composing Chinese also uses Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send(input.value);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy()) {
      stoppedMessageId = chat.lastMessage?.role === 'assistant' ? chat.lastMessage.id : undefined;
      void chat.stop();
      scheduleRender();
    } else send(input.value);
  });
  alertRetry.addEventListener('click', retry);
  messagesView.addEventListener('click', (event) => {
    const example = (event.target as Element).closest?.('.example') as HTMLElement | null;
    if (example?.dataset.question) send(example.dataset.question);
  });
  newButton.addEventListener('click', () => {
    void chat.stop();
    chat.messages = [];
    chat.clearError();
    feedback.clear();
    stoppedMessageId = undefined;
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // Nothing to forget.
    }
    input.focus();
  });
  const open = () => {
    if (!inline) {
      panel.hidden = false;
      launcher.hidden = true;
      launcher.setAttribute('aria-expanded', 'true');
      root.classList.add('is-open');
    }
    render();
    input.focus();
  };
  const close = () => {
    if (inline) return;
    tip.hidden = true;
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    root.classList.remove('is-open');
    launcher.focus();
  };
  launcher.addEventListener('click', open);
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (!tip.hidden) {
      tip.hidden = true;
      return;
    }
    close();
  });
  addEventListener('online', scheduleRender);
  addEventListener('offline', scheduleRender);

  if (!inline && !options.open) panel.hidden = true;
  if (!inline && options.open) {
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    root.classList.add('is-open');
  }
  render();

  return {
    open,
    close,
    ask(question) {
      open();
      send(question);
    },
  };
}
