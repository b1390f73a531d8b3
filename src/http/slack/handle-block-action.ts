import { formatSourceUrl } from '../../core/format-source-url.js';
import { answerQuestion } from '../../engine/answer-question.js';
import { actionIds, buildAnswerMessages, decodeAnswerRef, type AnswerRef } from './format-slack-answer.js';
import { readSlackText } from './read-slack-text.js';
import type { FeedbackInput } from '../../ports.js';
import { describeError, slackTexts, type DeliveredAnswer, type SlackHandlerContext } from './slack-deps.js';

/** One button press from a block_actions payload. */
export interface BlockAction {
  actionId: string;
  value?: string;
  userId: string;
  responseUrl?: string;
  channelId?: string;
  /** The ts of the message the button is on. */
  messageTs?: string;
  /** The message's fallback text, when Slack sends the message (it does not for ephemeral ones). */
  messageText?: string;
}

async function findAnswer(context: SlackHandlerContext, ref: AnswerRef): Promise<DeliveredAnswer> {
  const cached = context.answers.get(ref.id);
  if (cached) return cached;
  // Another instance (or a restart) delivered it: answer the question again.
  const final = await answerQuestion(context.answer, { question: ref.question, baseUrl: context.publicBaseUrl, requestId: context.requestId });
  const delivered = { question: ref.question, answer: final.answer, refused: final.refused, citations: final.citations };
  context.answers.set(ref.id, delivered);
  return delivered;
}

async function shareAnswer(context: SlackHandlerContext, action: BlockAction, ref: AnswerRef, responseUrl: string): Promise<void> {
  const delivered = await findAnswer(context, ref);
  for (const message of buildAnswerMessages(delivered, { id: ref.id, share: false, showQuestion: true, askedBy: action.userId })) {
    await context.api.respond(responseUrl, { response_type: 'in_channel', replace_original: false, ...message });
  }
  await context.api
    .respond(responseUrl, { delete_original: true })
    .catch((error: unknown) => context.log.warn('slack-delete-original-failed', { requestId: context.requestId, ...describeError(error) }));
}

async function recordFeedback(context: SlackHandlerContext, action: BlockAction, ref: AnswerRef, responseUrl: string | undefined): Promise<void> {
  const cached = context.answers.get(ref.id);
  const record: FeedbackInput = {
    messageId: action.messageTs ?? '',
    rating: action.actionId === actionIds.feedbackUp ? 'up' : 'down',
    question: cached?.question ?? ref.question,
    answer: cached?.answer ?? readSlackText(action.messageText ?? ''),
    citations: cached
      ? cached.citations.map(({ n, docId, paragraph, url, title, quote }) => ({ n, docId, paragraph, url, title, quote }))
      : ref.citations.map(({ n, docId, paragraph }) => ({ n, docId, paragraph, url: formatSourceUrl(context.publicBaseUrl, { docId, paragraph }) })),
    channel: 'slack',
  };
  if (context.feedback) await context.feedback.append(record);
  else context.log.warn('slack-feedback-not-stored', { requestId: context.requestId, messageId: record.messageId, rating: record.rating });
  context.log.info('slack-feedback', { requestId: context.requestId, messageId: record.messageId, rating: record.rating, user: action.userId, channel: action.channelId });
  if (responseUrl) {
    await context.api.respond(responseUrl, {
      response_type: 'ephemeral',
      replace_original: false,
      text: context.feedback ? slackTexts.feedbackThanks : slackTexts.feedbackUnavailable,
    });
  }
}

/** Handles "Share in channel" and the 👍/👎 buttons. Never rejects. */
export async function handleBlockAction(context: SlackHandlerContext, action: BlockAction): Promise<void> {
  const fields = { requestId: context.requestId, actionId: action.actionId, user: action.userId, channel: action.channelId };
  const ref = decodeAnswerRef(action.value);
  if (!ref) {
    context.log.warn('slack-action-ignored', { ...fields, reason: 'no answer reference' });
    return;
  }
  try {
    if (action.actionId === actionIds.share) {
      if (!action.responseUrl) throw new Error('share needs a response_url');
      await shareAnswer(context, action, ref, action.responseUrl);
    } else if (action.actionId === actionIds.feedbackUp || action.actionId === actionIds.feedbackDown) {
      await recordFeedback(context, action, ref, action.responseUrl);
    }
  } catch (error) {
    context.log.error('slack-action-failed', { ...fields, ...describeError(error) });
    if (action.responseUrl) {
      await context.api
        .respond(action.responseUrl, { response_type: 'ephemeral', replace_original: false, text: slackTexts.apology })
        .catch((apologyError: unknown) => context.log.error('slack-apology-failed', { ...fields, ...describeError(apologyError) }));
    }
  }
}
