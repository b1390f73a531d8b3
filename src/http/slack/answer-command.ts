import { answerQuestion } from '../../engine/answer-question.js';
import { buildAnswerMessages } from './format-slack-answer.js';
import { describeError, slackTexts, type SlackHandlerContext } from './slack-deps.js';

export interface CommandQuestion {
  text: string;
  responseUrl: string;
  userId: string;
  channelId: string;
}

/**
 * Answers `/ask <question>` through the command's response_url: an ephemeral answer with its
 * sources, a "Share in channel" button and feedback buttons. Never rejects.
 */
export async function answerCommand(context: SlackHandlerContext, command: CommandQuestion): Promise<void> {
  const { api, log, requestId } = context;
  const fields = { requestId, channel: command.channelId, user: command.userId };
  try {
    const final = await answerQuestion(context.answer, { question: command.text, baseUrl: context.publicBaseUrl, requestId });
    const id = crypto.randomUUID();
    const delivered = { question: command.text, answer: final.answer, refused: final.refused, citations: final.citations };
    context.answers.set(id, delivered);
    for (const message of buildAnswerMessages(delivered, { id, share: true, showQuestion: true })) {
      await api.respond(command.responseUrl, { response_type: 'ephemeral', ...message });
    }
    log.info('slack-command-answer', { ...fields, mode: final.mode, refused: final.refused, citations: final.citations.length });
  } catch (error) {
    log.error('slack-command-failed', { ...fields, ...describeError(error) });
    await api
      .respond(command.responseUrl, { response_type: 'ephemeral', text: slackTexts.apology })
      .catch((apologyError: unknown) => log.error('slack-apology-failed', { ...fields, ...describeError(apologyError) }));
  }
}
