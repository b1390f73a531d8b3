import type { ChatTurn } from '../../core/types.js';
import { streamAnswer, type FinalAnswer } from '../../engine/answer-question.js';
import { buildAnswerMessages, escapeMrkdwn, slackLimits, toSlackMrkdwn } from './format-slack-answer.js';
import { readSlackText } from './read-slack-text.js';
import { describeError, slackTexts, type SlackHandlerContext } from './slack-deps.js';

/** A question asked in a channel (by mention) or a DM, to be answered in its thread. */
export interface ThreadQuestion {
  eventId: string;
  channel: string;
  /** The question message's own ts. */
  ts: string;
  /** Set when the question was itself asked inside a thread: then the thread is its history. */
  threadTs?: string;
  user?: string;
  /** The question as plain text, mentions removed. */
  text: string;
}

const maxHistoryTurns = 10;
const botTexts = new Set<string>([slackTexts.placeholder, slackTexts.help, slackTexts.apology]);

/** The thread before the question, as chat turns: the bot's messages are the assistant's. */
async function loadThreadHistory(context: SlackHandlerContext, question: ThreadQuestion): Promise<ChatTurn[]> {
  try {
    const messages = await context.api.replies({ channel: question.channel, ts: question.threadTs!, limit: 50 });
    const turns: ChatTurn[] = [];
    for (const message of messages) {
      if (Number(message.ts) >= Number(question.ts)) continue;
      const fromBot = Boolean(message.botId) || message.subtype === 'bot_message';
      if (message.subtype && !fromBot) continue;
      const content = readSlackText(message.text).slice(0, 2_000);
      if (!content || (fromBot && botTexts.has(content))) continue;
      turns.push({ role: fromBot ? 'assistant' : 'user', content });
    }
    return turns.slice(-maxHistoryTurns);
  } catch (error) {
    context.log.warn('slack-history-failed', { requestId: context.requestId, eventId: question.eventId, ...describeError(error) });
    return [];
  }
}

function progressText(text: string): string {
  const mrkdwn = toSlackMrkdwn(text);
  return `${mrkdwn.length > slackLimits.sectionText ? mrkdwn.slice(0, slackLimits.sectionText) : mrkdwn} …`;
}

/**
 * Answers a question in its thread: posts a placeholder at once, streams the answer into it
 * with chat.update at most once per `updateIntervalMs`, then replaces it with the final
 * verified answer, its sources and feedback buttons. Any failure is logged and the user gets
 * a short apology; this never rejects.
 */
export async function answerInThread(context: SlackHandlerContext, question: ThreadQuestion): Promise<void> {
  const { api, log, requestId } = context;
  const { channel } = question;
  const threadTs = question.threadTs ?? question.ts;
  const fields = { requestId, eventId: question.eventId, channel };
  let placeholderTs: string | undefined;
  try {
    if (!question.text) {
      await api.postMessage({ channel, threadTs, text: slackTexts.help });
      return;
    }
    placeholderTs = (await api.postMessage({ channel, threadTs, text: slackTexts.placeholder })).ts;
    const history = question.threadTs ? await loadThreadHistory(context, question) : [];

    let shown = '';
    let lastUpdate = Date.now();
    let interruption: string | undefined;
    let final: FinalAnswer | undefined;
    for await (const event of streamAnswer(context.answer, { question: question.text, history, baseUrl: context.publicBaseUrl, requestId })) {
      if (event.type === 'text-delta') {
        shown += event.delta;
        if (Date.now() - lastUpdate >= context.updateIntervalMs) {
          lastUpdate = Date.now();
          // A failed progress update costs nothing: the final update carries the whole answer.
          await api.update({ channel, ts: placeholderTs, text: progressText(shown) }).catch((error: unknown) => log.warn('slack-progress-update-failed', { ...fields, ...describeError(error) }));
          lastUpdate = Date.now();
        }
      } else if (event.type === 'error') {
        interruption = event.message;
      } else if (event.type === 'finish') {
        final = event.answer;
      }
    }
    if (!final) throw new Error('the answer stream ended without a final answer');

    const id = crypto.randomUUID();
    const answerText = interruption ? `${final.answer}\n\n_${escapeMrkdwn(interruption)}_` : final.answer;
    const delivered = { question: question.text, answer: answerText, refused: final.refused, citations: final.citations };
    context.answers.set(id, delivered);
    const [first, ...rest] = buildAnswerMessages(delivered, { id, share: false, showQuestion: false });
    await api.update({ channel, ts: placeholderTs, ...first! });
    for (const message of rest) await api.postMessage({ channel, threadTs, ...message });
    log.info('slack-answer', {
      ...fields,
      ts: placeholderTs,
      history: history.length,
      standaloneQuestion: final.standaloneQuestion,
      mode: final.mode,
      refused: final.refused,
      citations: final.citations.length,
    });
  } catch (error) {
    log.error('slack-answer-failed', { ...fields, ...describeError(error) });
    try {
      if (placeholderTs) await api.update({ channel, ts: placeholderTs, text: slackTexts.apology, blocks: [] });
      else await api.postMessage({ channel, threadTs, text: slackTexts.apology });
    } catch (apologyError) {
      log.error('slack-apology-failed', { ...fields, ...describeError(apologyError) });
    }
  }
}
