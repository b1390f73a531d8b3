import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { DocumentWrite, LanceStore, StoredDocumentState } from '../adapters/lancedb-store.js';
import { verifyIndex } from '../adapters/verify-index.js';
import { AppError } from '../core/app-error.js';
import { mineDocumentAliases } from '../core/mine-aliases.js';
import { splitPassages } from '../core/split-passages.js';
import type { DroppedLine, StoredDocument } from '../core/types.js';
import type { Embedder } from '../ports.js';
import { crashPoint, pausePoint } from './crash-point.js';
import { createPreparePool } from './create-prepare-pool.js';
import { mapOrdered } from './map-ordered.js';
import type { PrepareTask } from './prepare-source-file.js';
import { listSourceFiles, type ReadSourceOptions, type SkippedFile } from './read-source-files.js';
import { ingestPipeline, matchesWithoutReading, parseSourceStamp } from './source-stamp.js';

export interface IngestOptions {
  sourceDir: string;
  store: LanceStore;
  embedder: Embedder | null;
  /** Where `ingest-report.json` is written. */
  reportPath: string;
  rebuild?: boolean;
  /** Which files are read: symlinks out of the folder, the size cap. */
  read?: ReadSourceOptions;
  /** Passages per LanceDB commit (whole documents only; default 2,000). */
  batchSize?: number;
  /**
   * Worker threads that prepare files (read, clean, split, search text). Default: one per
   * core when at least `workerThreshold` files need preparing, else none (start-up costs more).
   */
  workers?: number;
  /** Time allowed to clean and split one file; a file over it is skipped with a reason (default 30 s). */
  fileBudgetMs?: number;
  /** Rebuild a damaged index from the sources (default true); false throws AppError `unavailable:index`. */
  repair?: boolean;
  onProgress?: (event: { done: number; total: number; docId: string }) => void;
  /** Called once the files are listed: `done` counts those unchanged by size and modification time. */
  onListed?: (event: { done: number; total: number }) => void;
  /** Called once every file is prepared and written, when index building and compaction start. */
  onIndexing?: () => void;
}

export interface IngestSummary {
  documents: number;
  written: number;
  unchanged: number;
  /** Files read and cleaned this run; an unchanged file is neither. */
  cleaned: number;
  deleted: number;
  passages: number;
  droppedLines: number;
  skipped: SkippedFile[];
  embedder: string;
  rebuilt: boolean;
  /** What this run found wrong with the index and repaired (damage, duplicates, index gaps). */
  repairs: string[];
  ms: number;
}

export interface IngestReportDocument {
  docId: string;
  sourcePath: string;
  title: string;
  paragraphs: number;
  passages: number;
  dropped: DroppedLine[];
}

export interface IngestReport {
  createdAt: string;
  sourceDir: string;
  embedder: string;
  documents: IngestReportDocument[];
  skipped: SkippedFile[];
}

/** The default time allowed to clean and split one source file. */
export const defaultFileBudgetMs = 30_000;

/** Below this many files to prepare, worker start-up costs more than it saves. */
export const workerThreshold = 200;

async function readPreviousReport(reportPath: string): Promise<Map<string, IngestReportDocument>> {
  try {
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as IngestReport;
    return new Map(report.documents.map((document) => [document.docId, document]));
  } catch {
    return new Map();
  }
}

function reportEntry(document: StoredDocument, passages: number): IngestReportDocument {
  return { docId: document.docId, sourcePath: document.sourcePath, title: document.metadata.title, paragraphs: document.paragraphs.length, passages, dropped: document.dropped };
}

