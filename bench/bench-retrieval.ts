import * as lancedb from '@lancedb/lancedb';
import { buildPassageFilterSql, passagesTableName, withVectorQuerySettings } from '../src/adapters/lancedb-store.js';
import { normalizeSearchText } from '../src/core/normalize-search-text.js';
import { retrieve } from '../src/engine/retrieve.js';
import type { Embedder, PassageStore } from '../src/ports.js';
import type { BenchQuestion } from './build-bench-questions.js';
import { median, summarizeLatencies, type LatencyBudget, type LatencySummary } from './measure-latency.js';

// The columns LanceStore selects; the raw query reads the same ones so it moves the same bytes.
const passageColumns = [
  'id', 'doc_id', 'paragraph', 'chunk', 'text', 'search_text', 'kind', 'language', 'title',
  'url', 'published_at', 'outlet', 'start', 'end', 'content_hash',
];

export interface RetrievalResult {
  passages: number;
  hybrid: LatencySummary;
  raw: LatencySummary;
  /** Median of hybrid / raw over pairs run back to back. */
  overhead: number;
  /** Where hybrid time goes: medians of each store call and of everything else. */
  breakdown: { keywordSearchMs: number; vectorSearchMs: number; normalizeMs: number; restMs: number };
  /** Questions that returned at least one passage over the floors. */
  answeredShare: number;
}

/** Wraps a store to time its two search calls. */
function timeStore(store: PassageStore, timings: { keyword: number[]; vector: number[] }): PassageStore {
  return {
    ...store,
    pin: undefined, // a pinned view would bypass the timing
    async keywordSearch(searchText, options) {
      const started = performance.now();
      try {
        return await store.keywordSearch(searchText, options);
      } finally {
        timings.keyword.push(performance.now() - started);
      }
    },
    async vectorSearch(vector, options) {
      const started = performance.now();
      try {
        return await store.vectorSearch(vector, options);
      } finally {
        timings.vector.push(performance.now() - started);
      }
    },
    getDocument: (docId) => store.getDocument(docId),
    stats: () => store.stats(),
  };
}

/**
 * Hybrid retrieve() latency against a raw LanceDB query of the same kind: the same FTS query
 * (pre-normalised search text) and the same vector query (the store's search breadth and refine
 * factor), same filter, columns and limit, run in parallel on the table with no normalisation,
 * fusion or coverage. Runs alternate which
 * goes first, so machine noise hits both alike.
 */
export async function benchRetrieval(
  store: PassageStore,
  directory: string,
  embedder: Embedder & { vectors: number[][] },
  questions: readonly BenchQuestion[],
  budget: LatencyBudget,
): Promise<RetrievalResult> {
  const table = await (await lancedb.connect(directory)).openTable(passagesTableName);
  const passages = await table.countRows();
  const searchTexts = questions.map((question) => normalizeSearchText(question.question));
  const filterSql = buildPassageFilterSql({});
  const limit = 24; // retrieve()'s candidate count for the default topK of 8
  const timings = { keyword: [] as number[], vector: [] as number[] };
  const timedStore = timeStore(store, timings);
  let answered = 0;

  const runHybrid = async (index: number) => {
    const result = await retrieve({ store: timedStore, embedder }, questions[index % questions.length]!.question);
    if (result.passages.length > 0) answered++;
  };
  const runRaw = (index: number) =>
    Promise.all([
      table.query().fullTextSearch(searchTexts[index % searchTexts.length]!, { columns: 'search_text' }).where(filterSql).select([...passageColumns, '_score']).limit(limit).toArray(),
      withVectorQuerySettings(table.query().nearestTo(embedder.vectors[index % embedder.vectors.length]!).distanceType('cosine'), limit).where(filterSql).select([...passageColumns, '_distance']).limit(limit).toArray(),
    ]);

  for (let index = 0; index < budget.warmupRuns; index++) {
    await runHybrid(index);
    await runRaw(index);
  }
  timings.keyword.length = 0;
  timings.vector.length = 0;
  answered = 0;

  const hybridSamples: number[] = [];
  const rawSamples: number[] = [];
  const deadline = performance.now() + budget.maxMs;
  for (let index = 0; index < budget.maxRuns && performance.now() < deadline; index++) {
    const order = index % 2 === 0 ? (['hybrid', 'raw'] as const) : (['raw', 'hybrid'] as const);
    for (const kind of order) {
      const started = performance.now();
      if (kind === 'hybrid') await runHybrid(index);
      else await runRaw(index);
      (kind === 'hybrid' ? hybridSamples : rawSamples).push(performance.now() - started);
    }
  }

  const normalizeSamples = questions.map((question) => {
    const started = performance.now();
    normalizeSearchText(question.question);
    return performance.now() - started;
  });
  const hybrid = summarizeLatencies(hybridSamples);
  const keywordSearchMs = median(timings.keyword);
  const vectorSearchMs = median(timings.vector);
  const normalizeMs = median(normalizeSamples);
  return {
    passages,
    hybrid,
    raw: summarizeLatencies(rawSamples),
    overhead: median(hybridSamples.map((sample, index) => sample / rawSamples[index]!)),
    breakdown: { keywordSearchMs, vectorSearchMs, normalizeMs, restMs: Math.max(0, hybrid.p50 - Math.max(keywordSearchMs, vectorSearchMs) - normalizeMs) },
    answeredShare: answered / hybridSamples.length,
  };
}
