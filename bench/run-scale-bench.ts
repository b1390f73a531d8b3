import * as lancedb from '@lancedb/lancedb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openLanceStore, passagesTableName } from '../src/adapters/lancedb-store.js';
import { normalizeSearchText } from '../src/core/normalize-search-text.js';
import { defaultRetrieveOptions } from '../src/engine/retrieve.js';
import { runIngest } from '../src/ingest/run-ingest.js';
import { buildBenchQuestions } from './build-bench-questions.js';
import { shortShape } from './build-synthetic-corpus.js';
import { createTextEmbedder } from './create-text-embedder.js';
import { benchEmbedding, createSyntheticStore } from './create-synthetic-store.js';
import { median, summarizeLatencies, type LatencySummary } from './measure-latency.js';
import { readSeedSentences } from './read-seed-sentences.js';
import { writeShortDocuments } from './write-short-documents.js';

const outDir = path.resolve(import.meta.dirname, 'out');
const recallQueries = 200;
/** The vector candidates retrieve() asks the store for with the default top 8 (max(topK × 3, 24)). */
const retrieveCandidates = Math.max(defaultRetrieveOptions.topK * 3, 24);
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

type Tune = (query: lancedb.VectorQuery) => lancedb.VectorQuery;

/** A vector index type to compare, and the query settings to sweep on it. */
interface IndexCandidate {
  config: (rows: number) => lancedb.Index;
  settings: Record<string, Tune>;
}

const ivfSettings = (pairs: Array<[number, number | undefined]>): Record<string, Tune> =>
  Object.fromEntries(pairs.map(([nprobes, refine]) => [
    `nprobes=${nprobes}${refine ? ` refine=${refine}` : ''}`,
    (query: lancedb.VectorQuery) => (refine ? query.nprobes(nprobes).refineFactor(refine) : query.nprobes(nprobes)),
  ]));

/** Keyed by the index type LanceDB's listIndices reports, lower-cased. */
export const indexCandidates: Record<string, IndexCandidate> = {
  ivfhnswsq: {
    config: (rows) => lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(rows / 50_000)) }),
    settings: {
      'ef=64': (query) => query.ef(64),
      'ef=200': (query) => query.ef(200),
      'ef=200 refine=4': (query) => query.ef(200).refineFactor(4),
      'ef=300 refine=4': (query) => query.ef(300).refineFactor(4),
      'ef=400 refine=4': (query) => query.ef(400).refineFactor(4),
    },
  },
  ivfpq: {
    config: (rows) => lancedb.Index.ivfPq({ distanceType: 'cosine', numPartitions: Math.round(Math.sqrt(rows)), numSubVectors: 48 }),
    settings: ivfSettings([[20, 10], [50, 10], [50, 20]]),
  },
  ivfrq: {
    config: (rows) => lancedb.Index.ivfRq({ distanceType: 'cosine', numPartitions: Math.round(Math.sqrt(rows)) }),
    settings: ivfSettings([[20, 5], [20, 10], [50, 10]]),
  },
  ivfflat: {
    config: (rows) => lancedb.Index.ivfFlat({ distanceType: 'cosine', numPartitions: Math.round(Math.sqrt(rows)) }),
    settings: ivfSettings([[10, undefined], [20, undefined], [50, undefined]]),
  },
};

interface ServingMeasurement {
  keyword: LatencySummary;
  vector: LatencySummary;
  hybrid: LatencySummary;
  rssMb: number;
  /** The machine's 1-minute load average when the run started (other work shares the cores). */
  loadAverage?: number;
}

/** Keyword/vector/hybrid latency and RSS of a fresh process serving `directory` (measure-scale-serving.ts). */
async function measureServingInChild(directory: string): Promise<ServingMeasurement> {
  const loadAverage = Number(loadavg()[0]!.toFixed(2));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'measure-scale-serving.ts'), directory], { maxBuffer: 2 ** 20 });
  return { ...(JSON.parse(stdout.trim().split('\n').at(-1)!) as ServingMeasurement), loadAverage };
}

/** Per figure, the median over runs of each run's p50 and p95 (and of RSS). */
export function medianOfRuns(runs: ServingMeasurement[]) {
  const of = (leg: 'keyword' | 'vector' | 'hybrid') => ({ p50: median(runs.map((run) => run[leg].p50)), p95: median(runs.map((run) => run[leg].p95)) });
  return { runs: runs.length, keyword: of('keyword'), vector: of('vector'), hybrid: of('hybrid'), rssMb: median(runs.map((run) => run.rssMb)) };
}

