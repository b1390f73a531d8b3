import { z } from 'zod';
import { AppError } from './core/app-error.js';
import { defaultAnswerSettings, type AnswerSettings } from './engine/answer-settings.js';

const csv = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value)));

/** An empty variable counts as unset. */
export const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const number = (fallback: number, schema = z.coerce.number()) => z.preprocess(emptyAsUndefined, schema.default(fallback));

/**
 * Every setting, read from the environment once at the entry point. Defaults run on a laptop
 * with no keys: keyword retrieval (the local model when it can be had) and extractive answers.
 * The README lists each variable; `.env.example` mirrors this schema.
 */
export const configSchema = z.object({
  PORT: number(8787, z.coerce.number().int().min(0).max(65_535)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  HTTP_HEADERS_TIMEOUT_MS: number(10_000, z.coerce.number().int().min(100)),
  HTTP_REQUEST_TIMEOUT_MS: number(30_000, z.coerce.number().int().min(100)),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: number(5_000, z.coerce.number().int().min(100)),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: number(100, z.coerce.number().int().min(0)),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  SEEDS_DIR: z.preprocess(emptyAsUndefined, z.string().default('./seeds')),
  INGEST_FOLLOW_SYMLINKS: booleanFlag.default(false),
  INGEST_MAX_FILE_BYTES: number(10_000_000, z.coerce.number().int().min(1)),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),

  EMBEDDINGS: z.preprocess(emptyAsUndefined, z.enum(['local', 'openai', 'none']).default('local')),
  EMBEDDING_MODEL: z.preprocess(emptyAsUndefined, z.string().default('Xenova/multilingual-e5-small')),
  EMBEDDING_DTYPE: z.preprocess(emptyAsUndefined, z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16']).default('q8')),
  MODELS_DIR: z.preprocess(emptyAsUndefined, z.string().default('./models')),
  ALLOW_REMOTE_MODELS: booleanFlag.default(true),
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyAsUndefined, z.string().default('text-embedding-3-small')),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  LLM_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  LLM_TIMEOUT_MS: number(defaultAnswerSettings.llmTimeoutMs, z.coerce.number().int().min(1_000)),
  LLM_FIRST_TOKEN_TIMEOUT_MS: number(defaultAnswerSettings.llmFirstTokenTimeoutMs, z.coerce.number().int().min(500)),
  LLM_MAX_OUTPUT_TOKENS: number(defaultAnswerSettings.maxOutputTokens, z.coerce.number().int().min(64).max(8_192)),
  QUESTION_RESOLUTION_TIMEOUT_MS: number(defaultAnswerSettings.questionResolutionTimeoutMs, z.coerce.number().int().min(100).max(60_000)),

  TOP_K: number(defaultAnswerSettings.topK, z.coerce.number().int().min(1).max(50)),
  SCORE_FLOOR: number(defaultAnswerSettings.scoreFloor, z.coerce.number().min(0).max(1)),
  VECTOR_SCORE_FLOOR: number(defaultAnswerSettings.vectorScoreFloor, z.coerce.number().min(-1).max(1)),

  INGEST_FILE_BUDGET_MS: number(30_000, z.coerce.number().int().min(100)),
  INGEST_LOCK_TIMEOUT_MS: number(60_000, z.coerce.number().int().min(0)),
  INDEX_AUTO_REPAIR: booleanFlag.default(true),

  ALLOWED_ORIGINS: csv,
  FEEDBACK_RATE_LIMIT_PER_MINUTE: number(20, z.coerce.number().int().min(1)),
  FEEDBACK_LOG_MAX_BYTES: number(10_000_000, z.coerce.number().int().min(4_096)),
  FEEDBACK_LOG_FILES: number(5, z.coerce.number().int().min(0).max(100)),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_API_URL: z.preprocess(emptyAsUndefined, z.url().default('https://slack.com/api/')),
}).refine((config) => config.HTTP_HEADERS_TIMEOUT_MS <= config.HTTP_REQUEST_TIMEOUT_MS, {
  path: ['HTTP_HEADERS_TIMEOUT_MS'],
  message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
});

export type Config = z.output<typeof configSchema>;

/**
 * Parses an environment with a schema of variables. Throws AppError `bad_request:config` naming
 * every invalid variable.
 */
export function parseEnvironment<Schema extends z.ZodType>(schema: Schema, environment: Record<string, string | undefined>): z.output<Schema> {
  const result = schema.safeParse(environment);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new AppError('bad_request:config', `Invalid configuration: ${problems}`);
  }
  return result.data;
}

/**
 * Parses the environment. Throws AppError `bad_request:config` naming every invalid variable.
 */
export function parseConfig(environment: Record<string, string | undefined>): Config {
  return parseEnvironment(configSchema, environment);
}

/** LLM mode is on when an API key or an OpenAI-compatible base URL (e.g. Ollama) is set. */
export function isLlmConfigured(config: Config): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

export function publicBaseUrl(config: Config): string {
  const base = config.PUBLIC_BASE_URL ?? `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  return base.replace(/\/+$/, '');
}

/** Which source files ingest reads: symlinks out of the folder, the size cap. */
export function sourceReadOptionsFrom(config: Config): { followExternalSymlinks: boolean; maxFileBytes: number } {
  return { followExternalSymlinks: config.INGEST_FOLLOW_SYMLINKS, maxFileBytes: config.INGEST_MAX_FILE_BYTES };
}

/** The answer engine's settings from the configuration: the same on every runtime. */
export function answerSettingsFrom(config: Config): AnswerSettings {
  return {
    topK: config.TOP_K,
    scoreFloor: config.SCORE_FLOOR,
    vectorScoreFloor: config.VECTOR_SCORE_FLOOR,
    contextPassages: Math.min(defaultAnswerSettings.contextPassages, config.TOP_K),
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    llmTimeoutMs: config.LLM_TIMEOUT_MS,
    llmFirstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
    questionResolutionTimeoutMs: config.QUESTION_RESOLUTION_TIMEOUT_MS,
  };
}
