import path from 'node:path';
import type { LanguageModel } from 'ai';
import type { IngestSummary } from './ingest/run-ingest.js';
import { createEmbedder, type EmbedderConfig } from './adapters/create-embedder.js';
import { createLogger } from './adapters/create-logger.js';
import { openLanceStore, type LanceStore } from './adapters/lancedb-store.js';
import { loadCedict } from './adapters/load-cedict.js';
import { createBilingualLexicon, type BilingualLexicon } from './core/bilingual-lexicon.js';
import { loadAnswerPrompts } from './adapters/load-prompts.js';
import { withRateLimitRetry } from './adapters/with-rate-limit-retry.js';
import { isAppError } from './core/app-error.js';
import { answerSettingsFrom, isLlmConfigured, publicBaseUrl, type Config } from './config.js';
import type { AnswerDeps } from './engine/answer-question.js';
import type { HealthInfo } from './http/create-app.js';
import type { BackgroundTasks } from './http/slack/create-background-tasks.js';
import type { SlackDeps } from './http/slack/slack-deps.js';
import type { Embedder, FeedbackStore, Logger, SlackApi } from './ports.js';
import { createIndexGuard, type IndexGuard } from './create-index-guard.js';

export interface NodeDeps {
  config: Config;
  log: Logger;
  store: LanceStore;
  embedder: Embedder | null;
  answer: AnswerDeps;
  health: HealthInfo;
  publicBaseUrl: string;
  /** Locked ingest, repair and the /healthz index check. */
  indexGuard: IndexGuard;
}

export function indexDirectory(config: Config): string {
  return path.resolve(config.DATA_DIR, 'index');
}

export function ingestReportPath(config: Config): string {
  return path.resolve(config.DATA_DIR, 'ingest-report.json');
}

/**
 * The Slack adapters when both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set, else undefined
 * (and /slack/* answers 404). Answers run after the ack on `background`.
 */
