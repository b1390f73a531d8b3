import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runIngest } from '../src/ingest/run-ingest.js';
import { openLanceStore } from '../src/adapters/lancedb-store.js';
import type { Embedder } from '../src/ports.js';
import { median } from './measure-latency.js';

export interface IngestResult {
  runs: number;
  documents: number;
  passages: number;
  /** Wall time of runIngest, median over runs: read, clean, split, embed, write, index. */
  medianMs: number;
  medianPassagesPerSecond: number;
  allPassagesPerSecond: number[];
}

/**
 * Runs the real ingest `runs` times, each into a fresh LanceDB folder, and reports the median
 * throughput. Stops early once `maxMs` has passed (after at least one run).
 */
export async function benchIngest(sourceDir: string, embedder: Embedder | null, budget: { runs: number; maxMs: number }): Promise<IngestResult> {
  const started = performance.now();
  const durations: number[] = [];
  let documents = 0;
  let passages = 0;
  for (let run = 0; run < budget.runs && (run === 0 || performance.now() - started < budget.maxMs); run++) {
    const directory = await mkdtemp(path.join(tmpdir(), 'bench-ingest-'));
    try {
      const store = await openLanceStore(path.join(directory, 'index'));
      const runStarted = performance.now();
      const summary = await runIngest({ sourceDir, store, embedder, reportPath: path.join(directory, 'ingest-report.json') });
      durations.push(performance.now() - runStarted);
      if (summary.skipped.length > 0) throw new Error(`bench ingest skipped ${summary.skipped.length} files: ${summary.skipped[0]!.reason}`);
      documents = summary.documents;
      passages = summary.passages;
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
  const rates = durations.map((ms) => passages / (ms / 1000));
  return {
    runs: durations.length,
    documents,
    passages,
    medianMs: median(durations),
    medianPassagesPerSecond: median(rates),
    allPassagesPerSecond: rates,
  };
}
