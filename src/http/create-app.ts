import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { AppError, isAppError } from '../core/app-error.js';
import type { ChatTurn } from '../core/types.js';
import { answerQuestion, streamAnswer, type AnswerDeps, type Logger } from '../engine/answer-question.js';
import type { PassageStore } from '../ports.js';
import { readJsonBody } from './read-json-body.js';
import { renderSourcePage } from './render-source-page.js';
import { askBodySchema, chatBodySchema, maxBodyBytes, maxQuestionLength, type ChatBody } from './request-schemas.js';
import type { FeedbackStore } from '../adapters/feedback-store.js';
import { createFeedbackRoutes } from './feedback-routes.js';
import { createWidgetRoutes } from './widget-routes.js';
import { createSlackApp } from './slack/create-slack-app.js';
import type { SlackDeps } from './slack/slack-deps.js';

export interface HealthInfo {
  retrieval: { mode: 'hybrid' | 'keyword'; reason: string };
  llm: { mode: 'llm' | 'extractive'; model?: string };
}

export interface AppDeps {
  answer: AnswerDeps;
  store: PassageStore;
  /** Public base URL for links, without a trailing slash. */
  publicBaseUrl: string;
  /** Origins (scheme://host[:port]) allowed to call the API from a browser, besides our own. */
  allowedOrigins: string[];
  health: HealthInfo;
  /** Verifies the index for /healthz, which answers 503 while it is not usable. */
  checkIndex?: () => Promise<{ state: string; usable: boolean; problems: string[] }>;
  log: Logger;
  /** Feedback from the widget; without it POST /api/feedback answers 404. */
  feedback?: { store: FeedbackStore; rateLimitPerMinute: number };
  /** Produces the widget bundle for GET /widget.js; without it the widget and demo page answer 404. */
  loadWidgetScript?: () => Promise<string>;
  /** Slack settings and API client; without them /slack/* answers 404. */
  slack?: SlackDeps;
}

type Env = { Variables: { requestId: string } };

const docIdPattern = /^[A-Za-z0-9._-]{1,200}$/;

function isAllowedOrigin(origin: string, deps: AppDeps, requestUrl: string): boolean {
  const own = [new URL(deps.publicBaseUrl).origin, new URL(requestUrl).origin];
  return own.includes(origin) || deps.allowedOrigins.includes(origin) || deps.allowedOrigins.includes('*');
}

function toConversation(body: ChatBody): { question: string; history: ChatTurn[] } {
  const turns = body.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({
      role: message.role as ChatTurn['role'],
      content: message.parts.filter((part) => part.type === 'text').map((part) => part.text ?? '').join(''),
    }));
  const last = turns.pop()!;
  if (last.role !== 'user') throw new AppError('bad_request:chat', 'messages: the last message must come from the user');
  const question = last.content.trim();
  if (!question) throw new AppError('bad_request:chat', 'messages: the last user message has no text');
  if (question.length > maxQuestionLength) {
    throw new AppError('bad_request:chat', `messages: the question must be at most ${maxQuestionLength} characters`);
  }
  return { question, history: turns.filter((turn) => turn.content.trim()) };
}

function findDocId(context: Context): string {
  const docId = context.req.param('docId') ?? '';
  if (!docIdPattern.test(docId)) throw new AppError('not_found:source', 'No such source document.');
  return docId;
}

/**
 * The HTTP app: the chat stream, the JSON ask API, source pages and health. Every dependency
 * is passed in, so tests build it with fakes and each runtime with its own adapters.
 */
