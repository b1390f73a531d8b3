import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { mapAll } from './map-ordered.js';

export const sourceExtensions = ['.txt', '.md', '.html', '.htm'];

/** A source file as listed, before it is read. */
export interface SourceEntry {
  docId: string;
  sourcePath: string;
  /** The path the file is read at: a symlink's resolved target, the one that was checked. */
  readPath: string;
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

export interface ReadSourceOptions {
  /** Read symlinks whose target lies outside the folder (INGEST_FOLLOW_SYMLINKS); default no. */
  followExternalSymlinks?: boolean;
  /** Files larger than this are skipped (INGEST_MAX_FILE_BYTES); default 10 MB. */
  maxFileBytes?: number;
}

export const defaultMaxSourceFileBytes = 10_000_000;

/** Characters kept in an id: letters and digits of any script, combining marks, `.`, `_`, `-`. */
const unsafeIdCharacters = /[^\p{L}\p{N}\p{M}._-]/gu;
const maxIdLength = 120;

/**
 * A stable id from the file name: `002_f81bc478674c16c2.txt` → `002_f81bc478674c16c2`,
 * `報告.txt` → `報告` (letters of every script are kept; URLs percent-encode them). When the
 * name has to change to be an id (spaces, slashes, quotes, a leading dot, over 120
 * characters), the changed name gets a short hash of the original, `a b.txt` → `a-b-1f0e3dad`,
 * so that two names never fold into one id.
 */
export function docIdFromFileName(fileName: string): string {
  const stem = path.basename(fileName, path.extname(fileName)).normalize('NFC');
  const safe = stem.replace(unsafeIdCharacters, '-').replace(/^\./u, '-');
  if (safe === stem && safe.length <= maxIdLength) return safe;
  const hash = createHash('sha256').update(stem).digest('hex').slice(0, 8);
  return `${safe.slice(0, maxIdLength - 9)}-${hash}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lists the source files in `directory` (not recursive) with their size and modification
 * time, without reading them. A file that cannot be stat'ed, is over `maxFileBytes`, is a
 * symlink that leads out of the folder (unless `followExternalSymlinks`), or whose id another
 * file already has is reported in `skipped`. Throws only when the directory itself cannot be listed.
 */
export async function listSourceFiles(directory: string, options: ReadSourceOptions = {}): Promise<{ entries: SourceEntry[]; skipped: SkippedFile[] }> {
  const maxFileBytes = options.maxFileBytes ?? defaultMaxSourceFileBytes;
  const listed = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && sourceExtensions.includes(path.extname(entry.name).toLowerCase()))
    .sort((left, right) => left.name.localeCompare(right.name));
  const names = listed.map((entry) => entry.name);
  const realDirectory = await realpath(directory);
  type Listed = { target: string; size: number; mtimeMs: number } | { reason: string };
  const stats = await mapAll(listed, fileConcurrency, async (entry): Promise<Listed> => {
    try {
      // The file is read at its resolved path, the one checked here.
      const target = await realpath(path.join(directory, entry.name));
      if (entry.isSymbolicLink() && !options.followExternalSymlinks && isOutside(realDirectory, target)) {
        return { reason: `symlink to ${target}, outside the source folder (INGEST_FOLLOW_SYMLINKS=true reads it)` };
      }
      const fileStats = await stat(target);
      if (fileStats.size > maxFileBytes) return { reason: `too large: ${fileStats.size} bytes (INGEST_MAX_FILE_BYTES is ${maxFileBytes})` };
      return { target, size: fileStats.size, mtimeMs: fileStats.mtimeMs };
    } catch (error) {
      return { reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
  });
  const entries: SourceEntry[] = [];
  const skipped: SkippedFile[] = [];
  const seenIds = new Map<string, string>();
  names.forEach((name, index) => {
    const sourcePath = path.join(directory, name);
    const fileStats = stats[index]!;
    if ('reason' in fileStats) {
      skipped.push({ sourcePath, reason: fileStats.reason });
      return;
    }
    const docId = docIdFromFileName(name);
    const clash = seenIds.get(docId);
    if (clash) {
      skipped.push({ sourcePath, reason: `duplicate document id "${docId}" (also ${clash})` });
      return;
    }
    seenIds.set(docId, sourcePath);
    entries.push({ docId, sourcePath, readPath: fileStats.target, size: fileStats.size, mtimeMs: fileStats.mtimeMs });
  });
  return { entries, skipped };
}

function isOutside(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
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
    return { bytes: await readFile(entry.readPath) };
  } catch (error) {
    return { reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

/**
 * Reads every source file in `directory` (not recursive). A file that cannot be read, is
 * empty, binary or not UTF-8 is reported in `skipped` and never stops the others.
 * Throws only when the directory itself cannot be listed.
 */
export async function readSourceFiles(directory: string, options: ReadSourceOptions = {}): Promise<{ files: SourceFile[]; skipped: SkippedFile[] }> {
  const { entries, skipped } = await listSourceFiles(directory, options);
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
