import { Hono } from 'hono';
import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { AppError } from '../core/app-error.js';
import { maxQuestionLength } from '../core/limits.js';
import type { ChatTurn } from '../core/types.js';
import { streamAnswer, type AnswerDeps, type AnswerEvent } from '../engine/answer-question.js';
import { withFollowUps } from '../engine/suggest-follow-ups.js';
import type { Logger } from '../ports.js';
import { logAnswer } from './log-answer.js';
import { readJsonBody } from './read-json-body.js';
import { chatBodySchema, type ChatBody } from './request-schemas.js';
import { toUIMessageParts } from './to-ui-message-parts.js';

export interface ChatRoutesOptions {
  answer: AnswerDeps;
  /** Public base URL for source links, without a trailing slash. */
  publicBaseUrl: string;
  log: Logger;
}

/** The question (the last user message) and the turns before it, from a `useChat` body. */
function toConversation(body: ChatBody): { question: string; history: ChatTurn[] } {
  const turns = body.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({
      role: message.role as ChatTurn['role'],
      content: message.parts.filter((part) => part.type === 'text').map((part) => part.text ?? '').join(''),
    }));
  // System messages are dropped, so a body of only those has no question at all.
  const last = turns.pop();
  if (last?.role !== 'user') throw new AppError('bad_request:chat', 'messages: the last message must come from the user');
  const question = last.content.trim();
  if (!question) throw new AppError('bad_request:chat', 'messages: the last user message has no text');
  if (question.length > maxQuestionLength) {
    throw new AppError('bad_request:chat', `messages: the question must be at most ${maxQuestionLength} characters`);
  }
  return { question, history: turns.filter((turn) => turn.content.trim()) };
}

/** Passes the events through, logging the final answer as it goes by. */
async function* logOnFinish(events: AsyncIterable<AnswerEvent>, log: Logger, requestId: string): AsyncGenerator<AnswerEvent> {
  for await (const event of events) {
    if (event.type === 'finish') logAnswer(log, requestId, event.answer);
    yield event;
  }
}

/**
 * POST /api/chat: the answer as an AI SDK UI message stream for `useChat`. Mounted under the
 * app's /api origin gate and body limit.
 */
export function createChatRoutes(options: ChatRoutesOptions): Hono<{ Variables: { requestId: string } }> {
  const app = new Hono<{ Variables: { requestId: string } }>();
  const { log } = options;

  app.post('/api/chat', async (context) => {
    const body = await readJsonBody(context, chatBodySchema, 'chat');
    const { question, history } = toConversation(body);
    const requestId = context.get('requestId');
    const stream = createUIMessageStream({
      execute: async ({ writer }) => {
        const signal = context.req.raw.signal;
        const events = streamAnswer(options.answer, { question, history, baseUrl: options.publicBaseUrl, signal, requestId });
        const withSuggestions = withFollowUps(options.answer, logOnFinish(events, log, requestId), { history, signal, requestId });
        for await (const part of toUIMessageParts(withSuggestions, { textId: `text-${requestId}` })) writer.write(part);
      },
      onError: (error) => {
        log.error('chat-stream-failed', { requestId, error: (error as Error)?.message });
        return 'Something went wrong while answering. Please try again.';
      },
    });
    const response = createUIMessageStreamResponse({ stream });
    // The AI SDK sends `Connection: keep-alive`, which would override a client's
    // `Connection: close`; connection handling is the server's, so the header goes.
    response.headers.delete('connection');
    return response;
  });

  return app;
}
