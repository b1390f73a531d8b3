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
 * The stored record for one input: a fresh UUID and the current time, then the input's fields.
 * Uses Web Crypto's `randomUUID`, so every store (JSONL on Node, D1 on Workers) builds alike.
 */
export function createFeedbackRecord(input: FeedbackInput, receivedAt = new Date()): FeedbackRecord {
  return { id: crypto.randomUUID(), receivedAt: receivedAt.toISOString(), ...input };
}
