import * as lancedb from '@lancedb/lancedb';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { openLanceStore, passagesTableName } from '../src/adapters/lancedb-store.js';
import { normalizeSearchText } from '../src/core/normalize-search-text.js';
import { retrieve } from '../src/engine/retrieve.js';
import { runIngest } from '../src/ingest/run-ingest.js';
import { buildBenchQuestions } from './build-bench-questions.js';
import { shortShape } from './build-synthetic-corpus.js';
import { createRandom, createRandomUnitVector } from './create-random.js';
import { createRandomEmbedder } from './create-random-embedder.js';
import { benchEmbedding, createSyntheticStore } from './create-synthetic-store.js';
import { measureLatency } from './measure-latency.js';
import { readSeedSentences } from './read-seed-sentences.js';
import { writeShortDocuments } from './write-short-documents.js';

const outDir = path.resolve(import.meta.dirname, 'out');
const recallQueries = 200;
const latencyBudget = { warmupRuns: 10, maxRuns: 300, maxMs: 20_000 };
const targets = { hybridP95Ms: 50, recallAt10: 0.95, servingRssMb: 2_048, keywordIngestMinutes: 10 };

function log(message: string): void {
  process.stderr.write(`[scale ${(performance.now() / 1000).toFixed(0)}s] ${message}\n`);
}

const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

/** `1m` → 1,000,000; `250k` → 250,000. Throws on anything else. */
export function parseScale(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/iu.exec(value);
  if (!match) throw new Error(`--scale must look like 1m or 250k (got "${value}")`);
  return Math.round(Number(match[1]) * (match[2]!.toLowerCase() === 'm' ? 1e6 : match[2] ? 1e3 : 1));
}

async function recallAt10(table: lancedb.Table, queries: number[][], exact: string[][], tune: (query: lancedb.VectorQuery) => lancedb.VectorQuery): Promise<{ recall: number; p50Ms: number; p95Ms: number }> {
  let found = 0;
  const samples: number[] = [];
  for (const [index, vector] of queries.entries()) {
    const started = performance.now();
    const rows = await tune(table.query().nearestTo(vector).distanceType('cosine')).select(['id']).limit(10).toArray();
    samples.push(performance.now() - started);
    const truth = new Set(exact[index]);
    found += rows.filter((row: { id: string }) => truth.has(String(row.id))).length;
  }
  samples.sort((left, right) => left - right);
  return { recall: found / (10 * queries.length), p50Ms: samples[Math.floor(samples.length * 0.5)]!, p95Ms: samples[Math.ceil(samples.length * 0.95) - 1]! };
}

/**
 * `npm run bench -- --scale 1m`: a keyword-only ingest of the short-document shape through the
 * real runIngest at that many passages; then a store of the same size with 384-d random vectors
 * (bulk-loaded), its index build, ANN recall@10 against exact search on 200 queries for HNSW-SQ
 * and IVF-PQ, keyword/vector/hybrid latency and RSS while serving. Results are written to
 * bench/out/scale-results.json after every phase, so a run stopped by a time limit still reports.
 */
