import type { D1Database } from '@cloudflare/workers-types/index.js';
import type { FeedbackRecord, FeedbackStore } from '../ports.js';
import { createFeedbackRecord } from './create-feedback-record.js';

/** A row of the `feedback` table (migrations/0002_feedback.sql). */
export interface FeedbackRow {
  id: string;
  received_at: string;
  channel: string | null;
  message_id: string;
  rating: 'up' | 'down';
  comment: string | null;
  question: string;
  answer: string;
  /** FeedbackCitation[] as JSON. */
  citations: string;
}

/** The table row for a record; D1 binds `null`, never `undefined`. */
export function toFeedbackRow(record: FeedbackRecord): FeedbackRow {
  return {
    id: record.id,
    received_at: record.receivedAt,
    channel: record.channel ?? null,
    message_id: record.messageId,
    rating: record.rating,
    comment: record.comment ?? null,
    question: record.question,
    answer: record.answer,
    citations: JSON.stringify(record.citations),
  };
}

const insertFeedback =
  'INSERT INTO feedback (id, received_at, channel, message_id, rating, comment, question, answer, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** A FeedbackStore that inserts one row per record into D1's `feedback` table. */
export function createD1FeedbackStore(db: D1Database): FeedbackStore {
  return {
    async append(input) {
      const record = createFeedbackRecord(input);
      const row = toFeedbackRow(record);
      await db
        .prepare(insertFeedback)
        .bind(row.id, row.received_at, row.channel, row.message_id, row.rating, row.comment, row.question, row.answer, row.citations)
        .run();
      return record;
    },
  };
}