/**
 * Cleans, splits, embeds and stores every source file. Incremental: a file whose size and
 * modification time (or, failing that, raw-bytes hash) match what the index recorded for the
 * same pipeline (cleaning rules version, search text, chunking, model) is not read or not
 * cleaned again; a cleaned file is written only when its content hash changed. Whole documents
 * per commit, crash-safe (a re-run completes a half-written index), and removes documents
 * whose files are gone. Files are prepared on worker threads when there are many.
 * Throws only when the source folder is unreadable or the store fails.
 */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { store, embedder } = options;
  const embedding = embedder ? { modelId: embedder.modelId, dimension: embedder.dimension } : null;
  const embedderName = embedding ? `${embedding.modelId} (${embedding.dimension}-d)` : 'none (keyword-only)';
  const embedderId = embedding?.modelId ?? 'none';
  const pipeline = ingestPipeline(embedderId);

  const { entries, skipped } = await listSourceFiles(options.sourceDir, options.read);
  // Never build on an index that is not sound: a damaged one is rebuilt from the sources, and
  // documents with duplicate rows (two writers at once, before the lock) are written again.
  const repairs: string[] = [];
  store.refresh(); // another process may have written since this handle last looked
  const verdict = await verifyIndex(store);
  if (verdict.state === 'damaged') {
    if (options.repair === false && !options.rebuild) {
      throw new AppError('unavailable:index', `The index is damaged (${verdict.problems.join('; ')}). Run the ingest without --no-repair to rebuild it from the sources.`);
    }
    await store.destroy();
    repairs.push(`rebuilt a damaged index: ${verdict.problems.join('; ')}`);
  }
  const existing = await store.readEmbeddingInfo();
  if (existing !== undefined && verdict.state !== 'damaged' && verdict.duplicateDocIds.length > 0) {
    // Deleted here, so their stamps are gone too and they are prepared and written again below.
    await store.deleteDocuments(verdict.duplicateDocIds);
    repairs.push(`removed duplicate rows of ${verdict.duplicateDocIds.length} documents: ${verdict.duplicateDocIds.join(', ')}`);
  }
  let states: Map<string, StoredDocumentState> | undefined = existing === undefined ? undefined : await store.readDocumentStates();
  // An older index layout (no source stamps) is rebuilt like a missing one.
  const rebuilt = Boolean(options.rebuild) || existing === undefined || states === undefined || JSON.stringify(existing) !== JSON.stringify(embedding);
  if (rebuilt) {
    await store.reset(embedding);
    states = new Map();
  }
  const storedStates = states!;
  // Readers move to each batch as it commits, except during a rebuild over an index they can
  // still read: they keep that one until the rebuilt index is complete. A first ingest (or a
  // rebuild after damage) has nothing to keep, so its first batch is served at once.
  const publishEachBatch = !rebuilt || verdict.state === 'missing' || verdict.state === 'damaged';
  const previousReport = rebuilt ? new Map<string, IngestReportDocument>() : await readPreviousReport(options.reportPath);

  const report: IngestReport = { createdAt: new Date().toISOString(), sourceDir: options.sourceDir, embedder: embedderName, documents: [], skipped };
  const reportByDoc = new Map<string, IngestReportDocument>();
  let written = 0;
  let cleaned = 0;

  // Whole documents are written in batches: one LanceDB commit costs ~10 ms, so a commit per
  // document would dominate ingest time. A batch never splits a document.
  const batchSize = options.batchSize ?? 2_000;
  let pending: DocumentWrite[] = [];
  let pendingPassages = 0;
  // One batch is written while the next is prepared; a failed write rethrows at the next flush.
  let writing: Promise<void> = Promise.resolve();
  async function flush(): Promise<void> {
    await writing;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingPassages = 0;
    writing = writeBatch(batch);
    writing.catch(() => undefined);
  }
  async function writeBatch(batch: DocumentWrite[]): Promise<void> {
    if (embedder) {
      const vectors = await embedder.embedPassages(batch.flatMap(({ passages }) => passages.map((passage) => passage.text)));
      let offset = 0;
      for (const write of batch) {
        write.vectors = vectors.slice(offset, offset + write.passages.length);
        offset += write.passages.length;
      }
    }
    await store.writeDocuments(batch, {
      afterPassages: () => {
        crashPoint('after-passages');
        return pausePoint('after-passages');
      },
    });
    // Readers move to the new versions only now, when passages and document rows agree.
    if (publishEachBatch) {
      // Keyword search needs its indexes from the first batch on; later batches' rows are
      // searched unindexed until the optimize at the end folds them in.
      if (rebuilt) await store.ensureSearchIndexes();
      await store.publishSnapshot();
    }
  }

  // Unchanged by size and modification time: not even read.
  const tasks: PrepareTask[] = [];
  const unreadEntries = new Set<string>();
  for (const entry of entries) {
    const stored = storedStates.get(entry.docId);
    const stamp = parseSourceStamp(stored?.sourceStamp);
    if (matchesWithoutReading(stamp, entry, pipeline)) unreadEntries.add(entry.docId);
    else tasks.push({ entry, stored: stamp });
  }
  let done = unreadEntries.size;
  options.onListed?.({ done, total: entries.length });
  const missingFromReport: string[] = [];
  for (const docId of unreadEntries) {
    const previous = previousReport.get(docId);
    if (previous) reportByDoc.set(docId, previous);
    else missingFromReport.push(docId);
  }

  const workers = options.workers ?? (tasks.length >= workerThreshold ? Math.min(availableParallelism(), 8) : 0);
  const pool = createPreparePool(workers);
  try {
    const context = { embedderId, pipeline, budgetMs: options.fileBudgetMs ?? defaultFileBudgetMs };
    const inFlight = Math.max(8, workers * 16);
    let index = 0;
    for await (const result of mapOrdered(tasks, inFlight, (task) => pool.prepare(task, context))) {
      const { entry } = tasks[index++]!;
      done++;
      if (result.kind === 'skipped') {
        skipped.push({ sourcePath: entry.sourcePath, reason: result.reason });
        // A file that could not be prepared this time keeps its indexed version.
        const previous = storedStates.has(entry.docId) ? previousReport.get(entry.docId) : undefined;
        if (previous) reportByDoc.set(entry.docId, previous);
        else if (storedStates.has(entry.docId)) missingFromReport.push(entry.docId);
      } else if (result.kind === 'unchanged') {
        const previous = previousReport.get(entry.docId);
        if (previous) reportByDoc.set(entry.docId, previous);
        else missingFromReport.push(entry.docId);
      } else {
        cleaned++;
        const { document, passages, sourceStamp } = result;
        reportByDoc.set(document.docId, reportEntry(document, passages.length));
        // Written even when its content hash is unchanged (an edit that cleans to the same text,
        // a new rules version with the same output), so that its new stamp is recorded.
        pending.push({ document, passages, vectors: null, sourceStamp, aliases: mineDocumentAliases(document) });
        pendingPassages += passages.length;
        written++;
        if (pendingPassages >= batchSize) await flush();
      }
      options.onProgress?.({ done, total: entries.length, docId: entry.docId });
    }
    await flush();
    await writing;
  } finally {
    await pool.close();
  }

  // Unchanged documents the previous report does not list (it was deleted): read them back.
  for (const docId of missingFromReport) {
    const document = await store.getDocument(docId);
    if (document) reportByDoc.set(docId, reportEntry(document, splitPassages(document).length));
  }

  const present = new Set(entries.filter((entry) => reportByDoc.has(entry.docId)).map((entry) => entry.docId));
  for (const entry of entries) {
    const document = reportByDoc.get(entry.docId);
    if (document) report.documents.push(document);
  }
  const removed = [...storedStates.keys()].filter((docId) => !present.has(docId));
  options.onIndexing?.();
  await store.deleteDocuments(removed);
  crashPoint('after-rows');
  if (rebuilt || written > 0 || removed.length > 0) await store.optimize();
  // Checked on every run, changes or not: a run killed before its index build left rows that
  // no index covers, and "0 written" must not leave them so.
  repairs.push(...(await store.repairIndexes()));
  crashPoint('after-index');
  await store.publishSnapshot();

  skipped.sort((left, right) => left.sourcePath.localeCompare(right.sourcePath));
  await mkdir(path.dirname(options.reportPath), { recursive: true });
  await writeFile(options.reportPath, `${JSON.stringify(report, null, 2)}\n`);

  return {
    documents: report.documents.length,
    written,
    unchanged: report.documents.length - written,
    cleaned,
    deleted: removed.length,
    passages: report.documents.reduce((sum, document) => sum + document.passages, 0),
    droppedLines: report.documents.reduce((sum, document) => sum + document.dropped.length, 0),
    skipped,
    embedder: embedderName,
    rebuilt,
    repairs,
    ms: Math.round(performance.now() - started),
  };
}
