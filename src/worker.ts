import { createOpenAI } from '@ai-sdk/openai';
import type { Ai, D1Database, ExecutionContext, Fetcher, Vectorize } from '@cloudflare/workers-types/index.js';
import { getConnInfo } from 'hono/cloudflare-workers';
import answerSystemPrompt from '../prompts/answer-system.md';
import resolveQuestionPrompt from '../prompts/resolve-question.md';
import { createLogger } from './adapters/create-logger.js';
import { createCloudflareSlackApi } from './adapters/cloudflare-slack-api.js';
import { createD1FeedbackStore } from './adapters/d1-feedback-store.js';
import { createD1Store } from './adapters/d1-store.js';
import { withRateLimitRetry } from './adapters/with-rate-limit-retry.js';
import { createWorkersAiEmbedder, type WorkersAiRunner } from './adapters/workers-ai-embedder.js';
import { answerSettingsFrom, isLlmConfigured, parseConfig, publicBaseUrl, type Config } from './config.js';
import { parsePrompt } from './core/parse-prompt.js';
import type { AnswerDeps } from './engine/answer-question.js';
import { createApp, type HealthInfo } from './http/create-app.js';
import type { SlackDeps } from './http/slack/slack-deps.js';
import type { FeedbackStore, Logger, PassageStore } from './ports.js';

/** The Worker's bindings (wrangler.toml) plus its vars and secrets, all read per request. */
export interface WorkerEnv {
  /** D1: documents, passages and their FTS5 keyword index; widget and Slack feedback. */
  DB: D1Database;
  /** Vectorize: one bge-m3 vector per passage, keyed by passage id. */
  VECTORIZE?: Vectorize;
  /** Workers AI: embeds the question with the model the index was published with. */
  AI?: Ai;
  /** The widget bundle; served before the Worker runs, so the app never calls it. */
  ASSETS?: Fetcher;
  [variable: string]: unknown;
}

/** What a request needs beyond the per-request execution context, built once per env. */
interface WorkerDeps {
  config: Config;
  log: Logger;
  store: PassageStore;
  feedbackStore: FeedbackStore;
  answer: AnswerDeps;
  health: HealthInfo;
}

const prompts = {
  answer: parsePrompt(answerSystemPrompt, 'answer-system'),
  resolve: parsePrompt(resolveQuestionPrompt, 'resolve-question'),
};

