import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import type { Citation } from '../core/types.js';
import type { AnswerEvent, FinalAnswer, RetrievalSummary } from '../engine/answer-question.js';
import type { FollowUpEvent } from '../engine/suggest-follow-ups.js';
import { toUIMessageParts } from './to-ui-message-parts.js';

const retrieval: RetrievalSummary = { ms: 1.5, mode: 'keyword', passages: [{ docId: 'doc-a', paragraph: 3, chunk: 0, score: 0.03, relevance: 0.8 }] };

const citation: Citation = {
  n: 1,
  docId: 'doc-a',
  paragraph: 3,
  title: 'SoftBank and OpenAI',
  url: 'http://assistant.test/sources/doc-a#p-3',
  quote: '$40 billion',
  start: 9,
  end: 20,
  passage: 'SoftBank $40 billion into OpenAI.',
};
const { passage: _passage, ...citationData } = citation;

function finish(overrides: Partial<FinalAnswer> = {}): AnswerEvent {
  return {
    type: 'finish',
    answer: {
      answer: 'SoftBank put in “$40 billion”[1].',
      refused: false,
      mode: 'llm',
      language: 'en',
      promptVersion: 'answer-system@3',
      standaloneQuestion: 'How much?',
      citations: [citation],
      retrieval,
      interrupted: false,
      issues: [],
      ...overrides,
    },
  };
}

const metadata = (overrides: Record<string, unknown> = {}) => ({ mode: 'llm', refused: false, language: 'en', promptVersion: 'answer-system@3', interrupted: false, ...overrides });

async function collect(events: FollowUpEvent[]): Promise<UIMessageChunk[]> {
  const parts: UIMessageChunk[] = [];
  for await (const part of toUIMessageParts(events, { textId: 'text-r1' })) parts.push(part);
  return parts;
}

describe('toUIMessageParts', () => {
  it.each<[string, FollowUpEvent[], UIMessageChunk[]]>([
    [
      'a cited answer: retrieval, one text part around the deltas, the citation as a source and data part',
      [
        { type: 'retrieval', retrieval },
        { type: 'text-delta', delta: 'SoftBank put in “$40 billion”' },
        { type: 'citation', citation },
        { type: 'text-delta', delta: '[1].' },
        finish(),
      ],
      [
        { type: 'start' },
        { type: 'data-retrieval', data: retrieval, transient: true },
        { type: 'text-start', id: 'text-r1' },
        { type: 'text-delta', id: 'text-r1', delta: 'SoftBank put in “$40 billion”' },
        { type: 'source-url', sourceId: 'citation-1', url: citation.url, title: citation.title },
        { type: 'data-citation', id: 'citation-1', data: citationData },
        { type: 'text-delta', id: 'text-r1', delta: '[1].' },
        { type: 'text-end', id: 'text-r1' },
        { type: 'finish', finishReason: 'stop', messageMetadata: metadata() },
      ],
    ],
    [
      'an interrupted answer: the error part, then finish with finishReason error',
      [
        { type: 'text-delta', delta: 'Partly' },
        { type: 'error', message: 'The answer was cut short.' },
        finish({ interrupted: true }),
      ],
      [
        { type: 'start' },
        { type: 'text-start', id: 'text-r1' },
        { type: 'text-delta', id: 'text-r1', delta: 'Partly' },
        { type: 'error', errorText: 'The answer was cut short.' },
        { type: 'text-end', id: 'text-r1' },
        { type: 'finish', finishReason: 'error', messageMetadata: metadata({ interrupted: true }) },
      ],
    ],
    [
      'suggested follow-ups: a data-suggestions part before the finish',
      [{ type: 'text-delta', delta: 'Answer.' }, { type: 'suggestions', questions: ['What did Masayoshi Son say?'] }, finish()],
      [
        { type: 'start' },
        { type: 'text-start', id: 'text-r1' },
        { type: 'text-delta', id: 'text-r1', delta: 'Answer.' },
        { type: 'data-suggestions', id: 'suggestions', data: { questions: ['What did Masayoshi Son say?'] } },
        { type: 'text-end', id: 'text-r1' },
        { type: 'finish', finishReason: 'stop', messageMetadata: metadata() },
      ],
    ],
    [
      'no text at all: no text-start or text-end',
      [{ type: 'retrieval', retrieval }, finish({ refused: true, mode: 'extractive', citations: [] })],
      [
        { type: 'start' },
        { type: 'data-retrieval', data: retrieval, transient: true },
        { type: 'finish', finishReason: 'stop', messageMetadata: metadata({ refused: true, mode: 'extractive' }) },
      ],
    ],
  ])('%s', async (_name, events, expected) => {
    expect(await collect(events)).toEqual(expected);
  });
});
