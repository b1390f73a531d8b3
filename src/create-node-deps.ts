import path from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { ReadSourceOptions } from './ingest/read-source-files.js';
import { runIngest, type IngestSummary } from './ingest/run-ingest.js';
import { createEmbedder, type EmbedderConfig } from './adapters/create-embedder.js';
import { createLogger } from './adapters/create-logger.js';
import { createWebClientSlackApi } from './adapters/create-web-client-slack-api.js';
import { openLanceStore, type LanceStore } from './adapters/lancedb-store.js';
import { loadAnswerPrompts } from './adapters/load-prompts.js';
import { withRateLimitRetry } from './adapters/with-rate-limit-retry.js';
import { toSimplified, toTraditional } from './core/chinese-script.js';
import { answerSettingsFrom, isLlmConfigured, publicBaseUrl, type Config } from './config.js';
import type { AnswerDeps } from './engine/answer-question.js';
import type { HealthInfo } from './http/create-app.js';
import type { BackgroundTasks } from './http/slack/create-background-tasks.js';
import type { SlackDeps } from './http/slack/slack-deps.js';
import type { Embedder, FeedbackStore, Logger } from './ports.js';

export interface NodeDeps {
  config: Config;
  log: Logger;
  store: LanceStore;
  embedder: Embedder | null;
  answer: AnswerDeps;
  health: HealthInfo;
  publicBaseUrl: string;
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
    api: withRateLimitRetry(createWebClientSlackApi({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL }), { log }),
    runInBackground: options.background.run,
    feedback: options.feedback,
  };
}

/** Which source files ingest reads, from the configuration (`npm start` and `npm run ingest` alike). */
export function sourceReadOptionsFrom(config: Config): ReadSourceOptions {
  return { followExternalSymlinks: config.INGEST_FOLLOW_SYMLINKS, maxFileBytes: config.INGEST_MAX_FILE_BYTES };
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

export function createLanguageModel(config: Config): LanguageModel | null {
  if (!isLlmConfigured(config)) return null;
  // Chat Completions is what OpenAI-compatible servers (Ollama, vLLM, llama.cpp) speak.
  const provider = createOpenAI({ apiKey: config.OPENAI_API_KEY ?? 'not-needed', baseURL: config.OPENAI_BASE_URL });
  return provider.chat(config.LLM_MODEL);
}

/**
 * Builds the Node adapters from the configuration: logger, embedder (or keyword-only with one
 * warning), LanceDB store, prompts and the LLM. With `ingest`, it first brings the index up to
 * date with the source folder (incremental: unchanged documents are skipped).
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
  let ingestSummary: IngestSummary | undefined;
  if (options.ingest) {
    ingestSummary = await runIngest({
      sourceDir: path.resolve(config.SEEDS_DIR),
      store,
      embedder: choice.embedder,
      reportPath: ingestReportPath(config),
      read: sourceReadOptionsFrom(config),
      onProgress: options.onIngestProgress ? ({ done, total }) => options.onIngestProgress!(done, total) : undefined,
    });
  }
  // OpenCC builds its dictionaries on first use (~0.4 s); pay that at start-up, not on a question.
  toTraditional('預熱');
  toSimplified('预热');
  const model = createLanguageModel(config);
  const stats = await store.stats();
  const hybrid = choice.embedder !== null && stats.embedding !== null;
  const health: HealthInfo = {
    retrieval: { mode: hybrid ? 'hybrid' : 'keyword', reason: choice.reason },
    llm: model ? { mode: 'llm', model: config.LLM_MODEL } : { mode: 'extractive' },
  };
  const answer: AnswerDeps = {
    store,
    embedder: hybrid ? choice.embedder : null,
    model,
    prompts: await loadAnswerPrompts(),
    settings: answerSettingsFrom(config),
    log,
  };
  return { config, log, store, embedder: answer.embedder, answer, health, publicBaseUrl: publicBaseUrl(config), ingestSummary };
}
