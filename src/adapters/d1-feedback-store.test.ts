import type { D1Database } from '@cloudflare/workers-types/index.js';
import { describe, expect, it } from 'vitest';
import { createD1FeedbackStore, toFeedbackRow } from './d1-feedback-store.js';
import type { FeedbackInput, FeedbackRecord } from '../ports.js';

const citation = { n: 1, docId: 'doc-a', paragraph: 3, title: 'SoftBank and OpenAI', url: 'http://localhost/sources/doc-a#p-3', quote: '$40 billion', start: 10, end: 21 };
const input: FeedbackInput = { messageId: 'msg-1', rating: 'up', question: 'How much?', answer: '$40 billion [1].', citations: [citation] };
const base: FeedbackRecord = { id: 'id-1', receivedAt: '2026-05-01T12:00:00.000Z', ...input };

describe('toFeedbackRow', () => {
  it.each([
    { name: 'a widget rating with a comment', record: { ...base, channel: 'widget', comment: 'Spot on' }, channel: 'widget', comment: 'Spot on' },
    { name: 'a Slack rating without a comment', record: { ...base, channel: 'slack' }, channel: 'slack', comment: null },
    { name: 'a record without a channel', record: base, channel: null, comment: null },
  ])('$name', ({ record, channel, comment }) => {
    expect(toFeedbackRow(record)).toEqual({
      id: 'id-1',
      received_at: '2026-05-01T12:00:00.000Z',
      channel,
      message_id: 'msg-1',
      rating: 'up',
      comment,
      question: 'How much?',
      answer: '$40 billion [1].',
      citations: JSON.stringify([citation]),
    });
  });
});

describe('createD1FeedbackStore', () => {
  it('inserts the row of the record it returns, with a fresh UUID and an ISO timestamp', async () => {
    const statements: Array<{ sql: string; values: unknown[] }> = [];
    const database = {
      prepare: (sql: string) => ({
        bind: (...values: unknown[]) => ({
          run: async () => {
            statements.push({ sql, values });
            return { success: true };
          },
        }),
      }),
    } as unknown as D1Database;

    const record = await createD1FeedbackStore(database).append({ ...input, channel: 'widget' });

    expect(record).toMatchObject({ ...input, channel: 'widget' });
    expect(record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(record.receivedAt).toISOString()).toBe(record.receivedAt);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toMatch(/^INSERT INTO feedback \(id, received_at, channel, message_id, rating, comment, question, answer, citations\)/);
    expect(statements[0]!.values).toEqual(Object.values(toFeedbackRow(record)));
  });
});
