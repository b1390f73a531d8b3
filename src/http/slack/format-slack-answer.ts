import type { Citation } from '../../core/types.js';
import type { SlackBlock } from '../../ports.js';

/** Slack's limits: characters in a section's text, blocks in a message, elements in a context block. */
export const slackLimits = { sectionText: 3_000, blocksPerMessage: 50, contextElements: 10, buttonValue: 2_000 } as const;

export const actionIds = { share: 'share_answer', feedbackUp: 'feedback_up', feedbackDown: 'feedback_down' } as const;

/**
 * Escapes text for mrkdwn: `&`, `<` and `>` become entities, so nothing in it can become a
 * mention (`<!channel>`), a link (`<https://…|label>`) or a user ping.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Converts the answer's Markdown-ish text to escaped Slack mrkdwn: `**bold**` → `*bold*`,
 * headings → bold lines, `[label](url)` → `label (url)` so no link hides its target.
 * Citation markers `[1]` are kept as they are.
 */
export function toSlackMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '*$1*')
    .replace(/__(?=\S)([^_\n]+?)__/g, '_$1_')
    .replace(/^#{1,6}[ \t]+(.+)$/gm, '*$1*')
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
}

/** Splits text into pieces of at most `max` characters, at a blank line, line end or space when it can. */
export function splitText(text: string, max: number = slackLimits.sectionText): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((index) => index > max / 2) ?? max;
    // Never cut inside an entity such as &amp;.
    const entity = /&[a-z]{0,4}$/.exec(rest.slice(0, cut));
    const end = entity && entity.index > 0 ? entity.index : cut;
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function formatSource(citation: Pick<Citation, 'n' | 'url' | 'title' | 'docId' | 'quote'>): string {
  const title = escapeMrkdwn(truncate(citation.title || citation.docId, 150)).replace(/\|/g, '¦');
  const quote = citation.quote ? ` — “${escapeMrkdwn(truncate(citation.quote.replace(/\s+/g, ' '), 280))}”` : '';
  return `*[${citation.n}]* <${escapeMrkdwn(citation.url)}|${title}>${quote}`;
}

/** A reference to an answer, carried in button values: an id for the server's cache, the question, and the cited paragraphs. */
export interface AnswerRef {
  id: string;
  question: string;
  citations: Array<{ n: number; docId: string; paragraph: number }>;
}

/** Encodes an AnswerRef to fit Slack's 2,000-character button value, shortening the question first. */
export function encodeAnswerRef(ref: AnswerRef): string {
  const citations = ref.citations.slice(0, 20).map((citation) => [citation.n, citation.docId, citation.paragraph]);
  for (let questionLength = 600; ; questionLength = Math.floor(questionLength / 2)) {
    const value = JSON.stringify({ i: ref.id, q: ref.question.slice(0, questionLength), c: citations });
    if (value.length <= slackLimits.buttonValue) return value;
    if (questionLength === 0) citations.pop();
  }
}

/** Decodes a button value; returns undefined for anything that is not an AnswerRef. */
export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { i?: unknown; q?: unknown; c?: unknown };
    if (typeof parsed.i !== 'string' || typeof parsed.q !== 'string' || !Array.isArray(parsed.c)) return undefined;
    const citations = parsed.c
      .filter((entry): entry is [number, string, number] => Array.isArray(entry) && typeof entry[0] === 'number' && typeof entry[1] === 'string' && typeof entry[2] === 'number')
      .map(([n, docId, paragraph]) => ({ n, docId, paragraph }));
    return { id: parsed.i, question: parsed.q, citations };
  } catch {
    return undefined;
  }
}

export interface AnswerBlocksInput {
  answer: string;
  refused: boolean;
  citations: Array<Pick<Citation, 'n' | 'url' | 'title' | 'docId' | 'quote'>>;
  /** Shown above the answer (slash commands and shared answers, where the question is not in view). */
  question?: string;
  /** A Slack user id shown as the asker of a shared answer. */
  askedBy?: string;
}

/** The answer as blocks: optional question, answer sections, and the Sources context blocks. */
export function buildAnswerBlocks(input: AnswerBlocksInput): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  if (input.question) {
    const asker = input.askedBy && /^[UW][A-Z0-9]{2,}$/.test(input.askedBy) ? `<@${input.askedBy}> asked` : 'Question';
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`*${asker}:* ${escapeMrkdwn(input.question)}`, slackLimits.sectionText) }] });
  }
  for (const piece of splitText(toSlackMrkdwn(input.answer.trim() || ' '))) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  }
  if (!input.refused && input.citations.length > 0) {
    const lines = input.citations.map(formatSource);
    const elements = [{ type: 'mrkdwn', text: '*Sources*' }, ...lines.map((text) => ({ type: 'mrkdwn', text }))];
    for (let index = 0; index < elements.length; index += slackLimits.contextElements) {
      blocks.push({ type: 'context', elements: elements.slice(index, index + slackLimits.contextElements) });
    }
  }
  return blocks;
}

/** The 👍/👎 buttons, and "Share in channel" when the answer is only visible to the asker. */
export function buildActionsBlock(ref: AnswerRef, options: { share: boolean }): SlackBlock {
  const value = encodeAnswerRef(ref);
  const elements: SlackBlock[] = [];
  if (options.share) elements.push({ type: 'button', action_id: actionIds.share, text: { type: 'plain_text', text: 'Share in channel' }, style: 'primary', value });
  elements.push(
    { type: 'button', action_id: actionIds.feedbackUp, text: { type: 'plain_text', text: '👍', emoji: true }, value, accessibility_label: 'Helpful answer' },
    { type: 'button', action_id: actionIds.feedbackDown, text: { type: 'plain_text', text: '👎', emoji: true }, value, accessibility_label: 'Unhelpful answer' },
  );
  return { type: 'actions', block_id: 'answer_actions', elements };
}

/** Splits blocks into messages of at most 50 blocks each. */
export function splitIntoMessages(blocks: SlackBlock[], max: number = slackLimits.blocksPerMessage): SlackBlock[][] {
  const messages: SlackBlock[][] = [];
  for (let index = 0; index < blocks.length; index += max) messages.push(blocks.slice(index, index + max));
  return messages.length ? messages : [[]];
}

/** The plain-text fallback of an answer message: notifications and screen readers use it. */
export function buildFallbackText(answer: string): string {
  return truncate(toSlackMrkdwn(answer.trim()), slackLimits.sectionText);
}

/**
 * The messages that carry one answer: its blocks, then the action buttons, split at 50 blocks
 * per message, each with a fallback text.
 */
export function buildAnswerMessages(
  answer: { answer: string; refused: boolean; citations: Citation[]; question: string },
  options: { id: string; share: boolean; showQuestion: boolean; askedBy?: string },
): Array<{ text: string; blocks: SlackBlock[] }> {
  const blocks = buildAnswerBlocks({
    answer: answer.answer,
    refused: answer.refused,
    citations: answer.citations,
    question: options.showQuestion ? answer.question : undefined,
    askedBy: options.askedBy,
  });
  blocks.push(buildActionsBlock({ id: options.id, question: answer.question, citations: answer.citations }, { share: options.share }));
  return splitIntoMessages(blocks).map((messageBlocks, index) => ({
    text: index === 0 ? buildFallbackText(answer.answer) : '(continued)',
    blocks: messageBlocks,
  }));
}
