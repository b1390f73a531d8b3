import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentWrite, LanceStore } from '../adapters/lancedb-store.js';
import type { DroppedLine, Passage, StoredDocument } from '../core/types.js';
import type { Embedder } from '../ports.js';
import { prepareDocuments } from './prepare-document.js';
import { readSourceFiles, type ReadSourceOptions, type SkippedFile } from './read-source-files.js';

export interface IngestOptions {
  sourceDir: string;
  store: LanceStore;
  embedder: Embedder | null;
  /** Where `ingest-report.json` is written. */
  reportPath: string;
  rebuild?: boolean;
  /** Passages per LanceDB commit (whole documents only; default 2,000). */
  batchSize?: number;
  onProgress?: (event: { done: number; total: number; docId: string }) => void;
  /** Which files are read: symlinks out of the folder, the size cap. */
  read?: ReadSourceOptions;
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

  const { files, skipped } = await readSourceFiles(options.sourceDir, options.read);
  const existing = await store.readEmbeddingInfo();
  const rebuilt = Boolean(options.rebuild) || existing === undefined || JSON.stringify(existing) !== JSON.stringify(embedding);
  if (rebuilt) await store.reset(embedding);

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
    await store.writeDocuments(batch);
  }

  for (const { document, passages, done } of prepareDocuments(files, embedding?.modelId ?? 'none', skipped)) {
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
  if (rebuilt || written > 0 || removed.length > 0) await store.optimize();

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
    ms: Math.round(performance.now() - started),
  };
}
