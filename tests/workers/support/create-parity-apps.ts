import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { runIngest } from '../../../src/ingest/run-ingest.js';
import { publishToCloudflare, type PublishSummary } from '../../../src/ingest/publish-to-cloudflare.js';
import { createCloudflareApi } from '../../../src/adapters/cloudflare-api.js';
import { openLanceStore } from '../../../src/adapters/lancedb-store.js';
import { loadAnswerPrompts } from '../../../src/adapters/load-prompts.js';
import { createWorkersAiEmbedder } from '../../../src/adapters/workers-ai-embedder.js';
import { answerSettingsFrom, parseConfig } from '../../../src/config.js';
import type { AnswerDeps } from '../../../src/engine/answer-question.js';
import type { Logger } from '../../../src/ports.js';
import { createApp } from '../../../src/http/create-app.js';
import { createFakeEmbedder } from './fake-embedding.js';
import { createFakeVectorizeIndex, type FakeVectorizeIndex } from './fake-vectorize-index.js';
import { startFakeCloudflareApi, type FakeCloudflareApi } from './start-fake-cloudflare-api.js';
import { d1DatabaseId, startWorker, vectorizeIndexName, type StartedWorker } from './start-worker.js';

export const seedsDir = path.resolve(import.meta.dirname, '../../../seeds');
export const publicBaseUrl = 'http://assistant.test';

const silentLog: Logger = { info() {}, warn() {}, error() {} };

export interface CloudflareSide {
  worker: StartedWorker;
  api: FakeCloudflareApi;
  index: FakeVectorizeIndex;
  publish(sourceDir?: string): Promise<PublishSummary>;
  close(): Promise<void>;
}

/**
 * The Workers side: the fake Cloudflare API, the built Worker in workerd over a freshly
 * migrated local D1, and a publisher that fills both through the REST API.
 */
export async function startCloudflareSide(vars: Record<string, string> = {}): Promise<CloudflareSide> {
  const index = createFakeVectorizeIndex({ dimension: 1024, metadataIndexes: ['doc_id', 'kind', 'language'] });
  const api = await startFakeCloudflareApi({ indexes: { [vectorizeIndexName]: index } });
  const worker = await startWorker({
    bundleDir: inject('workerBundleDir'),
    migratedD1Dir: inject('migratedD1Dir'),
    apiAccountUrl: `${api.baseUrl}/accounts/${api.accountId}`,
    apiToken: api.apiToken,
    vars: { PUBLIC_BASE_URL: publicBaseUrl, ...vars },
  });
  api.setDatabase(d1DatabaseId, worker.database);
  const client = createCloudflareApi({ accountId: api.accountId, apiToken: api.apiToken, baseUrl: api.baseUrl, retryDelayMs: 1 });
  return {
    worker,
    api,
    index,
    publish: (sourceDir = seedsDir) =>
      publishToCloudflare({ sourceDir, api: client, databaseId: d1DatabaseId, indexName: vectorizeIndexName, embedder: createWorkersAiEmbedder(client.ai) }),
    async close() {
      await worker.dispose();
      await api.close();
    },
  };
}

export interface NodeSide {
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** The Node side: real LanceDB in a temp folder, ingested from the seeds with the same fake embeddings. */
export async function startNodeSide(): Promise<NodeSide> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cited-answers-node-'));
  const store = await openLanceStore(path.join(dataDir, 'index'));
  const embedder = createFakeEmbedder();
  await runIngest({ sourceDir: seedsDir, store, embedder, reportPath: path.join(dataDir, 'ingest-report.json') });
  const config = parseConfig({ EMBEDDINGS: 'none', LOG_LEVEL: 'silent', PUBLIC_BASE_URL: publicBaseUrl });
  const answer: AnswerDeps = {
    store,
    embedder,
    model: null,
    prompts: await loadAnswerPrompts(),
    settings: answerSettingsFrom(config),
    log: silentLog,
  };
  const app = createApp({
    answer,
    store,
    publicBaseUrl,
    allowedOrigins: [],
    health: { retrieval: { mode: 'hybrid', reason: 'fake bge-m3' }, llm: { mode: 'extractive' } },
    log: silentLog,
  });
  return { app, close: () => rm(dataDir, { recursive: true, force: true }) };
}