export async function runScaleBench(passages: number): Promise<void> {
  const results: Record<string, unknown> = { createdAt: new Date().toISOString(), passages, machine: { cpus: cpus().length, node: process.version }, targets };
  await mkdir(outDir, { recursive: true });
  const save = () => writeFile(path.join(outDir, 'scale-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const workDir = await mkdtemp(path.join(tmpdir(), 'bench-scale-'));
  try {
    const sentences = await readSeedSentences();

    // 1. Keyword-only ingest through runIngest (files on disk, workers, LanceDB commits, FTS build).
    const documents = Math.ceil(passages / 2.48);
    log(`writing ${documents} short documents`);
    const sourceDir = await writeShortDocuments(path.join(workDir, 'sources'), sentences, documents);
    log('keyword-only ingest');
    const keywordStore = await openLanceStore(path.join(workDir, 'keyword-index'));
    const ingestStarted = performance.now();
    const summary = await runIngest({ sourceDir, store: keywordStore, embedder: null, reportPath: path.join(workDir, 'ingest-report.json') });
    const ingestMs = performance.now() - ingestStarted;
    results.keywordIngest = { documents: summary.documents, passages: summary.passages, ms: Math.round(ingestMs), passagesPerSecond: Math.round(summary.passages / (ingestMs / 1000)), rssMb: rssMb() };
    log(`ingest: ${JSON.stringify(results.keywordIngest)}`);
    await save();
    await rm(sourceDir, { recursive: true, force: true });
    await rm(path.join(workDir, 'keyword-index'), { recursive: true, force: true });

    // 2. The same shape with 384-d vectors, bulk-loaded, then the index build.
    log('vector store: loading');
    const directory = path.join(workDir, 'vector-index');
    const synthetic = await createSyntheticStore(directory, sentences, shortShape);
    const { store, loadMs } = await synthetic.growTo(passages, { optimize: false });
    const optimizeStarted = performance.now();
    await store.optimize();
    const indexBuildMs = performance.now() - optimizeStarted;
    results.vectorStore = { passages: synthetic.passages, loadMs: Math.round(loadMs), indexBuildMs: Math.round(indexBuildMs), index: 'FTS + bitmap(kind) + HNSW-SQ (store.optimize)' };
    log(`vector store: ${JSON.stringify(results.vectorStore)}`);
    await save();

    // 3. Recall@10 against exact search, per index type.
    const table = await (await lancedb.connect(directory)).openTable(passagesTableName);
    const random = createRandom(2024);
    const queries = Array.from({ length: recallQueries }, () => createRandomUnitVector(random, benchEmbedding.dimension));
    log('exact search for 200 queries');
    const exactStarted = performance.now();
    const exact: string[][] = [];
    for (const vector of queries) {
      const rows = await table.query().nearestTo(vector).distanceType('cosine').bypassVectorIndex().select(['id']).limit(10).toArray();
      exact.push(rows.map((row: { id: string }) => String(row.id)));
    }
    const recall: Record<string, unknown> = { exactMsPerQuery: Math.round((performance.now() - exactStarted) / recallQueries) };
    results.recall = recall;
    for (const ef of [64, 200]) recall[`hnswSq ef=${ef}`] = await recallAt10(table, queries, exact, (query) => query.ef(ef));
    log(`recall: ${JSON.stringify(recall)}`);
    await save();
    // 4. Latency and RSS while serving, through the store and retrieve() as the server runs them.
    const embedder = createRandomEmbedder(benchEmbedding.modelId, benchEmbedding.dimension);
    const questions = buildBenchQuestions(sentences);
    const latency: Record<string, unknown> = {};
    results.latency = latency;
    const measureServing = async (label: string) => {
      const served = await openLanceStore(directory);
      const keyword = await measureLatency((index) => served.keywordSearch(normalizeSearchText(questions[index % questions.length]!.question), { limit: 24, filter: {} }), latencyBudget);
      const vector = await measureLatency((index) => served.vectorSearch(embedder.vectors[index % embedder.vectors.length]!, { limit: 24, filter: {} }), latencyBudget);
      const hybrid = await measureLatency((index) => retrieve({ store: served, embedder }, questions[index % questions.length]!.question), latencyBudget);
      const strip = ({ samples: _samples, ...summary }: { samples: number[] }) => summary;
      latency[label] = { keyword: strip(keyword), vector: strip(vector), hybrid: strip(hybrid), rssMb: rssMb() };
      log(`latency ${label}: ${JSON.stringify(latency[label])}`);
      await save();
    };
    await measureServing('HNSW-SQ');
    const ivfStarted = performance.now();
    await table.createIndex('vector', { config: lancedb.Index.ivfPq({ distanceType: 'cosine', numPartitions: Math.round(Math.sqrt(passages)), numSubVectors: 48 }), replace: true });
    recall.ivfPqBuildMs = Math.round(performance.now() - ivfStarted);
    for (const [nprobes, refine] of [[20, 10], [50, 10], [100, 20]] as const) {
      recall[`ivfPq nprobes=${nprobes} refine=${refine}`] = await recallAt10(table, queries, exact, (query) => query.nprobes(nprobes).refineFactor(refine));
    }
    log(`recall: ${JSON.stringify(recall)}`);
    await save();

    await measureServing('IVF-PQ');
  } finally {
    await rm(workDir, { recursive: true, force: true });
    results.finishedAt = new Date().toISOString();
    await save();
  }
}
