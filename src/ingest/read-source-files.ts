import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { mapAll } from './map-ordered.js';

export const sourceExtensions = ['.txt', '.md', '.html', '.htm'];

/** A source file as listed, before it is read. */
export interface SourceEntry {
  docId: string;
  sourcePath: string;
  size: number;
  mtimeMs: number;
}

export interface SourceFile {
  docId: string;
  sourcePath: string;
  raw: string;
}

export interface SkippedFile {
  sourcePath: string;
  reason: string;
}

/** Files stat'ed or read at once: enough to hide latency, few enough to bound open handles. */
export const fileConcurrency = 32;

/**
 * A stable id from the file name: `002_f81bc478674c16c2.txt` → `002_f81bc478674c16c2`.
 * Characters outside `[A-Za-z0-9._-]` become `-` so ids are safe in URLs and SQL.
 */
export function docIdFromFileName(fileName: string): string {
  return path.basename(fileName, path.extname(fileName)).replace(/[^A-Za-z0-9._-]/g, '-');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lists the source files in `directory` (not recursive) with their size and modification
 * time, without reading them. A file that cannot be stat'ed or whose id another file already
 * has is reported in `skipped`. Throws only when the directory itself cannot be listed.
 */
export async function listSourceFiles(directory: string): Promise<{ entries: SourceEntry[]; skipped: SkippedFile[] }> {
  const names = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && sourceExtensions.includes(path.extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort((left, right) => left.localeCompare(right));
  const stats = await mapAll(names, fileConcurrency, (name) => stat(path.join(directory, name)).catch((error: NodeJS.ErrnoException) => error));
  const entries: SourceEntry[] = [];
  const skipped: SkippedFile[] = [];
  const seenIds = new Map<string, string>();
  names.forEach((name, index) => {
    const sourcePath = path.join(directory, name);
    const fileStats = stats[index]!;
    if (fileStats instanceof Error) {
      skipped.push({ sourcePath, reason: `unreadable: ${(fileStats as NodeJS.ErrnoException).code ?? String(fileStats)}` });
      return;
    }
    const docId = docIdFromFileName(name);
    const clash = seenIds.get(docId);
    if (clash) {
      skipped.push({ sourcePath, reason: `duplicate document id "${docId}" (also ${clash})` });
      return;
    }
    seenIds.set(docId, sourcePath);
    entries.push({ docId, sourcePath, size: fileStats.size, mtimeMs: fileStats.mtimeMs });
  });
  return { entries, skipped };
}

/** The text of a source file's bytes, or why it is not a source: empty, binary or not UTF-8. */
export function decodeSourceBytes(bytes: Uint8Array): { raw: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { reason: 'not valid UTF-8' };
  }
  if (!text.trim()) return { reason: 'empty file (whitespace only)' };
  return { raw: text.replace(/^\uFEFF/, '') };
}

/** Reads a listed file's bytes; an unreadable file gives its reason instead. */
export async function readSourceBytes(entry: SourceEntry): Promise<{ bytes: Buffer } | { reason: string }> {
  try {
    return { bytes: await readFile(entry.sourcePath) };
  } catch (error) {
    return { reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

/**
 * Reads every source file in `directory` (not recursive). A file that cannot be read, is
 * empty, binary or not UTF-8 is reported in `skipped` and never stops the others.
 * Throws only when the directory itself cannot be listed.
 */
export async function readSourceFiles(directory: string): Promise<{ files: SourceFile[]; skipped: SkippedFile[] }> {
  const { entries, skipped } = await listSourceFiles(directory);
  const files: SourceFile[] = [];
  const contents = await mapAll(entries, fileConcurrency, async (entry) => {
    const read = await readSourceBytes(entry);
    return 'bytes' in read ? decodeSourceBytes(read.bytes) : read;
  });
  entries.forEach((entry, index) => {
    const content = contents[index]!;
    if ('reason' in content) skipped.push({ sourcePath: entry.sourcePath, reason: content.reason });
    else files.push({ docId: entry.docId, sourcePath: entry.sourcePath, raw: content.raw });
  });
  skipped.sort((left, right) => left.sourcePath.localeCompare(right.sourcePath));
  return { files, skipped };
}
