import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { answerTexts } from '../core/answer-texts.js';
import { normalizeSearchText, searchTokens } from '../core/normalize-search-text.js';
import type { Passage, StoredDocument } from '../core/types.js';
import type { PassageStore } from '../ports.js';
import { defaultAnswerSettings, streamAnswer, type AnswerDeps, type AnswerEvent, type FinalAnswer } from './answer-question.js';

/** The stream parts a model sends (@ai-sdk/provider's type, which `ai` does not re-export). */
type LanguageModelV4StreamPart = Awaited<ReturnType<MockLanguageModelV4['doStream']>>['stream'] extends ReadableStream<infer Part> ? Part : never;

const paragraphText = 'Japan will buy 10,000 GPUs for its national AI cloud by 2025, the ministry said.';
const question = 'How many GPUs will Japan buy for its national AI cloud?';
/** A model answer whose quote verifies against the one passage, numbered [1] in the prompt. */
const citedSentence = `The ministry said “Japan will buy 10,000 GPUs”[1].`;

/** One document with one paragraph; keyword search returns it when any token matches. */
function createOnePassageStore(): PassageStore {
  const passage: Passage = {
    id: 'japan-gpus#p-1',
    docId: 'japan-gpus',
    paragraph: 1,
    chunk: 0,
    text: paragraphText,
    searchText: normalizeSearchText(paragraphText),
    kind: 'body',
    language: 'en',
    title: 'Japan plans a national AI cloud',
    start: 0,
    end: paragraphText.length,
  };
  const document: StoredDocument = {
    docId: 'japan-gpus',
    sourcePath: 'japan-gpus.md',
    contentHash: 'test',
    metadata: { title: passage.title, language: 'en' },
    text: paragraphText,
    paragraphs: [{ n: 1, kind: 'body', text: paragraphText, start: 0, end: paragraphText.length }],
    dropped: [],
  };
  return {
    async keywordSearch(searchText) {
      const wanted = new Set(searchTokens(searchText));
      return searchTokens(passage.searchText).some((token) => wanted.has(token)) ? [{ passage, score: 1 }] : [];
    },
    vectorSearch: async () => [],
    getDocument: async (docId) => (docId === document.docId ? document : undefined),
    stats: async () => ({ documents: 1, passages: 1, embedding: null }),
    // One English article: a first question needs no rendering, so the model is asked only to answer.
    languages: async () => ['en'],
  };
}

const finishPart: LanguageModelV4StreamPart = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 10, text: 10, reasoning: 0 } },
};

/** A model that streams these text pieces, then fails with `failure` or finishes. */
function scriptedModel(pieces: string[], failure?: Error): MockLanguageModelV4 {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...pieces.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    ...(failure ? [{ type: 'error', error: failure } as const] : [{ type: 'text-end', id: 't' } as const, finishPart]),
  ];
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    }),
  });
}

/** A model whose request never gets a response, as a server that accepts and then hangs; it gives up only when aborted. */
function silentModel(): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: (options) =>
      new Promise((_resolve, reject) => {
        options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal!.reason));
      }),
  });
}

function failingModel(error: Error): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: async () => {
      throw error;
    },
  });
}

async function run(model: MockLanguageModelV4, settings: Partial<AnswerDeps['settings']> = {}) {
  const warnings: Array<{ event: string; fields?: Record<string, unknown> }> = [];
  const deps: AnswerDeps = {
    store: createOnePassageStore(),
    embedder: null,
    model,
    prompts: {
      answer: { name: 'answer-system', version: 'test', text: 'Answer from the passages.' },
      resolve: { name: 'resolve-question', version: 'test', text: 'Resolve the question.' },
    },
    settings: { ...defaultAnswerSettings, ...settings },
    log: { info() {}, warn: (event, fields) => void warnings.push({ event, fields }), error() {} },
  };
  const events: AnswerEvent[] = [];
  for await (const event of streamAnswer(deps, { question, baseUrl: 'https://assistant.test' })) events.push(event);
  const finish = events.at(-1);
  if (finish?.type !== 'finish') throw new Error('the stream did not end with a finish event');
  return { events, answer: finish.answer as FinalAnswer, warnings };
}

const shownText = (events: AnswerEvent[]) => events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');

describe('streamAnswer with the AI SDK mock model', () => {
  it('answers from the model with a verified citation when nothing fails', async () => {
    const { answer, events } = await run(scriptedModel(['The ministry said “Japan will ', 'buy 10,000 GPUs”[1].']));
    expect(answer).toMatchObject({ mode: 'llm', refused: false, interrupted: false, answer: citedSentence, fallbackReason: undefined });
    expect(shownText(events)).toBe(citedSentence);
    expect(answer.citations.map(({ docId, paragraph, quote, passage }) => ({ docId, paragraph, quote, passage }))).toEqual([
      { docId: 'japan-gpus', paragraph: 1, quote: 'Japan will buy 10,000 GPUs', passage: paragraphText },
    ]);
  });

  it.each<[string, () => MockLanguageModelV4, Partial<AnswerDeps['settings']>, string]>([
    ['the request fails', () => failingModel(new Error('upstream 500')), {}, 'model failed before the first token'],
    ['the stream fails before any text', () => scriptedModel([], new Error('upstream reset')), {}, 'model failed before the first token'],
    ['no first token arrives in time', silentModel, { llmFirstTokenTimeoutMs: 100 }, 'model failed before the first token'],
    ['the stream fails after text but before a verified citation', () => scriptedModel(['Japan plans to '], new Error('upstream reset')), {}, 'model failed before any verified citation'],
  ])('falls back to the extractive answer when %s', async (_name, createModel, settings, fallbackReason) => {
    const { answer, events, warnings } = await run(createModel(), settings);
    expect(answer).toMatchObject({ mode: 'extractive', refused: false, interrupted: false, fallbackReason });
    expect(answer.citations.map((citation) => citation.docId)).toEqual(['japan-gpus']);
    // Text the model sent before it failed is never shown: the answer is the extractive one alone.
    expect(shownText(events)).toBe(answer.answer);
    expect(answer.answer).not.toContain('Japan plans to');
    expect(events.some((event) => event.type === 'error')).toBe(false);
    expect(warnings.map((warning) => warning.event)).toEqual(['llm-failed']);
  }, 5_000);

  it('ends with an error event, keeping the verified text, when the model fails after a verified citation', async () => {
    const { answer, events, warnings } = await run(scriptedModel([citedSentence, ' It also said'], new Error('upstream reset')));
    expect(answer).toMatchObject({ mode: 'llm', refused: false, interrupted: true, fallbackReason: undefined });
    expect(answer.citations).toHaveLength(1);
    expect(shownText(events)).toBe(answer.answer);
    expect(answer.answer.startsWith(citedSentence)).toBe(true);
    expect(events.filter((event) => event.type === 'error')).toEqual([{ type: 'error', message: answerTexts.en.partialFailure }]);
    expect(events.findIndex((event) => event.type === 'error')).toBe(events.length - 2);
    expect(warnings).toEqual([{ event: 'llm-failed', fields: expect.objectContaining({ afterFirstToken: true, error: 'upstream reset' }) }]);
  });
});