/** Vars and secrets are strings; bindings are objects and not configuration. */
function readVariables(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

async function buildDeps(env: WorkerEnv): Promise<WorkerDeps> {
  const config = parseConfig(readVariables(env));
  const log = createLogger(config.LOG_LEVEL, (line, isError) => (isError ? console.error(line) : console.log(line)));
  const baseStore = createD1Store(env.DB, env.VECTORIZE ?? null);
  // Queries are embedded with the model the publisher recorded, so the two always agree.
  const { embedding } = await baseStore.stats();
  let reason: string;
  let embedder = null;
  if (config.EMBEDDINGS === 'none') reason = 'Embeddings are turned off (EMBEDDINGS=none): keyword-only retrieval.';
  else if (!embedding) reason = 'The D1 index has no vectors (published keyword-only): keyword-only retrieval.';
  else if (!env.AI || !env.VECTORIZE) reason = 'The AI or VECTORIZE binding is missing: keyword-only retrieval.';
  else {
    const runner: WorkersAiRunner = { run: (model, inputs) => env.AI!.run(model as '@cf/baai/bge-m3', inputs) };
    embedder = createWorkersAiEmbedder(runner, { model: embedding.modelId, dimension: embedding.dimension });
    reason = `Workers AI ${embedding.modelId} (${embedding.dimension}-d) with Vectorize.`;
  }
  const store = embedder ? baseStore : createD1Store(env.DB, null);
  const model = isLlmConfigured(config)
    ? createOpenAI({ apiKey: config.OPENAI_API_KEY ?? 'not-needed', baseURL: config.OPENAI_BASE_URL }).chat(config.LLM_MODEL)
    : null;
  const answer: AnswerDeps = {
    store,
    embedder,
    model,
    prompts,
    settings: answerSettingsFrom(config),
    log,
  };
  const health: HealthInfo = {
    retrieval: { mode: embedder ? 'hybrid' : 'keyword', reason },
    llm: model ? { mode: 'llm', model: config.LLM_MODEL } : { mode: 'extractive' },
  };
  return { config, log, store, feedbackStore: createD1FeedbackStore(env.DB), answer, health };
}

// workerd hands every request of an isolate the same env object, so its deps are built once;
// a failed build (say, D1 not migrated yet) is not cached and is tried again next request.
const depsByEnv = new WeakMap<WorkerEnv, Promise<WorkerDeps>>();

function depsFor(env: WorkerEnv): Promise<WorkerDeps> {
  let deps = depsByEnv.get(env);
  if (!deps) {
    deps = buildDeps(env);
    depsByEnv.set(env, deps);
    deps.catch(() => depsByEnv.delete(env));
  }
  return deps;
}

/**
 * The shared createApp over the Worker adapters. It is kept for the isolate's lifetime, not
 * rebuilt per request, because the Slack routes remember delivered answers and seen event ids
 * between requests. Slack's work after the ack runs on the request's own execution context
 * (`executionCtx.waitUntil`, which Hono gets from `fetch(request, env, ctx)`).
 * Without PUBLIC_BASE_URL, links point at the origin the request came to: one app per origin.
 */
function createWorkerApp(deps: WorkerDeps, origin: string): ReturnType<typeof createApp> {
  const { config, log } = deps;
  const base = config.PUBLIC_BASE_URL ? publicBaseUrl(config) : origin;
  const slack: SlackDeps | undefined =
    config.SLACK_SIGNING_SECRET && config.SLACK_BOT_TOKEN
      ? {
          signingSecret: config.SLACK_SIGNING_SECRET,
          api: withRateLimitRetry(createCloudflareSlackApi({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL }), { log }),
          feedback: deps.feedbackStore,
        }
      : undefined;
  return createApp({
    answer: deps.answer,
    store: deps.store,
    publicBaseUrl: base,
    allowedOrigins: config.ALLOWED_ORIGINS,
    health: deps.health,
    log,
    // Rate limits are counted per isolate (and per origin's app), so they bound one client's
    // burst rather than enforce an exact global quota; clients are keyed by cf-connecting-ip.
    feedback: { store: deps.feedbackStore, rateLimitPerMinute: config.FEEDBACK_RATE_LIMIT_PER_MINUTE },
    slack,
    getConnInfo,
  });
}

const appsByDeps = new WeakMap<WorkerDeps, Map<string, ReturnType<typeof createApp>>>();
const maxOriginsPerIsolate = 8;

function appFor(deps: WorkerDeps, request: Request): ReturnType<typeof createApp> {
  const origin = deps.config.PUBLIC_BASE_URL ? '' : new URL(request.url).origin;
  let apps = appsByDeps.get(deps);
  if (!apps) appsByDeps.set(deps, (apps = new Map()));
  let app = apps.get(origin);
  if (!app) {
    if (apps.size >= maxOriginsPerIsolate) apps.clear();
    app = createWorkerApp(deps, origin);
    apps.set(origin, app);
  }
  return app;
}

export default {
  async fetch(request: Request, env: WorkerEnv, context: ExecutionContext): Promise<Response> {
    let deps: WorkerDeps;
    try {
      deps = await depsFor(env);
    } catch (error) {
      console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'worker-start-failed', error: (error as Error).message }));
      return Response.json({ error: { code: 'unavailable:index', message: 'The assistant is not ready yet.' } }, { status: 503 });
    }
    return appFor(deps, request).fetch(request, env, context);
  },
};
