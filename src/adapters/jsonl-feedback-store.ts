import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { FeedbackStore } from '../ports.js';
import { createFeedbackRecord } from './create-feedback-record.js';

/**
 * A FeedbackStore that appends one JSON line per record to `filePath` (creating its folder),
 * flushing each line to disk before it resolves. Appends are queued, so lines never interleave.
 */
export function createJsonlFeedbackStore(filePath: string): FeedbackStore {
  let queue: Promise<unknown> = Promise.resolve();
  const write = async (line: string) => {
    await mkdir(path.dirname(filePath), { recursive: true });
    const file = await open(filePath, 'a');
    try {
      await file.write(line);
      await file.datasync();
    } finally {
      await file.close();
    }
  };
  return {
    append(input) {
      const record = createFeedbackRecord(input);
      const done = queue.then(() => write(`${JSON.stringify(record)}\n`));
      queue = done.catch(() => undefined);
      return done.then(() => record);
    },
  };
}

/** `<dataDir>/feedback.jsonl` */
export function feedbackFilePath(dataDir: string): string {
  return path.resolve(dataDir, 'feedback.jsonl');
}