export function createNodeSlackDeps(
  config: Config,
  log: Logger,
  options: { background: BackgroundTasks; feedback?: FeedbackStore },
): SlackDeps | undefined {
  if (!config.SLACK_SIGNING_SECRET || !config.SLACK_BOT_TOKEN) {
    if (config.SLACK_SIGNING_SECRET || config.SLACK_BOT_TOKEN) log.warn('slack-disabled', { reason: 'set both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
    return undefined;
  }
  return {
    signingSecret: config.SLACK_SIGNING_SECRET,
    api: withRateLimitRetry(createLazyWebClientSlackApi({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL }), { log }),
    runInBackground: options.background.run,
    feedback: options.feedback,
  };
}

/**
 * The WebClient Slack API, with @slack/web-api (and axios under it) imported only when Slack is
 * configured: most servers never need it, and it costs start-up time. The import starts at once.
 */
function createLazyWebClientSlackApi(options: { token: string; apiUrl: string }): SlackApi {
  const api = import('./adapters/create-web-client-slack-api.js').then(({ createWebClientSlackApi }) => createWebClientSlackApi(options));
  api.catch(() => undefined); // a failed import is reported by the first call
  return {
    postMessage: async (message) => (await api).postMessage(message),
    update: async (message) => (await api).update(message),
    replies: async (thread) => (await api).replies(thread),
    respond: async (responseUrl, body) => (await api).respond(responseUrl, body),
  };
}

/** The embedder settings from the configuration (ingest and the server choose alike). */
export function embedderConfigFrom(config: Config): EmbedderConfig {
  return {
    embeddings: config.EMBEDDINGS,
    embeddingModel: config.EMBEDDING_MODEL,
    embeddingDtype: config.EMBEDDING_DTYPE,
    modelsDir: config.MODELS_DIR,
    allowRemoteModels: config.ALLOW_REMOTE_MODELS,
    openaiApiKey: config.OPENAI_API_KEY,
    openaiBaseURL: config.OPENAI_BASE_URL,
    openaiEmbeddingModel: config.OPENAI_EMBEDDING_MODEL,
  };
}

export async function createLanguageModel(config: Config): Promise<LanguageModel | null> {
  if (!isLlmConfigured(config)) return null;
  // Imported only with an LLM configured: the provider package costs ~2.5 MB and ~40 ms to load.
  const { createOpenAI } = await import('@ai-sdk/openai');
  // Chat Completions is what OpenAI-compatible servers (Ollama, vLLM, llama.cpp) speak.
  const provider = createOpenAI({ apiKey: config.OPENAI_API_KEY ?? 'not-needed', baseURL: config.OPENAI_BASE_URL });
  return provider.chat(config.LLM_MODEL);
}

/**
 * Builds the Node adapters from the configuration: logger, embedder (or keyword-only with one
 * warning), LanceDB store, prompts and the LLM. With `ingest`, it first brings the index up to
 * date with the source folder (incremental: unchanged documents are skipped); without it, the
 * server serves the index as it is and calls `indexGuard.sync()` to do that in the background.
 */
export async function createNodeDeps(
  config: Config,
  options: { ingest?: boolean; log?: Logger; onIngestProgress?: (done: number, total: number) => void } = {},
): Promise<NodeDeps & { ingestSummary?: IngestSummary }> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const choice = await createEmbedder(
    embedderConfigFrom(config),
    { warn: (message) => log.warn('embedder-unavailable', { message }) },
  );
  const store = await openLanceStore(indexDirectory(config));
  const model = await createLanguageModel(config);
  const health: HealthInfo = {
    retrieval: { mode: 'keyword', reason: choice.reason },
    llm: model ? { mode: 'llm', model: config.LLM_MODEL } : { mode: 'extractive' },
  };
  const answer: AnswerDeps = {
    store,
    embedder: null,
    model,
    prompts: await loadAnswerPrompts(),
    settings: answerSettingsFrom(config),
    log,
  };
  // Vector search only over vectors of this embedder's model. Chosen again after each ingest,
  // which may have built (or rebuilt) the vectors; the routes read `answer.embedder` per request.
  const chooseRetrieval = async () => {
    // A damaged index left unrepaired must not stop the server: /healthz reports it.
    const stats = await store.stats().catch(() => ({ embedding: null }));
    const hybrid = choice.embedder !== null && stats.embedding?.modelId === choice.embedder.modelId;
    answer.embedder = hybrid ? choice.embedder : null;
    health.retrieval.mode = hybrid ? 'hybrid' : 'keyword';
  };
  const indexGuard = createIndexGuard(config, { store, embedder: choice.embedder, log, reportPath: ingestReportPath(config), onIngested: chooseRetrieval });
  let ingestSummary: IngestSummary | undefined;
  if (options.ingest) {
    try {
      ingestSummary = await indexGuard.ingest({
        onProgress: options.onIngestProgress ? ({ done, total }) => options.onIngestProgress!(done, total) : undefined,
      });
    } catch (error) {
      // With INDEX_AUTO_REPAIR=false a damaged index is reported, not rebuilt: the server still
      // starts, says so in the log and answers 503 on /healthz.
      if (!(isAppError(error) && error.code === 'unavailable:index')) throw error;
      log.error('index-damaged', { message: error.message });
    }
  }
  // CC-CEDICT is read on first use, once; starting it here means the first question rarely waits.
  let lexicon: Promise<BilingualLexicon> | undefined;
  const loadLexicon = () => (lexicon ??= Promise.all([loadCedict(), store.readAliases()]).then(([dictionary, aliases]) => createBilingualLexicon(dictionary, aliases)));
  void loadLexicon().catch((error: Error) => log.warn('lexicon-unavailable', { message: error.message }));
  answer.lexicon = loadLexicon;
  await chooseRetrieval();
  return { config, log, store, embedder: answer.embedder, answer, health, publicBaseUrl: publicBaseUrl(config), indexGuard, ingestSummary };
}
