import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { GetConnInfo } from 'hono/conninfo';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { AppError, isAppError } from '../core/app-error.js';
import { formatSourceUrl, sourcePageOf } from '../core/format-source-url.js';
import { maxBodyBytes, sourcePageParagraphs } from '../core/limits.js';
import type { StoredDocument } from '../core/types.js';
import { answerQuestion, type AnswerDeps } from '../engine/answer-question.js';
import { trySuggestFollowUps } from '../engine/suggest-follow-ups.js';
import type { FeedbackStore, Logger, PassageStore } from '../ports.js';
import { createChatRoutes } from './chat-routes.js';
import { createFeedbackRoutes } from './feedback-routes.js';
import { logAnswer } from './log-answer.js';
import { allowOrigins } from './middleware/allow-origins.js';
import { logRequests } from './middleware/log-requests.js';
import { readJsonBody } from './read-json-body.js';
import { countSourcePages, renderSourcePage } from './render-source-page.js';
import { respondSourceNotFound } from './respond-source-not-found.js';
import { askBodySchema } from './request-schemas.js';
import { createWidgetRoutes } from './widget-routes.js';
import { createCorpusRoute } from './corpus-route.js';
import { createFaviconRoutes } from './favicon-routes.js';
import { createSlackApp } from './slack/create-slack-app.js';
import type { SlackDeps } from './slack/slack-deps.js';

export interface HealthInfo {
  retrieval: { mode: 'hybrid' | 'keyword'; reason: string };
  llm: { mode: 'llm' | 'extractive'; model?: string };
}

/**
 * The index's background sync, as /healthz shows it: `waiting` for another writer's lock,
 * `running` (`checking` the index and listing the sources, `files` prepared and written, then
 * `indexes` built and compacted), or how the last
 * run ended.
 */
export type IndexingStatus =
  | { state: 'idle' }
  | { state: 'waiting'; since: string }
  | { state: 'running'; phase: 'checking' | 'files' | 'indexes'; done: number; total: number; startedAt: string }
  | { state: 'done'; finishedAt: string; ms: number; documents: number; written: number; unchanged: number; deleted: number; passages: number; skipped: number; repairs: number }
  | { state: 'skipped' | 'failed'; finishedAt: string; reason: string };

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
  /** The background sync's progress or last result, shown by /healthz as `indexing`. */
  indexing?: () => IndexingStatus;
  log: Logger;
  /** Feedback from the widget; without it POST /api/feedback answers 404. */
  feedback?: { store: FeedbackStore; rateLimitPerMinute: number };
  /** Produces the widget bundle for GET /widget.js; without it the widget and demo page answer 404. */
  loadWidgetScript?: () => Promise<string>;
  /** Slack settings and API client; without them /slack/* answers 404. */
  slack?: SlackDeps;
  /**
   * The runtime's connection info: `getConnInfo` from `@hono/node-server/conninfo` on Node,
   * from `hono/cloudflare-workers` on Workers. Feedback is rate limited per remote address.
   */
  getConnInfo?: GetConnInfo;
}

type Env = { Variables: { requestId: string } };

// The ids ingest makes (docIdFromFileName): letters of any script, digits, marks, `._-`, no leading dot.
const docIdPattern = /^(?!\.)[\p{L}\p{N}\p{M}._-]{1,200}$/u;

function findDocId(context: Context): string {
  const docId = context.req.param('docId') ?? '';
  if (!docIdPattern.test(docId)) throw new AppError('not_found:source', 'No such source document.');
  return docId;
}

/**
 * The page of a source a request asks for: `?page=<k>`, else the page of the highlighted
 * paragraph, else the first. Throws AppError `not_found:source_page` past the last page.
 */
