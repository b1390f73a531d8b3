import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LanguageModel } from 'ai';
import { parseConfig, type Config } from '../../src/config.js';
import { createNodeDeps, type NodeDeps } from '../../src/create-node-deps.js';
import type { Logger } from '../../src/ports.js';
import { createApp, type AppDeps } from '../../src/http/create-app.js';

export const seedsDir = path.resolve(import.meta.dirname, '../../seeds');

export interface SeededDeps extends NodeDeps {
  dataDir: string;
  logs: Array<{ level: string; event: string; fields?: Record<string, unknown> }>;
  createTestApp(overrides?: Partial<AppDeps>): ReturnType<typeof createApp>;
  cleanup(): Promise<void>;
}

/** A logger that records events for assertions instead of printing them. */
export function createRecordingLogger(): { log: Logger; logs: SeededDeps['logs'] } {
  const logs: SeededDeps['logs'] = [];
  const record = (level: string) => (event: string, fields?: Record<string, unknown>) => logs.push({ level, event, fields });
  return { log: { info: record('info'), warn: record('warn'), error: record('error') }, logs };
}

/**
 * Ingests the bundled seeds into a real LanceDB index in a temp folder (keyword-only unless
 * the environment says otherwise) and returns the Node deps plus an app factory.
 */
export async function createSeededDeps(
  environment: Record<string, string> = {},
  options: { model?: LanguageModel; sourceDir?: string } = {},
): Promise<SeededDeps> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cited-answers-'));
  const sourceDir = path.join(dataDir, 'seeds');
  await cp(options.sourceDir ?? seedsDir, sourceDir, { recursive: true });
  const config: Config = parseConfig({
    EMBEDDINGS: 'none',
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'http://assistant.test',
    ...environment,
    DATA_DIR: dataDir,
    SEEDS_DIR: sourceDir,
  });
  const { log, logs } = createRecordingLogger();
  const deps = await createNodeDeps(config, { ingest: true, log });
  if (options.model) deps.answer.model = options.model;
  return {
    ...deps,
    dataDir,
    logs,
    createTestApp: (overrides = {}) =>
      createApp({
        answer: deps.answer,
        store: deps.store,
        publicBaseUrl: deps.publicBaseUrl,
        allowedOrigins: config.ALLOWED_ORIGINS,
        health: deps.health,
        log,
        ...overrides,
      }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}
