import type { FeedbackInput, FeedbackRecord } from '../ports.js';

/**
 * The stored record for one input: a fresh UUID and the current time, then the input's fields.
 * Uses Web Crypto's `randomUUID`, so every store (JSONL on Node, D1 on Workers) builds alike.
 */
export function createFeedbackRecord(input: FeedbackInput, receivedAt = new Date()): FeedbackRecord {
  return { id: crypto.randomUUID(), receivedAt: receivedAt.toISOString(), ...input };
}
