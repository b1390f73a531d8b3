import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createTransformersEmbedder } from '../src/adapters/transformers-embedder.js';
import { createTinyModel } from './create-tiny-model.js';
import { buildBenchQuestions } from './build-bench-questions.js';
import { benchAsk } from './bench-ask.js';
import { benchChat } from './bench-chat.js';
import { benchIngest } from './bench-ingest.js';
import { benchLoad, buildWorstCaseChatBody } from './bench-load.js';
import { benchRetrieval } from './bench-retrieval.js';
import { benchServerMemory } from './bench-server-memory.js';
import { measureRestart } from './measure-restart.js';
import { createRandomEmbedder } from './create-random-embedder.js';
import { formatReport, type ReportRow } from './format-report.js';
import { benchEmbedding, createSyntheticStore } from './create-synthetic-store.js';
import { readSeedFiles, readSeedSentences } from './read-seed-sentences.js';
import { writeShortDocuments } from './write-short-documents.js';
import { writeSyntheticSources } from './write-synthetic-sources.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const outDir = path.join(repoRoot, 'bench', 'out');

// Every loop is bounded by a run count and a time budget; `--quick` shrinks both and the sizes.
const plans = {
  quick: {
      sourceDocuments: 10,
      shortDocuments: 1_000,
      ingestRuns: 3,
      retrievalSizes: [1_000, 4_000],
      askSizes: [1_000, 4_000],
      chatSize: 4_000,
      retrievalBudget: { warmupRuns: 5, maxRuns: 40, maxMs: 1_500 },
      askBudget: { warmupRuns: 5, maxRuns: 40, maxMs: 1_500 },
      chatBudget: { warmupRuns: 3, maxRuns: 30, maxMs: 1_500 },
      memory: { clients: 20, loadMs: 2_000, maxRequestsPerClient: 200, bundled: false },
      load: { connections: 50, loadMs: 3_000, maxRequestsPerConnection: 300, requestTimeoutMs: 10_000, worstCaseTimeoutMs: 10_000 },
      restartRuns: 3,
    },
  full: {
      sourceDocuments: 200,
      shortDocuments: 10_000,
      ingestRuns: 3,
      retrievalSizes: [1_000, 10_000, 100_000],
      askSizes: [1_000, 10_000],
      chatSize: 10_000,
      retrievalBudget: { warmupRuns: 10, maxRuns: 300, maxMs: 8_000 },
      askBudget: { warmupRuns: 10, maxRuns: 300, maxMs: 6_000 },
      chatBudget: { warmupRuns: 5, maxRuns: 150, maxMs: 5_000 },
      memory: { clients: 20, loadMs: 5_000, maxRequestsPerClient: 1_000, bundled: true },
      load: { connections: 50, loadMs: 20_000, maxRequestsPerConnection: 2_000, requestTimeoutMs: 10_000, worstCaseTimeoutMs: 60_000 },
      restartRuns: 7,
    },
};

const targets = {
  keywordIngestPassagesPerSecond: 4_000,
  shortKeywordIngestPassagesPerSecond: 3_000,
  hybridP50At100kMs: 15,
  hybridOverRaw: 1.5,
  askP50At10kMs: 50,
  chatFirstByteMs: 30,
  restartMs: 1_500,
  idleRssMb: 250,
};

