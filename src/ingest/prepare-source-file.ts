import type { Passage, StoredDocument } from '../core/types.js';
import { prepareDocument } from './prepare-document.js';
import { decodeSourceBytes, readSourceBytes, type SourceEntry } from './read-source-files.js';
import { formatSourceStamp, hashRawBytes, matchesRawBytes, type SourceStamp } from './source-stamp.js';

/** One file to prepare, with what the index recorded for it last time. */
export interface PrepareTask {
  entry: SourceEntry;
  stored?: SourceStamp;
}

export interface PrepareContext {
  embedderId: string;
  pipeline: string;
  /** Time allowed to clean and split the file (INGEST_FILE_BUDGET_MS). */
  budgetMs?: number;
}

export type SourcePreparation =
  | { kind: 'skipped'; reason: string }
  /** Same raw bytes as the stored document: not cleaned. */
  | { kind: 'unchanged' }
  | { kind: 'prepared'; document: StoredDocument; passages: Passage[]; sourceStamp: string };

/**
 * Reads one source file and, unless its raw bytes hash to what the index recorded for this
 * pipeline, cleans and splits it (prepareDocument). Never throws: an unreadable, empty,
 * binary or non-UTF-8 file, or one whose cleaning throws, comes back `skipped` with the reason.
 */
export async function prepareSourceFile(task: PrepareTask, context: PrepareContext): Promise<SourcePreparation> {
  const read = await readSourceBytes(task.entry);
  if ('reason' in read) return { kind: 'skipped', reason: read.reason };
  const rawHash = hashRawBytes(read.bytes);
  if (matchesRawBytes(task.stored, read.bytes.length, rawHash, context.pipeline)) return { kind: 'unchanged' };
  const decoded = decodeSourceBytes(read.bytes);
  if ('reason' in decoded) return { kind: 'skipped', reason: decoded.reason };
  try {
    const { document, passages } = prepareDocument({ docId: task.entry.docId, sourcePath: task.entry.sourcePath, raw: decoded.raw }, context.embedderId, { budgetMs: context.budgetMs });
    const sourceStamp = formatSourceStamp({ size: read.bytes.length, mtimeMs: task.entry.mtimeMs, rawHash, pipeline: context.pipeline });
    return { kind: 'prepared', document, passages, sourceStamp };
  } catch (error) {
    return { kind: 'skipped', reason: (error as Error).message };
  }
}
