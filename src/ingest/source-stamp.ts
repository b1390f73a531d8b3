import { createHash } from 'node:crypto';
import { cleanRulesVersion } from '../core/clean/clean-document.js';
import { searchTextVersion } from '../core/normalize-search-text.js';
import { defaultMaxPassageTokens } from '../core/split-passages.js';

/**
 * What ingest records per document to skip its source file next time without cleaning it:
 * the file's size, modification time and a hash of its raw bytes, plus the pipeline that made
 * the stored document (cleaning rules version, search-text version, chunking, embedding model).
 */
export interface SourceStamp {
  size: number;
  mtimeMs: number;
  rawHash: string;
  pipeline: string;
}

/** The pipeline key: when any part changes, every file is cleaned again. */
export function ingestPipeline(embedderId: string): string {
  return `clean-${cleanRulesVersion}/search-${searchTextVersion}/tokens-${defaultMaxPassageTokens}/${embedderId}`;
}

/** A fast hash of a file's raw bytes (change detection, not security). */
export function hashRawBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function formatSourceStamp(stamp: SourceStamp): string {
  return JSON.stringify(stamp);
}

export function parseSourceStamp(value: string | null | undefined): SourceStamp | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as SourceStamp;
  } catch {
    return undefined;
  }
}

/** Unchanged without reading: same pipeline, size and modification time. */
export function matchesWithoutReading(stored: SourceStamp | undefined, file: { size: number; mtimeMs: number }, pipeline: string): boolean {
  return stored !== undefined && stored.pipeline === pipeline && stored.size === file.size && stored.mtimeMs === file.mtimeMs;
}

/** Unchanged by content: same pipeline, size and raw hash (the file was touched, not edited). */
export function matchesRawBytes(stored: SourceStamp | undefined, size: number, rawHash: string, pipeline: string): boolean {
  return stored !== undefined && stored.pipeline === pipeline && stored.size === size && stored.rawHash === rawHash;
}
