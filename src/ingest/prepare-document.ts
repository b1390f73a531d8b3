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
 * Throws Error `cleaning failed: …` when cleaning throws.
 */
export function prepareDocument(file: SourceFile, embedderId: string): { document: StoredDocument; passages: Passage[] } {
  let cleaned;
  try {
    cleaned = cleanDocument(file.raw, { fileName: path.basename(file.sourcePath) });
  } catch (error) {
    throw new Error(`cleaning failed: ${(error as Error).message}`, { cause: error });
  }
  const document: StoredDocument = {
    ...cleaned,
    docId: file.docId,
    sourcePath: path.relative(process.cwd(), file.sourcePath),
    contentHash: hashDocument(cleaned, embedderId),
  };
  return { document, passages: splitPassages(document) };
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
): Generator<{ document: StoredDocument; passages: Passage[]; done: number }> {
  for (const [index, file] of files.entries()) {
    let prepared;
    try {
      prepared = prepareDocument(file, embedderId);
    } catch (error) {
      skipped.push({ sourcePath: file.sourcePath, reason: (error as Error).message });
      continue;
    }
    yield { ...prepared, done: index + 1 };
  }
}