export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const { log } = deps;

  app.use(requestId());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'self'"],
      },
      crossOriginResourcePolicy: false,
    }),
  );
  app.use(async (context, next) => {
    const started = performance.now();
    await next();
    log.info('request', {
      requestId: context.get('requestId'),
      method: context.req.method,
      path: context.req.path,
      status: context.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  // Browsers may call the API only from our own origin or one listed in ALLOWED_ORIGINS. A
  // refused origin still gets CORS headers on its 403, so the widget can show the reason.
  app.use('/api/*', async (context, next) => {
    const origin = context.req.header('origin');
    const allowed = !origin || isAllowedOrigin(origin, deps, context.req.url);
    if (origin) {
      context.header('Access-Control-Allow-Origin', origin);
      context.header('Vary', 'Origin');
    }
    if (context.req.method === 'OPTIONS') {
      // A refused origin's preflight succeeds too: a failed preflight would hide the reason from
      // the page, while the request itself is refused below with a readable 403.
      context.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      context.header('Access-Control-Allow-Headers', 'Content-Type');
      context.header('Access-Control-Max-Age', '600');
      return context.body(null, 204);
    }
    if (!allowed) throw new AppError('forbidden:origin', `Origin ${origin} is not allowed to use this assistant.`);
    await next();
    // A handler that returns its own Response (the chat stream) drops the headers set above.
    if (origin && !context.res.headers.has('Access-Control-Allow-Origin')) {
      context.header('Access-Control-Allow-Origin', origin);
      context.header('Vary', 'Origin');
    }
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large:body', `The request body must be at most ${maxBodyBytes / 1024} KiB.`);
      },
    }),
  );

  app.onError((error, context) => {
    if (isAppError(error)) {
      return context.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    }
    log.error('unhandled-error', { requestId: context.get('requestId'), error: error.message, stack: error.stack });
    return context.json({ error: { code: 'internal', message: 'Internal server error.' } }, 500);
  });
  app.notFound((context) => context.json({ error: { code: 'not_found:route', message: 'No such route.' } }, 404));

  if (deps.slack) app.route('/slack', createSlackApp({ slack: deps.slack, answer: deps.answer, publicBaseUrl: deps.publicBaseUrl, log }));

  if (deps.feedback) app.route('/', createFeedbackRoutes(deps.feedback));
  if (deps.loadWidgetScript) app.route('/', createWidgetRoutes({ loadScript: deps.loadWidgetScript, publicBaseUrl: deps.publicBaseUrl }));

  app.post('/api/ask', async (context) => {
    const body = await readJsonBody(context, askBodySchema, 'ask');
    const answer = await answerQuestion(deps.answer, {
      question: body.question,
      history: body.history,
      baseUrl: deps.publicBaseUrl,
      signal: context.req.raw.signal,
      requestId: context.get('requestId'),
    });
    log.info('answer', {
      requestId: context.get('requestId'),
      mode: answer.mode,
      refused: answer.refused,
      retrievalMs: answer.retrieval.ms,
      passages: answer.retrieval.passages.map((passage) => `${passage.docId}#p-${passage.paragraph}`),
      citations: answer.citations.length,
    });
    return context.json({
      answer: answer.answer,
      refused: answer.refused,
      mode: answer.mode,
      language: answer.language,
      promptVersion: answer.promptVersion,
      citations: answer.citations,
      retrieval: answer.retrieval,
    });
  });

  app.post('/api/chat', async (context) => {
    const body = await readJsonBody(context, chatBodySchema, 'chat');
    const { question, history } = toConversation(body);
    const requestIdValue = context.get('requestId');
    const stream = createUIMessageStream({
      execute: async ({ writer }) => {
        const textId = `text-${requestIdValue}`;
        let textStarted = false;
        writer.write({ type: 'start' });
        for await (const event of streamAnswer(deps.answer, {
          question,
          history,
          baseUrl: deps.publicBaseUrl,
          signal: context.req.raw.signal,
          requestId: requestIdValue,
        })) {
          if (event.type === 'retrieval') {
            writer.write({ type: 'data-retrieval', data: event.retrieval, transient: true });
          } else if (event.type === 'text-delta') {
            if (!textStarted) writer.write({ type: 'text-start', id: textId });
            textStarted = true;
            writer.write({ type: 'text-delta', id: textId, delta: event.delta });
          } else if (event.type === 'citation') {
            const { passage: _passage, ...citation } = event.citation;
            writer.write({ type: 'source-url', sourceId: `citation-${citation.n}`, url: citation.url, title: citation.title });
            writer.write({ type: 'data-citation', id: `citation-${citation.n}`, data: citation });
          } else if (event.type === 'error') {
            writer.write({ type: 'error', errorText: event.message });
          } else {
            if (textStarted) writer.write({ type: 'text-end', id: textId });
            const { answer } = event;
            log.info('answer', {
              requestId: requestIdValue,
              mode: answer.mode,
              refused: answer.refused,
              retrievalMs: answer.retrieval.ms,
              passages: answer.retrieval.passages.map((passage) => `${passage.docId}#p-${passage.paragraph}`),
              citations: answer.citations.length,
            });
            writer.write({
              type: 'finish',
              finishReason: answer.interrupted ? 'error' : 'stop',
              messageMetadata: {
                mode: answer.mode,
                refused: answer.refused,
                language: answer.language,
                promptVersion: answer.promptVersion,
                interrupted: answer.interrupted,
              },
            });
          }
        }
      },
      onError: (error) => {
        log.error('chat-stream-failed', { requestId: requestIdValue, error: (error as Error)?.message });
        return 'Something went wrong while answering. Please try again.';
      },
    });
    return createUIMessageStreamResponse({ stream });
  });

  app.get('/api/sources/:docId', async (context) => {
    const document = await deps.store.getDocument(findDocId(context));
    if (!document) throw new AppError('not_found:source', 'No such source document.');
    return context.json({
      docId: document.docId,
      metadata: document.metadata,
      paragraphs: document.paragraphs.map((paragraph) => ({
        ...paragraph,
        url: `${deps.publicBaseUrl}/sources/${encodeURIComponent(document.docId)}#p-${paragraph.n}`,
      })),
    });
  });

  app.get('/sources/:docId', async (context) => {
    const document = await deps.store.getDocument(findDocId(context));
    if (!document) throw new AppError('not_found:source', 'No such source document.');
    const highlight = /^(\d{1,6}):(\d{1,7})-(\d{1,7})$/.exec(context.req.query('hl') ?? '');
    return context.html(
      renderSourcePage(document, highlight ? { paragraph: Number(highlight[1]), start: Number(highlight[2]), end: Number(highlight[3]) } : undefined),
    );
  });

  app.get('/healthz', async (context) => {
    const index = await deps.checkIndex?.();
    if (index && !index.usable) {
      return context.json({ status: 'unavailable', index: { state: index.state, problems: index.problems } }, 503);
    }
    const stats = await deps.store.stats();
    return context.json({
      status: index && index.state !== 'ok' ? 'degraded' : 'ok',
      ...(index && index.state !== 'ok' ? { index: { state: index.state, problems: index.problems } } : {}),
      documents: stats.documents,
      passages: stats.passages,
      embedding: stats.embedding,
      retrieval: deps.health.retrieval,
      llm: deps.health.llm,
    });
  });

  return app;
}
