import './adapters/drop-empty-environment.js';
import type { AddressInfo } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { loadWidgetScript } from './node/build-widget.js';
import { checkPort, describeListenError } from './adapters/check-port.js';
import { formatOpenLine } from './adapters/format-open-line.js';
import { createNodeServer } from './node/create-node-server.js';
import { createJsonlFeedbackStore, feedbackFilePath } from './adapters/jsonl-feedback-store.js';
import { isAppError } from './core/app-error.js';
import { toSimplified, toTraditional } from './core/chinese-script.js';
import { parseConfig } from './config.js';
import { createNodeDeps, createNodeSlackDeps } from './create-node-deps.js';
import { createApp } from './http/create-app.js';
import { createBackgroundTasks } from './http/slack/create-background-tasks.js';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // A busy port is reported now, not after the ingest, and as one line rather than a stack.
  const portProblem = await checkPort(config.HOST, config.PORT);
  if (portProblem) exitWith(portProblem);
  // Serves the index as it is; the sources are synced in the background once listening.
  const deps = await createNodeDeps(config);
  // Built once at start (esbuild, or the prebuilt dist/public/widget.js), so a failure shows in the log now.
  const widgetScript = loadWidgetScript();
  widgetScript.catch((error: unknown) => deps.log.error('widget-unavailable', { error: (error as Error).message }));
  const feedbackStore = createJsonlFeedbackStore(feedbackFilePath(config.DATA_DIR), { maxBytes: config.FEEDBACK_LOG_MAX_BYTES, keepFiles: config.FEEDBACK_LOG_FILES });
  // Slack answers are produced after the ack; shutdown waits for them.
  const background = createBackgroundTasks(deps.log);
  const app = createApp({
    answer: deps.answer,
    store: deps.store,
    publicBaseUrl: deps.publicBaseUrl,
    allowedOrigins: config.ALLOWED_ORIGINS,
    health: deps.health,
    checkIndex: deps.indexGuard.check,
    indexing: deps.indexGuard.status,
    log: deps.log,
    feedback: { store: feedbackStore, rateLimitPerMinute: config.FEEDBACK_RATE_LIMIT_PER_MINUTE },
    loadWidgetScript: () => widgetScript,
    slack: createNodeSlackDeps(config, deps.log, { background, feedback: feedbackStore }),
    getConnInfo,
  });
  const server = createNodeServer({
    fetch: app.fetch,
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxConnectionsPerAddress: config.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
    log: deps.log,
  });
  server.listen(config.PORT, config.HOST, () => {
    const info = server.address() as AddressInfo;
    // The OpenCC converters build their tables on first use (~0.1 s for cn → tw, blocking;
    // only Chinese questions need it): once the start-up sync is done and a second later, one
    // direction at a time, so that neither /healthz nor a first question right after a restart
    // waits behind it.
    void deps.indexGuard.sync().then(() => {
      setTimeout(() => toTraditional('預熱'), 1_000).unref();
      setTimeout(() => toSimplified('预热'), 1_100).unref();
    });
    deps.log.info('listening', { url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`, publicBaseUrl: deps.publicBaseUrl, retrieval: deps.health.retrieval.mode, llm: deps.health.llm.mode });
    if (process.stdout.isTTY) process.stdout.write(`${formatOpenLine(info.address, info.port)}\n`);
  });
  // The port can still be taken during the ingest.
  server.on('error', (error: NodeJS.ErrnoException) => {
    const line = describeListenError(error, config.HOST, config.PORT);
    if (line) exitWith(line);
    throw error;
  });
  const shutdown = () =>
    server.close(() => {
      const deadline = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      void Promise.race([background.drain(), deadline]).then(() => process.exit(0));
    });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function exitWith(line: string): never {
  console.error(line);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
