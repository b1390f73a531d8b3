import { readdir, readFile } from 'node:fs/promises';
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

/**
 * A stable id from the file name: `002_f81bc478674c16c2.txt` → `002_f81bc478674c16c2`.
 * Characters outside `[A-Za-z0-9._-]` become `-` so ids are safe in URLs and SQL.
 */
export function docIdFromFileName(fileName: string): string {
  return path.basename(fileName, path.extname(fileName)).replace(/[^A-Za-z0-9._-]/g, '-');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads every source file in `directory` (not recursive). A file that cannot be read, is
 * empty, binary or not UTF-8 is reported in `skipped` and never stops the others.
 * Throws only when the directory itself cannot be listed.
 */
export async function readSourceFiles(directory: string): Promise<{ files: SourceFile[]; skipped: SkippedFile[] }> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const seenIds = new Map<string, string>();
  for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
    if (!(entry.isFile() || entry.isSymbolicLink()) || !sourceExtensions.includes(path.extname(entry.name).toLowerCase())) continue;
    const sourcePath = path.join(directory, entry.name);
    const docId = docIdFromFileName(entry.name);
    let bytes: Buffer;
    try {
      bytes = await readFile(sourcePath);
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
