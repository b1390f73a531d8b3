import { z } from 'zod';
import { defaultCloudflareApiBaseUrl, type CloudflareApi, type VectorRecord } from '../adapters/cloudflare-api.js';
import { toKeywordText } from '../adapters/d1-store.js';
import { defaultWorkersAiEmbeddingModel } from '../adapters/workers-ai-embedder.js';
import { emptyAsUndefined, parseEnvironment } from '../config.js';
import type { Passage } from '../core/types.js';
import type { Embedder } from '../ports.js';
import { prepareDocuments } from './prepare-document.js';
import { readSourceFiles, type SkippedFile } from './read-source-files.js';

const required = (name: string) => z.preprocess(emptyAsUndefined, z.string({ error: `${name} must be set to publish to Cloudflare` }).min(1));

/**
 * What `npm run ingest -- --target cloudflare` reads from the environment, on top of the app's
 * schema (EMBEDDINGS=none publishes keyword-only). docs-workers.md lists each variable.
 */
export const publishConfigSchema = z.object({
  CLOUDFLARE_ACCOUNT_ID: required('CLOUDFLARE_ACCOUNT_ID'),
  /** Needs D1 Edit, Vectorize Edit and Workers AI Read. */
  CLOUDFLARE_API_TOKEN: required('CLOUDFLARE_API_TOKEN'),
  CLOUDFLARE_D1_DATABASE_ID: required('CLOUDFLARE_D1_DATABASE_ID'),
  CLOUDFLARE_VECTORIZE_INDEX: z.preprocess(emptyAsUndefined, z.string().default('cited-answers')),
  CLOUDFLARE_API_BASE_URL: z.preprocess(emptyAsUndefined, z.url().default(defaultCloudflareApiBaseUrl)),
  WORKERS_AI_EMBEDDING_MODEL: z.preprocess(emptyAsUndefined, z.string().default(defaultWorkersAiEmbeddingModel)),
});

export type PublishConfig = z.output<typeof publishConfigSchema>;

/** Parses the publisher's environment. Throws AppError `bad_request:config` naming every invalid variable. */
export function parsePublishConfig(environment: Record<string, string | undefined>): PublishConfig {
  return parseEnvironment(publishConfigSchema, environment);
}

export interface PublishOptions {
  sourceDir: string;
  api: CloudflareApi;
  databaseId: string;
  indexName: string;
  /** Workers AI over REST, or null to publish keyword-only (no vectors). */
  embedder: Embedder | null;
  /** Publish every document again, even unchanged ones. */
  rebuild?: boolean;
  onProgress?: (event: { done: number; total: number; docId: string }) => void;
}

export interface PublishSummary {
  documents: number;
  written: number;
  unchanged: number;
  deleted: number;
  passages: number;
  vectorsUpserted: number;
  vectorsDeleted: number;
  skipped: SkippedFile[];
  embedder: string;
  ms: number;
}

/** Rows per INSERT: D1 binds at most 100 parameters per statement (16 columns). */
const passageRowsPerStatement = 6;
const vectorsPerUpsert = 500;

const passageInsertColumns = ['id', 'doc_id', 'paragraph', 'chunk', 'text', 'search_text', 'keyword_text', 'kind', 'language', 'title', 'url', 'published_at', 'outlet', 'start', '"end"', 'content_hash'];

function passageValues(passage: Passage, contentHash: string): unknown[] {
  return [
    passage.id, passage.docId, passage.paragraph, passage.chunk, passage.text, passage.searchText, toKeywordText(passage.searchText), passage.kind,
    passage.language, passage.title, passage.url ?? null, passage.publishedAt ?? null, passage.outlet ?? null,
    passage.start, passage.end, contentHash,
  ];
}


