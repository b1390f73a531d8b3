import { createAnswerActions } from './create-answer-actions.js';
import { createCitationTooltip } from './create-citation-tooltip.js';
import { createConversationStore, type Rating } from './create-conversation-store.js';
import { createDomHelpers } from './create-dom-helpers.js';
import { createScrollFollower } from './create-scroll-follower.js';
import { describeCorpus } from './describe-corpus.js';
import { describeError } from './describe-error.js';
import { exampleQuestions, labels as allLabels } from './labels.js';
import type { WidgetOptions, WidgetTheme } from './read-widget-options.js';
import { renderAnswer, renderExamples, type AnswerView } from './render-answer.js';
import { maxQuestionLength } from '../core/limits.js';
import { messageText, WidgetChat } from './widget-chat.js';
import { widgetStyles } from './widget-styles.js';

export interface WidgetHandle {
  open(): void;
  close(): void;
  ask(question: string): void;
  setTheme(theme: WidgetTheme): void;
}

/**
 * Mounts the widget in an open shadow root: a launcher and a floating dialog, or a panel inside
 * `options.inline`. The conversation persists per site and API in localStorage.
 */
export function createWidget(document: Document, options: WidgetOptions): WidgetHandle {
  const labels = allLabels[options.language];
  const examples = exampleQuestions[options.language];
  const store = createConversationStore(`cited-answers:v1:${options.apiBase}`);
  const saved = store.read();
  const feedback = new Map<string, Rating>(Object.entries(saved.feedback));
  const inlineTarget = options.inline ? document.querySelector(options.inline) : null;
  const inline = inlineTarget !== null;
  const dom = createDomHelpers(document);
  const { element, icon, iconButton } = dom;

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
  const form = element('form', { class: 'composer' }, element('label', { class: 'sr-only', for: 'ca-input' }, labels.question), input, sendButton);
  const panel = element(
    'section',
    { id: 'ca-panel', class: 'panel', role: inline ? 'region' : 'dialog', 'aria-labelledby': 'ca-title' },
    element('header', {}, element('h2', { id: 'ca-title' }, title), newButton, ...(inline ? [] : [closeButton])),
    messagesView,
    alertBox,
    form,
    element('p', { class: 'footer' }, element('span', { id: 'ca-shortcuts', class: 'sr-only' }, labels.shortcuts), labels.footer),
    statusRegion,
  );
  const tooltip = createCitationTooltip({ dom, panel, messagesView, labels, language: options.language });
  const root = element('div', { class: `root ${inline ? 'inline' : `floating${options.position === 'bottom-left' ? ' left' : ''}`}`, lang: options.language });
  if (inline) root.append(panel);
  else root.append(panel, launcher);
  shadow.append(element('style', {}, widgetStyles), root);
  (inlineTarget ?? document.body).appendChild(host);

  // The chat.
  let renderScheduled = false;
  let lastStatus = 'ready';
  let stoppedMessageId: string | undefined;
  const save = () => store.save({ id: chat.id, messages: chat.messages, feedback: Object.fromEntries(feedback) });
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
    scrollFollower.follow();
    chat.clearError();
    input.value = '';
    resizeInput();
    void chat.sendMessage({ text: question });
  };
  const retry = () => {
    stoppedMessageId = undefined;
    if (chat.messages.length) void chat.regenerate();
  };
  // The "what I know" line: asked for once, when the panel is first shown.
  let knows = '';
  let corpusRequested = false;
  const loadCorpus = () => {
    if (corpusRequested) return;
    corpusRequested = true;
    void fetch(`${options.apiBase}/api/corpus`, { credentials: 'omit' })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((corpus: unknown) => {
        const line = describeCorpus(corpus, labels, options.language);
        if (!line) return;
        knows = line;
        // The empty state may be out of the tree now, so it is updated by reference.
        emptyKnows.textContent = knows;
        for (const line of shadow.querySelectorAll('.knows')) line.textContent = knows;
      })
      .catch(() => {
        // Without it the widget works the same, only without the line.
      });
  };
  const answerView: AnswerView = {
    dom,
    labels,
    language: options.language,
    apiBase: options.apiBase,
    examples,
    knows: () => knows,
    createChip: tooltip.createChip,
    createActions: createAnswerActions({ dom, labels, apiBase: options.apiBase, messages: () => chat.messages, feedback, onRated: save, retry }),
  };

  // Rendering: one element per message, rebuilt only when its content changes.
  const rendered = new Map<string, { node: HTMLElement; signature: string }>();
  const emptyKnows = element('p', { class: 'knows' });
  const emptyState = element(
    'div',
    { class: 'empty' },
    element('p', { class: 'lead' }, labels.emptyTitle),
    element('p', {}, labels.emptyHint),
    emptyKnows,
    element('p', { class: 'sr-only' }, labels.examples),
    renderExamples(dom, examples),
  );
  const typing = element('div', { class: 'message assistant typing' }, element('span', { class: 'dots', 'aria-hidden': 'true' }, element('i'), element('i'), element('i')), labels.searching);

  const scrollFollower = createScrollFollower(messagesView);

  const render = () => {
    const { messages, status } = chat;
    const hadFocus = shadow.activeElement instanceof HTMLElement ? shadow.activeElement.dataset.focus : undefined;
    const finished = status === 'ready' && lastStatus !== 'ready';
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
          : renderAnswer(message, { isLast, streaming: isLast && busy(), stopped: message.id === stoppedMessageId }, answerView);
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
      const { text, detail } = describeError(chat.error, labels, navigator.onLine);
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
    scrollFollower.update(finished && last?.role === 'assistant' ? rendered.get(last.id)?.node : undefined);
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
    store.clear();
    input.focus();
  });
  const open = () => {
    if (!inline) {
      panel.hidden = false;
      launcher.hidden = true;
      launcher.setAttribute('aria-expanded', 'true');
      root.classList.add('is-open');
    }
    loadCorpus();
    render();
    input.focus();
  };
  const close = () => {
    if (inline) return;
    tooltip.dismiss();
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
    if (!tooltip.dismiss()) close();
  });
  addEventListener('online', scheduleRender);
  addEventListener('offline', scheduleRender);

  const setTheme = (theme: WidgetTheme) => {
    if (theme === 'auto') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  };
  setTheme(options.theme);
  // On a phone an open panel covers the whole page, so it waits for the reader to open it.
  const startOpen = inline || (options.open && !matchMedia('(max-width: 480px)').matches);
  if (!startOpen) panel.hidden = true;
  else {
    if (!inline) {
      launcher.hidden = true;
      launcher.setAttribute('aria-expanded', 'true');
      root.classList.add('is-open');
    }
    loadCorpus();
  }
  render();

  return {
    open,
    close,
    ask(question) {
      open();
      send(question);
    },
    setTheme,
  };
}