function log(message: string): void {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${message}\n`);
}

/**
 * Runs every benchmark, prints a table and writes bench/out/results.json and results.md.
 * Numbers are medians (p50) with p95 for latencies, each checked against its target.
 */
export async function runBenchmarks({ quick }: { quick: boolean }): Promise<void> {
  const plan = quick ? plans.quick : plans.full;
  const started = performance.now();
  const workDir = await mkdtemp(path.join(tmpdir(), 'bench-'));
  const rows: ReportRow[] = [];
  const results: Record<string, unknown> = {
    createdAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    targets,
  };
  try {
    const [seeds, sentences] = await Promise.all([readSeedFiles(), readSeedSentences()]);
    const questions = buildBenchQuestions(sentences);
    const sourceDir = await writeSyntheticSources(path.join(workDir, 'sources'), seeds, plan.sourceDocuments);
    const shortSourceDir = await writeShortDocuments(path.join(workDir, 'short-sources'), sentences, plan.shortDocuments);
    results.questions = questions.length;

    // 1. Ingest throughput through the real runIngest.
    log(`ingest, keyword-only: ${plan.sourceDocuments} documents × ${plan.ingestRuns} runs`);
    const keywordIngest = await benchIngest(sourceDir, null, { runs: plan.ingestRuns, maxMs: 120_000 });
    log(`ingest, keyword-only, short documents: ${plan.shortDocuments} documents × ${plan.ingestRuns} runs`);
    const shortIngest = await benchIngest(shortSourceDir, null, { runs: plan.ingestRuns, maxMs: 240_000 });
    log('ingest, tiny transformers.js model');
    const modelsDir = path.join(workDir, 'models');
    const modelLoadStarted = performance.now();
    const tinyEmbedder = await createTransformersEmbedder({ modelId: await createTinyModel(modelsDir), dtype: 'q8', modelsDir, allowRemote: false });
    const modelLoadMs = performance.now() - modelLoadStarted;
    const modelIngest = await benchIngest(sourceDir, tinyEmbedder, { runs: plan.ingestRuns, maxMs: 120_000 });
    await tinyEmbedder.dispose();
    results.ingest = { keywordOnly: keywordIngest, shortKeywordOnly: shortIngest, tinyModel: { ...modelIngest, modelLoadMs } };
    const ingestNote = (result: typeof keywordIngest) => `${result.passages} passages, ${result.documents} docs, ${result.runs} runs, median ${(result.medianMs / 1000).toFixed(2)} s`;
    rows.push(
      { section: 'ingest', metric: 'keyword-only, short documents', value: shortIngest.medianPassagesPerSecond, unit: 'passages/s', note: ingestNote(shortIngest) + ' (2–3 paragraphs each, en/zh-Hans/zh-Hant)', target: quick ? undefined : { limit: targets.shortKeywordIngestPassagesPerSecond, kind: 'min' } },
      { section: 'ingest', metric: 'keyword-only, long documents', value: keywordIngest.medianPassagesPerSecond, unit: 'passages/s', note: ingestNote(keywordIngest) + (quick ? ' (quick: too few passages to judge the target, fixed costs dominate)' : ''), target: quick ? undefined : { limit: targets.keywordIngestPassagesPerSecond, kind: 'min' } },
      { section: 'ingest', metric: 'tiny model (8-d)', value: modelIngest.medianPassagesPerSecond, unit: 'passages/s', note: `${ingestNote(modelIngest)}; model load ${Math.round(modelLoadMs)} ms` },
    );

    // 5. Server RSS, while the machine is otherwise quiet (before the big synthetic store).
    const memoryResults: unknown[] = [];
    const serverEntries: Array<{ label: string; args: string[] }> = [{ label: 'tsx', args: ['--import', 'tsx', 'src/node.ts'] }];
    // scripts/start.mjs is `npm start`: it (re)builds dist/server/node.js when sources changed.
    if (plan.memory.bundled) serverEntries.push({ label: 'bundled', args: ['scripts/start.mjs'] });
    for (const entry of serverEntries) {
      log(`server RSS (${entry.label}): ${plan.memory.clients} clients for ${plan.memory.loadMs} ms`);
      const memory = await benchServerMemory({
        args: entry.args,
        cwd: repoRoot,
        env: { DATA_DIR: path.join(workDir, `server-data-${entry.label}`), SEEDS_DIR: sourceDir, EMBEDDINGS: 'none', LOG_LEVEL: 'info' },
        questions,
        clients: plan.memory.clients,
        loadMs: plan.memory.loadMs,
        maxRequestsPerClient: plan.memory.maxRequestsPerClient,
        startupTimeoutMs: 180_000,
      });
      memoryResults.push({ entry: entry.label, ...memory });
      rows.push(
        { section: `server (${entry.label})`, metric: 'RSS idle', value: memory.idleRssMb, unit: 'MB', note: `listening after ${(memory.startupMs / 1000).toFixed(1)} s, its background ingest of ${keywordIngest.passages} passages done after ${(memory.syncedMs / 1000).toFixed(1)} s` },
        { section: `server (${entry.label})`, metric: `RSS peak, ${memory.clients} clients`, value: memory.peakRssMb, unit: 'MB', note: `high-water ${Math.round(memory.highWaterMb)} MB; ${memory.requests} asks, ${Math.round(memory.requestsPerSecond)}/s, ${memory.failures} failed` },
        { section: `server (${entry.label})`, metric: `/api/ask under load`, value: memory.latency.p50, unit: 'ms', p95: memory.latency.p95, note: `${memory.clients} concurrent clients` },
      );
    }
    results.serverMemory = memoryResults;

    // 6. Load while the worst request of issue 15 (a 246 KB follow-up) is in flight.
    log(`load: ${plan.load.connections} connections for ${plan.load.loadMs} ms with a worst-case /api/chat in flight`);
    const load = await benchLoad({
      args: serverEntries[0]!.args,
      cwd: repoRoot,
      env: { DATA_DIR: path.join(workDir, 'server-data-load'), SEEDS_DIR: sourceDir, EMBEDDINGS: 'none', LOG_LEVEL: 'info' },
      questions,
      worstCaseBody: buildWorstCaseChatBody(sentences),
      ...plan.load,
      startupTimeoutMs: 180_000,
    });
    results.load = load;
    const worst = load.worstCase;
    const worstNote = `with a ${Math.round(worst.bodyBytes / 1024)} KB follow-up /api/chat always in flight: ${worst.sent} sent, ${worst.ok} ok, ${worst.failed} failed, longest ${(worst.maxMs / 1000).toFixed(1)} s`;
    rows.push(
      { section: 'load', metric: `/api/ask, ${load.connections} connections`, value: load.latency.p50, unit: 'ms', p95: load.latency.p95, note: `${(load.loadMs / 1000).toFixed(0)} s, ${load.requests} asks, ${Math.round(load.requestsPerSecond)}/s, p99 ${load.latency.p99.toFixed(0)} ms, max ${load.latency.max.toFixed(0)} ms` },
      { section: 'load', metric: '/api/ask p99', value: load.latency.p99, unit: 'ms', note: worstNote },
      { section: 'load', metric: 'errors', value: load.errors, unit: 'asks', note: `must be 0: non-2xx, network errors or no answer within ${plan.load.requestTimeoutMs / 1000} s` },
      { section: 'load', metric: '/healthz during load', value: load.health.p50, unit: 'ms', p95: load.health.p95, note: `${load.health.runs} probes, max ${load.health.max.toFixed(0)} ms, ${load.health.failures} failed` },
    );

    // Restart on the seeds with a current index: `npm start` (the bundle) to /healthz 200 and to
    // a first cited answer, from the moment the process is spawned.
    log(`restart on the seeds: ${plan.restartRuns} runs`);
    const restart = await measureRestart({
      args: ['scripts/start.mjs'],
      cwd: repoRoot,
      env: { DATA_DIR: path.join(workDir, 'restart-data'), SEEDS_DIR: path.join(repoRoot, 'seeds'), EMBEDDINGS: 'none' },
      question: 'How much did SoftBank invest in OpenAI?',
      runs: plan.restartRuns,
    });
    results.restart = restart;
    const restartNote = `median of ${restart.runs.length} restarts of npm start (bundle) on the seeds' current index, EMBEDDINGS=none, from process spawn`;
    rows.push(
      { section: 'restart', metric: '/healthz 200', value: restart.medianHealthMs, unit: 'ms', note: restartNote, target: { limit: targets.restartMs, kind: 'max' } },
      { section: 'restart', metric: 'first answer', value: restart.medianFirstAnswerMs, unit: 'ms', note: 'a cited answer to POST /api/ask, polled from spawn', target: { limit: targets.restartMs, kind: 'max' } },
      { section: 'restart', metric: 'RSS idle', value: restart.medianIdleRssMb, unit: 'MB', note: 'the server process after 6 answers and 3 s idle', target: { limit: targets.idleRssMb, kind: 'max' } },
    );

    // 2–4. Retrieval, /api/ask and /api/chat over one synthetic store grown in stages.
    const embedder = createRandomEmbedder(benchEmbedding.modelId, benchEmbedding.dimension);
    const synthetic = await createSyntheticStore(path.join(workDir, 'synthetic-index'), sentences);
    const retrievalResults: unknown[] = [];
    const askResults: unknown[] = [];
    for (const size of plan.retrievalSizes) {
      log(`synthetic store: growing to ${size} passages`);
      const { store, loadMs, optimizeMs } = await synthetic.growTo(size);
      log(`retrieval at ${size} (load ${Math.round(loadMs)} ms, index ${Math.round(optimizeMs)} ms)`);
      const retrieval = await benchRetrieval(store, synthetic.directory, embedder, questions, plan.retrievalBudget);
      retrievalResults.push({ size, loadMs, optimizeMs, ...retrieval });
      const label = `${size / 1000}k`;
      rows.push(
        { section: 'retrieval', metric: `hybrid @${label}`, value: retrieval.hybrid.p50, unit: 'ms', p95: retrieval.hybrid.p95, note: `${retrieval.hybrid.runs} runs; ours/raw ${retrieval.overhead.toFixed(2)}× (≤${targets.hybridOverRaw}×)`, target: size === 100_000 ? { limit: targets.hybridP50At100kMs, kind: 'max' } : undefined },
        { section: 'retrieval', metric: `raw LanceDB @${label}`, value: retrieval.raw.p50, unit: 'ms', p95: retrieval.raw.p95, note: `FTS ${retrieval.breakdown.keywordSearchMs.toFixed(1)} / vector ${retrieval.breakdown.vectorSearchMs.toFixed(1)} / normalise ${retrieval.breakdown.normalizeMs.toFixed(2)} / rest ${retrieval.breakdown.restMs.toFixed(1)} ms; index build ${(optimizeMs / 1000).toFixed(1)} s` },
        { section: 'retrieval', metric: `overhead ours/raw @${label}`, value: retrieval.overhead, unit: '×', target: { limit: targets.hybridOverRaw, kind: 'max' } },
      );
      if (plan.askSizes.includes(size)) {
        log(`/api/ask at ${size}`);
        const ask = await benchAsk(store, questions, plan.askBudget);
        askResults.push({ size, ...ask });
        rows.push({ section: '/api/ask', metric: `extractive @${label}`, value: ask.p50, unit: 'ms', p95: ask.p95, note: `${ask.runs} runs, in-process app.request; ${Math.round(ask.citedShare * 100)}% cited`, target: size === 10_000 || (quick && size === plan.askSizes.at(-1)) ? { limit: targets.askP50At10kMs, kind: 'max' } : undefined });
      }
      if (size === plan.chatSize) {
        log(`/api/chat over HTTP at ${size}`);
        const chat = await benchChat(store, questions, plan.chatBudget);
        results.chat = { size, ...chat };
        rows.push(
          { section: '/api/chat', metric: `first byte @${label}`, value: chat.firstByte.p50, unit: 'ms', p95: chat.firstByte.p95, note: `${chat.firstByte.runs} runs, real server on 127.0.0.1`, target: { limit: targets.chatFirstByteMs, kind: 'max' } },
          { section: '/api/chat', metric: `first text-delta @${label}`, value: chat.firstText.p50, unit: 'ms', p95: chat.firstText.p95, note: `whole stream p50 ${chat.complete.p50.toFixed(1)} ms` },
        );
      }
    }
    results.retrieval = retrievalResults;
    results.ask = askResults;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  results.totalSeconds = (performance.now() - started) / 1000;
  results.rows = rows;
  const title = `Benchmark (${quick ? 'quick' : 'full'}) — ${new Date().toISOString()}, ${cpus().length} CPUs, Node ${process.version}, ${(results.totalSeconds as number).toFixed(0)} s`;
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(outDir, 'results.md'), `# ${title}\n\n${formatReport(rows, 'markdown')}\n`);
  process.stdout.write(`\n${title}\n\n${formatReport(rows, 'text')}\n\nWritten: bench/out/results.json, bench/out/results.md\n`);
}
