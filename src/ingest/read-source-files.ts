import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const sourceExtensions = ['.txt', '.md', '.html', '.htm'];

export interface SourceFile {
  docId: string;
  sourcePath: string;
  raw: string;
}

export interface SkippedFile {
  sourcePath: string;
  reason: string;
}

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
 * Reads every source file in `directory` (not recursive). A file that cannot be read, is
 * empty, binary, not UTF-8 or over `maxFileBytes`, and a symlink that leads out of the folder
 * (unless `followExternalSymlinks`), is reported in `skipped` and never stops the others.
 * Throws only when the directory itself cannot be listed.
 */
export async function readSourceFiles(directory: string, options: ReadSourceOptions = {}): Promise<{ files: SourceFile[]; skipped: SkippedFile[] }> {
  const maxFileBytes = options.maxFileBytes ?? defaultMaxSourceFileBytes;
  const entries = await readdir(directory, { withFileTypes: true });
  const realDirectory = await realpath(directory);
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const seenIds = new Map<string, string>();
  for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
    if (!(entry.isFile() || entry.isSymbolicLink()) || !sourceExtensions.includes(path.extname(entry.name).toLowerCase())) continue;
    const sourcePath = path.join(directory, entry.name);
    const docId = docIdFromFileName(entry.name);
    let bytes: Buffer;
    try {
      // The file is read at its resolved path, the one checked here.
      const target = await realpath(sourcePath);
      if (entry.isSymbolicLink() && !options.followExternalSymlinks && isOutside(realDirectory, target)) {
        skipped.push({ sourcePath, reason: `symlink to ${target}, outside the source folder (INGEST_FOLLOW_SYMLINKS=true reads it)` });
        continue;
      }
      const { size } = await stat(target);
      if (size > maxFileBytes) {
        skipped.push({ sourcePath, reason: `too large: ${size} bytes (INGEST_MAX_FILE_BYTES is ${maxFileBytes})` });
        continue;
      }
      bytes = await readFile(target);
    } catch (error) {
      skipped.push({ sourcePath, reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const reason = rejectReason(bytes);
    if (reason) {
      skipped.push({ sourcePath, reason });
      continue;
    }
    const clash = seenIds.get(docId);
    if (clash) {
      skipped.push({ sourcePath, reason: `duplicate document id "${docId}" (also ${clash})` });
      continue;
    }
    seenIds.set(docId, sourcePath);
    files.push({ docId, sourcePath, raw: utf8.decode(bytes).replace(/^\uFEFF/, '') });
  }
  return { files, skipped };
}

function isOutside(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function rejectReason(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'empty file';
  if (bytes.includes(0)) return 'binary file (contains NUL bytes)';
  try {
    const text = utf8.decode(bytes);
    if (!text.trim()) return 'empty file (whitespace only)';
  } catch {
    return 'not valid UTF-8';
  }
  return undefined;
}