async function measureRecall(table: lancedb.Table, queries: Float32Array[], exact: string[][], tune: Tune): Promise<{ recall: number; p50Ms: number; p95Ms: number }> {
  let found = 0;
  const samples: number[] = [];
  for (const [index, vector] of queries.entries()) {
    const started = performance.now();
    const rows = await tune(table.query().nearestTo(vector).distanceType('cosine')).select(['id']).limit(10).toArray();
    samples.push(performance.now() - started);
    const truth = new Set(exact[index]);
    found += rows.filter((row: { id: string }) => truth.has(String(row.id))).length;
  }
  const { p50, p95 } = summarizeLatencies(samples);
  return { recall: found / (10 * queries.length), p50Ms: Number(p50.toFixed(2)), p95Ms: Number(p95.toFixed(2)) };
}

export interface ScaleBenchOptions {
  /** Extra vector index types to build and sweep after the one the store builds (see indexCandidates). */
  compare: string[];
  /** Leave out the keyword-only ingest through runIngest (the longest phase at 1M). */
  skipIngest: boolean;
  /**
   * Keep the vector store in this folder instead of a temporary one, and reuse it when a run
   * already built it there (same size, vector index present): loading and indexing 1M passages
   * takes about 15 minutes, so query settings can be swept on one build. The exact top-10 of
   * the recall questions is kept beside it too.
   */
  keep?: string;
  /** Fresh serving processes to measure latency in; with more than one, the median of their p50s and p95s is reported too. */
  servingRuns: number;
}

/** The kept store in `directory` when it holds `passages` rows and a vector index, else undefined. */
async function openKeptTable(directory: string, passages: number): Promise<lancedb.Table | undefined> {
  const connection = await lancedb.connect(directory);
  if (!(await connection.tableNames()).includes(passagesTableName)) return undefined;
  const table = await connection.openTable(passagesTableName);
  const indexed = (await table.listIndices()).some((index) => index.columns.includes('vector'));
  return indexed && (await table.countRows()) === passages ? table : undefined;
}

/**
 * `npm run bench -- --scale 1m [--compare ivfflat,ivfpq] [--skip-ingest]`. First a store of
 * that many short-shape passages, bulk-loaded with text-derived 384-d vectors (see
 * create-text-embedder.ts: passages that share words point alike, so neighbourhoods exist and
 * recall means something); its index build through the store's own `optimize()`; ANN recall@10
 * against exact search for 200 questions embedded the same way, over the query settings of the
 * shipped index and of each `--compare` index; keyword/vector/hybrid p50/p95 and RSS while
 * serving through the store and retrieve() as the server runs them. Then a keyword-only ingest
 * of the same shape from files through the real runIngest. Results go to
 * bench/out/scale-results.json after every phase, so a run stopped by a time limit still reports.
 */
