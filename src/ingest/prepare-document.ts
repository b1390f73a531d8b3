import { createHash } from 'node:crypto';
import path from 'node:path';
import { cleanDocument } from '../core/clean/clean-document.js';
import { searchTextVersion } from '../core/normalize-search-text.js';
import { defaultMaxPassageTokens, splitPassages } from '../core/split-passages.js';
import type { Passage, StoredDocument } from '../core/types.js';
import type { SkippedFile, SourceFile } from './read-source-files.js';

/**
 * The content hash covers the cleaned output, the chunking limit, the search-text version and
 * the embedding model, so a change to any of them re-ingests exactly the documents it affects.
 */
function hashDocument(cleaned: unknown, embedderId: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ cleaned, maxTokens: defaultMaxPassageTokens, searchTextVersion, embedderId }))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Cleans one source file into a stored document and its passages; both ingest targets (LanceDB
 * and Cloudflare) use it, so their documents, passage ids and hashes are the same.
 * Throws Error `cleaning failed: …` when cleaning throws, and Error `over the processing
 * budget …` when it takes longer than `budgetMs` (checked after cleaning and between paragraphs:
 * every step is linear and works on bounded paragraphs, so the overrun is small).
 */
export function prepareDocument(
  file: SourceFile,
  embedderId: string,
  options: { budgetMs?: number } = {},
): { document: StoredDocument; passages: Passage[] } {
  const started = performance.now();
  const checkBudget = (): void => {
    if (options.budgetMs === undefined) return;
    const elapsed = performance.now() - started;
    if (elapsed > options.budgetMs) {
      throw new Error(`over the processing budget: ${(elapsed / 1000).toFixed(1)} s > ${(options.budgetMs / 1000).toFixed(1)} s (INGEST_FILE_BUDGET_MS)`);
    }
  };
  let cleaned;
  try {
    cleaned = cleanDocument(file.raw, { fileName: path.basename(file.sourcePath) });
  } catch (error) {
    throw new Error(`cleaning failed: ${(error as Error).message}`, { cause: error });
  }
  checkBudget();
  const document: StoredDocument = {
    ...cleaned,
    docId: file.docId,
    sourcePath: path.relative(process.cwd(), file.sourcePath),
    contentHash: hashDocument(cleaned, embedderId),
  };
  return { document, passages: splitPassages(document, defaultMaxPassageTokens, { beforeParagraph: checkBudget }) };
}

/**
 * Prepares the files one at a time, as the caller consumes them, with the count of files done
 * so far (skipped ones included) for progress. A file whose cleaning throws is appended to
 * `skipped` with the reason and left out; the others go on.
 */
export function* prepareDocuments(
  files: SourceFile[],
  embedderId: string,
  skipped: SkippedFile[],
  options: { budgetMs?: number } = {},
): Generator<{ document: StoredDocument; passages: Passage[]; done: number }> {
  for (const [index, file] of files.entries()) {
    let prepared;
    try {
      prepared = prepareDocument(file, embedderId, options);
    } catch (error) {
      skipped.push({ sourcePath: file.sourcePath, reason: (error as Error).message });
      continue;
    }
    yield { ...prepared, done: index + 1 };
  }
}
