import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentWrite, LanceStore } from '../adapters/lancedb-store.js';
import { verifyIndex } from '../adapters/verify-index.js';
import { AppError } from '../core/app-error.js';
import type { DroppedLine, Passage, StoredDocument } from '../core/types.js';
import type { Embedder } from '../ports.js';
import { crashPoint } from './crash-point.js';
import { prepareDocuments } from './prepare-document.js';
import { readSourceFiles, type SkippedFile } from './read-source-files.js';

/** The default time allowed to clean and split one source file. */
export const defaultFileBudgetMs = 30_000;

export interface IngestOptions {
  sourceDir: string;
  store: LanceStore;
  embedder: Embedder | null;
  /** Where `ingest-report.json` is written. */
  reportPath: string;
  rebuild?: boolean;
  /** Passages per LanceDB commit (whole documents only; default 2,000). */
  batchSize?: number;
  /** Time allowed to clean and split one file; a file over it is skipped with a reason (default 30 s). */
  fileBudgetMs?: number;
  /** Rebuild a damaged index from the sources (default true); false throws AppError `unavailable:index`. */
  repair?: boolean;
  onProgress?: (event: { done: number; total: number; docId: string }) => void;
}

export interface IngestSummary {
  documents: number;
  written: number;
  unchanged: number;
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

export interface IngestReport {
  createdAt: string;
  sourceDir: string;
  embedder: string;
  documents: Array<{ docId: string; sourcePath: string; title: string; paragraphs: number; passages: number; dropped: DroppedLine[] }>;
  skipped: SkippedFile[];
}


/**
 * Cleans, splits, embeds and stores every source file. Incremental by content hash,
 * whole documents per commit, crash-safe (a re-run completes a half-written index), and
 * removes documents whose files are gone. Throws only when the source folder is unreadable
 * or the store fails.
 */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { store, embedder } = options;
  const embedding = embedder ? { modelId: embedder.modelId, dimension: embedder.dimension } : null;
  const embedderName = embedding ? `${embedding.modelId} (${embedding.dimension}-d)` : 'none (keyword-only)';

  const { files, skipped } = await readSourceFiles(options.sourceDir);
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
  const rebuilt = Boolean(options.rebuild) || existing === undefined || JSON.stringify(existing) !== JSON.stringify(embedding);
  if (rebuilt) {
    await store.reset(embedding);
  } else if (verdict.duplicateDocIds.length > 0) {
    await store.deleteDocuments(verdict.duplicateDocIds);
    repairs.push(`removed duplicate rows of ${verdict.duplicateDocIds.length} documents: ${verdict.duplicateDocIds.join(', ')}`);
  }

  const storedHashes = await store.readDocumentHashes();
  const report: IngestReport = { createdAt: new Date().toISOString(), sourceDir: options.sourceDir, embedder: embedderName, documents: [], skipped };
  let written = 0;
  let passageCount = 0;
  let droppedLines = 0;

  // Whole documents are written in batches: one LanceDB commit costs ~10 ms, so a commit per
  // document would dominate ingest time. A batch never splits a document.
  const batchSize = options.batchSize ?? 2_000;
  let pending: Array<{ document: StoredDocument; passages: Passage[] }> = [];
  let pendingPassages = 0;
  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const texts = pending.flatMap(({ passages }) => passages.map((passage) => passage.text));
    const vectors = embedder ? await embedder.embedPassages(texts) : null;
    let offset = 0;
    const batch: DocumentWrite[] = pending.map(({ document, passages }) => {
      const own = vectors ? vectors.slice(offset, offset + passages.length) : null;
      offset += passages.length;
      return { document, passages, vectors: own };
    });
    pending = [];
    pendingPassages = 0;
    await store.writeDocuments(batch, { afterPassages: () => crashPoint('after-passages') });
    // Readers move to the new versions only now, when passages and document rows agree. A
    // rebuild publishes once, at the end: until then readers keep the old index.
    if (!rebuilt) await store.publishSnapshot();
  }

  for (const { document, passages, done } of prepareDocuments(files, embedding?.modelId ?? 'none', skipped, { budgetMs: options.fileBudgetMs ?? defaultFileBudgetMs })) {
    passageCount += passages.length;
    droppedLines += document.dropped.length;
    report.documents.push({
      docId: document.docId,
      sourcePath: document.sourcePath,
      title: document.metadata.title,
      paragraphs: document.paragraphs.length,
      passages: passages.length,
      dropped: document.dropped,
    });
    if (storedHashes.get(document.docId) !== document.contentHash) {
      pending.push({ document, passages });
      pendingPassages += passages.length;
      written++;
      if (pendingPassages >= batchSize) await flush();
    }
    options.onProgress?.({ done, total: files.length, docId: document.docId });
  }
  await flush();

  const present = new Set(files.map((file) => file.docId));
  const removed = [...storedHashes.keys()].filter((docId) => !present.has(docId));
  await store.deleteDocuments(removed);
  crashPoint('after-rows');
  if (rebuilt || written > 0 || removed.length > 0) await store.optimize();
  // Checked on every run, changes or not: a run killed before its index build left rows that
  // no index covers, and "0 written" must not leave them so.
  repairs.push(...(await store.repairIndexes()));
  crashPoint('after-index');
  await store.publishSnapshot();

  await mkdir(path.dirname(options.reportPath), { recursive: true });
  await writeFile(options.reportPath, `${JSON.stringify(report, null, 2)}\n`);

  return {
    documents: report.documents.length,
    written,
    unchanged: report.documents.length - written,
    deleted: removed.length,
    passages: passageCount,
    droppedLines,
    skipped,
    embedder: embedderName,
    rebuilt,
    repairs,
    ms: Math.round(performance.now() - started),
  };
}