function readSourcePage(context: Context, document: StoredDocument, highlightParagraph?: number) {
  const pages = countSourcePages(document);
  const asked = context.req.query('page');
  const page = asked === undefined ? Math.min(pages, sourcePageOf(highlightParagraph ?? 1)) : /^[1-9]\d{0,6}$/u.test(asked) ? Number(asked) : 0;
  if (page < 1 || page > pages) throw new AppError('not_found:source_page', `No such page; this source has ${pages}.`);
  const from = (page - 1) * sourcePageParagraphs;
  return { page, pages, from, to: from + sourcePageParagraphs };
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
  app.use(logRequests(log));
  app.use('/api/*', allowOrigins({ publicBaseUrl: deps.publicBaseUrl, allowedOrigins: deps.allowedOrigins }));
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

  app.route('/', createFaviconRoutes());
  if (deps.feedback) app.route('/', createFeedbackRoutes({ ...deps.feedback, getConnInfo: deps.getConnInfo }));
  app.route('/', createCorpusRoute({ store: deps.store }));
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
    logAnswer(log, context.get('requestId'), answer);
    const suggestions = await trySuggestFollowUps(deps.answer, { answer, history: body.history, requestId: context.get('requestId') });
    return context.json({
      answer: answer.answer,
      refused: answer.refused,
      mode: answer.mode,
      language: answer.language,
      promptVersion: answer.promptVersion,
      citations: answer.citations,
      suggestions,
      retrieval: answer.retrieval,
    });
  });

  app.route('/', createChatRoutes({ answer: deps.answer, publicBaseUrl: deps.publicBaseUrl, log }));

  app.get('/api/sources/:docId', async (context) => {
    const document = await deps.store.getDocument(findDocId(context));
    if (!document) throw new AppError('not_found:source', 'No such source document.');
    const { page, pages, from, to } = readSourcePage(context, document);
    return context.json({
      docId: document.docId,
      metadata: document.metadata,
      page,
      pages,
      paragraphs: document.paragraphs.slice(from, to).map((paragraph) => ({
        ...paragraph,
        url: formatSourceUrl(deps.publicBaseUrl, { docId: document.docId, paragraph: paragraph.n }),
      })),
    });
  });

  app.get('/sources/:docId', async (context) => {
    const docId = context.req.param('docId');
    const document = docIdPattern.test(docId) ? await deps.store.getDocument(docId) : undefined;
    if (!document) return respondSourceNotFound(context);
    const highlight = /^(\d{1,6}):(\d{1,7})-(\d{1,7})$/.exec(context.req.query('hl') ?? '');
    const { page } = readSourcePage(context, document, highlight ? Number(highlight[1]) : undefined);
    return context.html(
      renderSourcePage(document, {
        highlight: highlight ? { paragraph: Number(highlight[1]), start: Number(highlight[2]), end: Number(highlight[3]) } : undefined,
        page,
      }),
    );
  });

  app.get('/healthz', async (context) => {
    const index = await deps.checkIndex?.();
    const indexing = deps.indexing?.();
    const syncing = indexing?.state === 'running' || indexing?.state === 'waiting';
    if (index && !index.usable) {
      // A first start serves nothing until its first batch is published, and says why.
      if (index.state === 'missing' && syncing) return context.json({ status: 'indexing', indexing }, 503);
      return context.json({ status: 'unavailable', index: { state: index.state, problems: index.problems }, ...(indexing ? { indexing } : {}) }, 503);
    }
    const stats = await deps.store.stats();
    // Rows a running sync has published but not indexed yet are searched, only unindexed: the
    // sync indexes them when it ends, so that is not a degraded index.
    const degraded = index !== undefined && index.state !== 'ok' && !(syncing && index.state === 'repairable');
    return context.json({
      status: degraded ? 'degraded' : 'ok',
      ...(degraded ? { index: { state: index.state, problems: index.problems } } : {}),
      ...(indexing ? { indexing } : {}),
      documents: stats.documents,
      passages: stats.passages,
      embedding: stats.embedding,
      retrieval: deps.health.retrieval,
      llm: deps.health.llm,
    });
  });

  return app;
}
