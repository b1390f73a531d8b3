import { randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';

/** A cited source as the answer showed it, kept with the feedback so a record stands alone. */
export interface FeedbackCitation {
  n: number;
  docId: string;
  paragraph: number;
  title?: string;
  url?: string;
  quote?: string;
  start?: number;
  end?: number;
}

/** One rating of one answer, from the widget or the Slack bot. */
export interface FeedbackInput {
  messageId: string;
  rating: 'up' | 'down';
  comment?: string;
  question: string;
  answer: string;
  citations: FeedbackCitation[];
  /** Where the rating came from: `widget`, `slack`. */
  channel?: string;
}

export interface FeedbackRecord extends FeedbackInput {
  id: string;
  /** ISO 8601 timestamp of when the record was stored. */
  receivedAt: string;
}

/** Where ratings go. The widget's POST /api/feedback and the Slack bot share it. */
export interface FeedbackStore {
  /** Stores one record durably and returns it with its id and timestamp. */
  append(input: FeedbackInput): Promise<FeedbackRecord>;
}

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
      const record: FeedbackRecord = { id: randomUUID(), receivedAt: new Date().toISOString(), ...input };
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
