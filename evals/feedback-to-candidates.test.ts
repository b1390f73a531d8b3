import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../src/ports.js';
import { feedbackToCandidates } from './feedback-to-candidates.js';
import { parseQuestions, serializeQuestions } from './parse-questions.js';
import type { EvalQuestion } from './types.js';

function record(overrides: Partial<FeedbackRecord>): FeedbackRecord {
  return {
    id: 'r1', receivedAt: '2026-11-23T10:00:00.000Z', messageId: 'm1', rating: 'up', question: 'How much did SoftBank invest in OpenAI?',
    answer: 'a', citations: [{ n: 1, docId: '001_d38a6fc719d6b211', paragraph: 26, quote: 'Recently, SoftBank contributed $500 million to a round of financing for OpenAI.' }],
    channel: 'widget', ...overrides,
  };
}

const existing: EvalQuestion[] = [{ id: 'known', question: 'Known   question?', language: 'en', type: 'unanswerable', answerable: false, gold: [], keyFacts: [] }];

describe('feedbackToCandidates', () => {
  it('proposes the citations of a helpful answer as gold, anchored by the quote', () => {
    const [candidate] = feedbackToCandidates([record({})], existing);
    expect(candidate).toMatchObject({
      language: 'en', type: 'same-language', answerable: true, keyFacts: [],
      gold: [{ docId: '001_d38a6fc719d6b211', anchor: 'Recently, SoftBank contributed $500 mill', paragraph: 26 }],
    });
    expect(candidate!.id).toMatch(/^fb-[0-9a-f]{10}$/);
    expect(candidate!.notes).toMatch(/^REVIEW: from widget feedback r1 \(up/);
  });

  it.each([
    { name: 'a Simplified question citing a Traditional quote', question: '韩国计划扩充多少个GPU', quote: '將在明年上半年之前擴充1.8萬個高性能GPU', type: 'cross-script' },
    { name: 'an English question citing Chinese', question: 'How many GPUs will Korea add?', quote: '將在明年上半年之前擴充1.8萬個高性能GPU', type: 'cross-lingual' },
  ])('types $name as $type', ({ question, quote, type }) => {
    const [candidate] = feedbackToCandidates([record({ question, citations: [{ n: 1, docId: '002_f81bc478674c16c2', paragraph: 3, quote }] })], []);
    expect(candidate!.type).toBe(type);
  });

  it('keeps a thumbs-down for review without gold, with its comment', () => {
    const [candidate] = feedbackToCandidates([record({ rating: 'down', comment: 'wrong paragraph' })], []);
    expect(candidate).toMatchObject({ answerable: false, gold: [], type: 'unanswerable' });
    expect(candidate!.notes).toContain('"wrong paragraph"');
  });

  it('proposes an unanswerable question when a refusal was rated helpful', () => {
    const [candidate] = feedbackToCandidates([record({ citations: [], question: 'Who won the match?' })], []);
    expect(candidate).toMatchObject({ answerable: false, type: 'unanswerable' });
  });

  it('skips questions already in the set and keeps only the latest rating of a repeat', () => {
    const candidates = feedbackToCandidates([
      record({ id: 'old', rating: 'up', receivedAt: '2026-11-01T00:00:00.000Z', question: 'Repeat?' }),
      record({ id: 'new', rating: 'down', receivedAt: '2026-11-02T00:00:00.000Z', question: ' repeat? ' }),
      record({ id: 'k', question: 'known question?' }),
    ], existing);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.notes).toContain('feedback new');
  });

  it('writes candidates the question-set parser accepts', () => {
    const candidates = feedbackToCandidates([record({}), record({ question: 'Bad?', rating: 'down' })], []);
    expect(parseQuestions(serializeQuestions(candidates))).toHaveLength(2);
  });
});