function chunk<Item>(items: Item[], size: number): Item[][] {
  const chunks: Item[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Publishes the source folder to the Workers index through Cloudflare's REST API: cleans and
 * splits every file with the same core as the Node ingest, embeds changed documents with
 * Workers AI, upserts their vectors into Vectorize (id = passage id, metadata for filtering)
 * and their rows into D1. Idempotent: a document whose content hash is already in D1 is not
 * touched, so a second run writes nothing. Passages a changed document no longer has, and
 * every passage of a removed document, are deleted from both. A document's D1 row is written
 * last, so a run that stops halfway is completed by the next one.
 * Throws AppError `upstream:cloudflare` or `upstream:embedder` when Cloudflare fails.
 */
export async function publishToCloudflare(options: PublishOptions): Promise<PublishSummary> {
  const started = performance.now();
  const { api, databaseId, indexName, embedder } = options;
  const query = <Row = Record<string, unknown>>(sql: string, params: unknown[] = []) => api.queryD1<Row>(databaseId, sql, params);
  const embedding = embedder ? { modelId: embedder.modelId, dimension: embedder.dimension } : null;
  const embedderName = embedding ? `${embedding.modelId} (${embedding.dimension}-d)` : 'none (keyword-only)';

  const { files, skipped } = await readSourceFiles(options.sourceDir);
  const storedHashes = new Map(
    (await query<{ doc_id: string; content_hash: string }>('SELECT doc_id, content_hash FROM documents')).map((row) => [row.doc_id, row.content_hash]),
  );
  const storedEmbedding = (await query<{ value: string }>(`SELECT value FROM meta WHERE key = 'embedding'`))[0]?.value;

  let written = 0;
  let passageCount = 0;
  let vectorsUpserted = 0;
  let vectorsDeleted = 0;
  const present = new Set<string>();

  for (const { document, passages, done } of prepareDocuments(files, embedding?.modelId ?? 'none', skipped)) {
    present.add(document.docId);
    passageCount += passages.length;
    options.onProgress?.({ done, total: files.length, docId: document.docId });
    if (!options.rebuild && storedHashes.get(document.docId) === document.contentHash) continue;

    const newIds = new Set(passages.map((passage) => passage.id));
    const oldIds = (await query<{ id: string }>('SELECT id FROM passages WHERE doc_id = ?', [document.docId])).map((row) => row.id);
    const staleIds = oldIds.filter((id) => !newIds.has(id));

    if (embedder && passages.length > 0) {
      const vectors = await embedder.embedPassages(passages.map((passage) => passage.text));
      const records: VectorRecord[] = passages.map((passage, position) => ({
        id: passage.id,
        values: vectors[position]!,
        metadata: { doc_id: passage.docId, kind: passage.kind, language: passage.language, paragraph: passage.paragraph },
      }));
      for (const batch of chunk(records, vectorsPerUpsert)) await api.upsertVectors(indexName, batch);
      vectorsUpserted += records.length;
    }
    if (staleIds.length > 0) {
      for (const batch of chunk(staleIds, vectorsPerUpsert)) await api.deleteVectors(indexName, batch);
      vectorsDeleted += staleIds.length;
    }

    // Upsert rather than delete-then-insert, so keyword search never sees the document vanish.
    for (const batch of chunk(passages, passageRowsPerStatement)) {
      const placeholders = batch.map(() => `(${passageInsertColumns.map(() => '?').join(', ')})`).join(', ');
      const updates = passageInsertColumns.filter((column) => column !== 'id').map((column) => `${column} = excluded.${column}`).join(', ');
      await query(
        `INSERT INTO passages (${passageInsertColumns.join(', ')}) VALUES ${placeholders} ON CONFLICT (id) DO UPDATE SET ${updates}`,
        batch.flatMap((passage) => passageValues(passage, document.contentHash)),
      );
    }
    if (staleIds.length > 0) {
      await query('DELETE FROM passages WHERE doc_id = ? AND id IN (SELECT value FROM json_each(?))', [document.docId, JSON.stringify(staleIds)]);
    }
    await query(
      `INSERT INTO documents (doc_id, source_path, content_hash, document) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET source_path = excluded.source_path, content_hash = excluded.content_hash, document = excluded.document`,
      [document.docId, document.sourcePath, document.contentHash, JSON.stringify(document)],
    );
    written++;
  }

  const removed = [...storedHashes.keys()].filter((docId) => !present.has(docId));
  if (removed.length > 0) {
    const removedIds = JSON.stringify(removed);
    const ids = (await query<{ id: string }>('SELECT id FROM passages WHERE doc_id IN (SELECT value FROM json_each(?))', [removedIds])).map((row) => row.id);
    for (const batch of chunk(ids, vectorsPerUpsert)) await api.deleteVectors(indexName, batch);
    vectorsDeleted += ids.length;
    await query('DELETE FROM passages WHERE doc_id IN (SELECT value FROM json_each(?))', [removedIds]);
    await query('DELETE FROM documents WHERE doc_id IN (SELECT value FROM json_each(?))', [removedIds]);
  }

  const embeddingValue = JSON.stringify(embedding);
  if (storedEmbedding !== embeddingValue) {
    await query(`INSERT INTO meta (key, value) VALUES ('embedding', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [embeddingValue]);
  }

  return {
    documents: present.size,
    written,
    unchanged: present.size - written,
    deleted: removed.length,
    passages: passageCount,
    vectorsUpserted,
    vectorsDeleted,
    skipped,
    embedder: embedderName,
    ms: Math.round(performance.now() - started),
  };
}