export async function runScaleBench(passages: number, options: ScaleBenchOptions): Promise<void> {
  // --compare replaces the table's vector index, which would leave a kept store without the shipped one.
  if (options.keep && options.compare.length) throw new Error('--keep and --compare cannot be combined');
  const results: Record<string, unknown> = { createdAt: new Date().toISOString(), passages, machine: { cpus: cpus().length, node: process.version }, targets };
  await mkdir(outDir, { recursive: true });
  const save = () => writeFile(path.join(outDir, 'scale-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const workDir = await mkdtemp(path.join(tmpdir(), 'bench-scale-'));
  try {
    const sentences = await readSeedSentences();
    const embedder = createTextEmbedder(benchEmbedding.modelId, benchEmbedding.dimension);

    // 1. The short shape with text-derived vectors, bulk-loaded, then the store's index build.
    const directory = options.keep ? path.resolve(options.keep) : path.join(workDir, 'vector-index');
    const rowsWanted = Math.ceil(passages / shortShape.passagesPerDocument) * shortShape.passagesPerDocument;
    let table = options.keep ? await openKeptTable(directory, rowsWanted) : undefined;
    if (table) {
      log(`vector store: reusing ${rowsWanted} passages in ${directory}`);
      results.vectorStore = { passages: rowsWanted, reused: directory };
    } else {
      log('vector store: loading');
      const synthetic = await createSyntheticStore(directory, sentences, shortShape, (passage) => embedder.embedSearchText(passage.searchText, passage.id));
      const { store, loadMs } = await synthetic.growTo(passages, { optimize: false });
      log(`vector store: loaded ${synthetic.passages} passages in ${Math.round(loadMs)} ms`);
      const optimizeStarted = performance.now();
      await store.optimize();
      results.vectorStore = { passages: synthetic.passages, loadMs: Math.round(loadMs), indexBuildMs: Math.round(performance.now() - optimizeStarted) };
      table = await (await lancedb.connect(directory)).openTable(passagesTableName);
    }
    const indices = await table.listIndices();
    Object.assign(results.vectorStore as object, { indices: indices.map((index) => `${index.indexType}(${index.columns.join(',')})`) });
    log(`vector store: ${JSON.stringify(results.vectorStore)}`);
    await save();

    // 2. Exact top-10 for 200 questions, then recall@10 of the index's query settings.
    const questions = buildBenchQuestions(sentences, recallQueries, 11);
    const queries = questions.map(({ question }) => embedder.embedSearchText(normalizeSearchText(question)));
    log(`exact search for ${queries.length} queries`);
    const exactStarted = performance.now();
    const exactPath = path.join(directory, 'exact-top10.json');
    let exact: string[][] = options.keep ? await readFile(exactPath, 'utf8').then((text) => JSON.parse(text) as string[][], () => []) : [];
    const exactReused = exact.length === queries.length;
    if (!exactReused) {
      exact = [];
      for (const vector of queries) {
        const rows = await table.query().nearestTo(vector).distanceType('cosine').bypassVectorIndex().select(['id']).limit(10).toArray();
        exact.push(rows.map((row: { id: string }) => String(row.id)));
      }
      if (options.keep) await writeFile(exactPath, JSON.stringify(exact));
    }
    const recall: Record<string, unknown> = { queries: queries.length, ...(exactReused ? { exactReused: true } : { exactMsPerQuery: Math.round((performance.now() - exactStarted) / queries.length) }) };
    results.recall = recall;
    const vectorIndex = indices.find((index) => index.columns.includes('vector'));
    const shipped = Object.entries(indexCandidates).find(([name]) => vectorIndex?.indexType.toLowerCase() === name);
    // The served snapshot, not the table's latest version: optimize() publishes the index as
    // built, and its trailing table.optimize() may rebuild the index (merging small IVF
    // partitions) into a newer version that readers do not see until the next publish.
    const servedTable = (await (await openLanceStore(directory)).openSnapshotTables()).passages!;
    for (const [label, tune] of Object.entries(shipped?.[1].settings ?? {})) {
      recall[`${shipped![0]} ${label}`] = await measureRecall(servedTable, queries, exact, tune);
      log(`recall ${shipped![0]} ${label}: ${JSON.stringify(recall[`${shipped![0]} ${label}`])}`);
    }
    // The store's top 10 when asked for 10, and when asked for the candidates retrieve() asks for.
    recall['as served (store.vectorSearch settings)'] = await measureRecallServed(10);
    recall[`as served, top 10 of ${retrieveCandidates}`] = await measureRecallServed(retrieveCandidates);
    log(`recall as served: ${recall['as served (store.vectorSearch settings)']}, top 10 of ${retrieveCandidates}: ${recall[`as served, top 10 of ${retrieveCandidates}`]}`);
    await save();

    async function measureRecallServed(limit: number) {
      const served = await openLanceStore(directory);
      let found = 0;
      for (const [index, vector] of queries.entries()) {
        const hits = (await served.vectorSearch(Array.from(vector), { limit, filter: {} })).slice(0, 10);
        const truth = new Set(exact[index]);
        found += hits.filter((hit) => truth.has(hit.passage.id)).length;
      }
      return found / (10 * queries.length);
    }

    // 3. Latency and RSS while serving, through the store and retrieve() as the server runs them.
    const latency: Record<string, unknown> = {};
    results.latency = latency;
    const measureServing = async (label: string) => {
      const runs: ServingMeasurement[] = [];
      for (let run = 0; run < options.servingRuns; run++) {
        runs.push(await measureServingInChild(directory));
        log(`latency ${label} run ${run + 1}: ${JSON.stringify(runs.at(-1))}`);
      }
      latency[label] = runs.length === 1 ? runs[0] : { median: medianOfRuns(runs), runs };
      await save();
    };
    await measureServing(shipped?.[0] ?? 'flat');

    // 4. Other index types on the same table, for the choice.
    for (const name of options.compare) {
      const candidate = indexCandidates[name];
      if (!candidate) throw new Error(`--compare: unknown index ${name} (known: ${Object.keys(indexCandidates).join(', ')})`);
      const buildStarted = performance.now();
      await table.createIndex('vector', { config: candidate.config(rowsWanted), replace: true });
      recall[`${name} buildMs`] = Math.round(performance.now() - buildStarted);
      log(`${name} built in ${recall[`${name} buildMs`]} ms`);
      for (const [label, tune] of Object.entries(candidate.settings)) {
        recall[`${name} ${label}`] = await measureRecall(table, queries, exact, tune);
        log(`recall ${name} ${label}: ${JSON.stringify(recall[`${name} ${label}`])}`);
        await save();
      }
    }
    if (!options.keep) await rm(directory, { recursive: true, force: true });

    // 5. Keyword-only ingest through runIngest (files on disk, workers, LanceDB commits, FTS build).
    if (!options.skipIngest) {
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
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
    results.finishedAt = new Date().toISOString();
    await save();
  }
}
