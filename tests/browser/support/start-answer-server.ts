import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { loadWidgetScript } from '../../../src/node/build-widget.js';
import { createJsonlFeedbackStore, feedbackFilePath } from '../../../src/adapters/jsonl-feedback-store.js';
import { parseConfig } from '../../../src/config.js';
import { createNodeDeps } from '../../../src/create-node-deps.js';
import { createApp } from '../../../src/http/create-app.js';

export interface AnswerServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  feedbackPath: string;
  close(): Promise<void>;
}

/**
 * The real app, as src/node.ts builds it, on 127.0.0.1 with a random port: the seeds ingested
 * into a mkdtemp data folder, keyword retrieval and extractive answers (no keys).
 */
export async function startAnswerServer(options: { allowedOrigins: string[] }): Promise<AnswerServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'widget-browser-'));
  const config = parseConfig({ DATA_DIR: dataDir, SEEDS_DIR: 'seeds', EMBEDDINGS: 'none', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
  const deps = await createNodeDeps(config, { ingest: true });
  const widgetScript = loadWidgetScript();
  let app: ReturnType<typeof createApp> | undefined;
  // The public URL needs the port, so the app is built once the server listens.
  const server = serve({ fetch: (request, env) => app!.fetch(request, env), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = createApp({
    answer: deps.answer,
    store: deps.store,
    publicBaseUrl: url,
    allowedOrigins: options.allowedOrigins,
    health: deps.health,
    log: deps.log,
    feedback: { store: createJsonlFeedbackStore(feedbackFilePath(dataDir)), rateLimitPerMinute: 20 },
    loadWidgetScript: () => widgetScript,
    getConnInfo,
  });
  await widgetScript;
  return {
    url,
    feedbackPath: feedbackFilePath(dataDir),
    async close() {
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
