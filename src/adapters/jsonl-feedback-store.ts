import * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/app-error.js';
import type { FeedbackStore } from '../ports.js';
import { createFeedbackRecord } from './create-feedback-record.js';

/** The file operations the store uses; tests pass one whose writes fail as a full disk does. */
export type FeedbackFileSystem = Pick<typeof fsPromises, 'mkdir' | 'open' | 'rename' | 'rm'>;

export interface JsonlFeedbackStoreOptions {
  /** Past this size the file is rotated before the next append (default 10 MB). */
  maxBytes?: number;
  /** Rotated files kept: `feedback.jsonl.1` (newest) … `.N`; the oldest is deleted (default 5). */
  keepFiles?: number;
  fileSystem?: FeedbackFileSystem;
}

export const defaultFeedbackMaxBytes = 10_000_000;
export const defaultFeedbackKeepFiles = 5;

/** Errors that mean "no room": answered 507, every other write failure is a plain 500. */
const noSpaceCodes = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * One JSON line per record. U+2028/U+2029 are legal in JSON strings but are line breaks to
 * Python's `splitlines()` and to JavaScript before ES2019, so they are written as escapes.
 */
export function serializeFeedbackLine(record: unknown): string {
  return `${JSON.stringify(record).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029')}\n`;
}

/**
 * A FeedbackStore that appends one JSON line per record to `filePath` (creating its folder),
 * flushing each line to disk before it resolves. Appends are queued, so lines never interleave.
 * A line is whole or absent: a write or flush that fails truncates the file back to where it
 * was, and an append after a crash first ends a torn last line, so the next record starts on a
 * line of its own. A file over `maxBytes` is rotated first. Throws AppError
 * `storage_full:feedback` (507) when the disk or quota is full.
 */
export function createJsonlFeedbackStore(filePath: string, options: JsonlFeedbackStoreOptions = {}): FeedbackStore {
  const fileSystem = options.fileSystem ?? fsPromises;
  const maxBytes = options.maxBytes ?? defaultFeedbackMaxBytes;
  const keepFiles = options.keepFiles ?? defaultFeedbackKeepFiles;
  let queue: Promise<unknown> = Promise.resolve();

  const rotate = async () => {
    await fileSystem.rm(rotatedFeedbackFilePath(filePath, keepFiles), { force: true });
    for (let index = keepFiles - 1; index >= 1; index -= 1) {
      await fileSystem.rename(rotatedFeedbackFilePath(filePath, index), rotatedFeedbackFilePath(filePath, index + 1)).catch(ignoreMissing);
    }
    if (keepFiles > 0) await fileSystem.rename(filePath, rotatedFeedbackFilePath(filePath, 1));
    else await fileSystem.rm(filePath, { force: true });
  };

  const write = async (line: string) => {
    await fileSystem.mkdir(path.dirname(filePath), { recursive: true });
    let file = await fileSystem.open(filePath, 'a+');
    try {
      let size = (await file.stat()).size;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) {
        await file.close();
        await rotate();
        file = await fileSystem.open(filePath, 'a+');
        size = (await file.stat()).size;
      }
      const lastByte = Buffer.alloc(1);
      const tornLine = size > 0 && (await file.read(lastByte, 0, 1, size - 1)).bytesRead === 1 && lastByte[0] !== 0x0a;
      const bytes = Buffer.from(tornLine ? `\n${line}` : line);
      try {
        for (let written = 0; written < bytes.length; ) written += (await file.write(bytes, written, bytes.length - written)).bytesWritten;
        await file.datasync();
      } catch (error) {
        await file.truncate(size).catch(() => undefined);
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (noSpaceCodes.has(code)) throw new AppError('storage_full:feedback', 'The feedback could not be stored: the server is out of space.', { cause: error });
        throw error;
      }
    } finally {
      await file.close();
    }
  };

  return {
    append(input) {
      const record = createFeedbackRecord(input);
      const done = queue.then(() => write(serializeFeedbackLine(record)));
      queue = done.catch(() => undefined);
      return done.then(() => record);
    },
  };
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

/** `<dataDir>/feedback.jsonl` */
export function feedbackFilePath(dataDir: string): string {
  return path.resolve(dataDir, 'feedback.jsonl');
}

/** `feedback.jsonl.<n>`: the n-th newest rotated file. */
export function rotatedFeedbackFilePath(filePath: string, n: number): string {
  return `${filePath}.${n}`;
}
