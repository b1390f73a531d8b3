import { describe, expect, it } from 'vitest';
import type { Citation } from '../src/core/types.js';
import { evalQuestion, toCaseCitation, type EvalQuestionContext } from './eval-question.js';
import type { EvalQuestion } from './types.js';

const passage = 'Recently, SoftBank contributed $500 million to a round of financing for OpenAI.';
const citation = (overrides: Partial<Citation>): Citation => ({
  n: 1,
  docId: '001_x',
  paragraph: 26,
  title: 't',
  url: 'u',
  quote: 'contributed $500 million',
  start: 19,
  end: 43,
  passage,
  ...overrides,
});

describe('toCaseCitation', () => {
  it.each([
    ['the cited slice of the stored paragraph', citation({}), passage, true],
    ['offsets that do not hold the quote', citation({ start: 0, end: 24 }), passage, false],
    ['a quote the stored paragraph lacks', citation({}), 'The paragraph was cleaned differently.', false],
    ['a paragraph missing from the store', citation({}), undefined, false],
  ])('%s', (_name, input, stored, verbatim) => {
    expect(toCaseCitation(input, stored, new Set(['001_x#26']))).toMatchObject({ verbatim, retrieved: true, paragraph: 26 });
  });
});

describe('evalQuestion', () => {
  const question: EvalQuestion = {
    id: 'en-softbank',
    question: 'How much did SoftBank put into OpenAI?',
    language: 'en',
    type: 'same-language',
    answerable: true,
    gold: [{ docId: '001_x', anchor: 'contributed $500 million', paragraph: 26 }],
    keyFacts: ['500 million'],
    history: [{ role: 'user', content: 'Tell me about SoftBank.' }],
  };
  const requests: unknown[] = [];
  const contextReplying = (status: number, body: unknown): EvalQuestionContext => ({
    app: {
      request: async (path, init) => {
        requests.push({ path, method: init.method, body: JSON.parse(String(init.body)) });
        return Response.json(body, { status });
      },
    },
    gold: { gold: [{ docId: '001_x', paragraph: 26 }], unresolvedGold: [], moved: [] },
    paragraphsOf: async (docId) => (docId === '001_x' ? new Map([[26, passage]]) : undefined),
  });

  it('asks through POST /api/ask and scores the reply: retrieved paragraphs once each, verbatim citations, served mode', async () => {
    requests.length = 0;
    const reply = {
      answer: 'SoftBank contributed $500 million [1].',
      refused: false,
      mode: 'extractive',
      language: 'en',
      citations: [citation({})],
      retrieval: {
        ms: 1,
        mode: 'keyword',
        passages: [
          { docId: '001_x', paragraph: 26, chunk: 0, score: 1, relevance: 1 },
          { docId: '001_x', paragraph: 26, chunk: 1, score: 0.9, relevance: 1 },
          { docId: '002_y', paragraph: 3, chunk: 0, score: 0.5, relevance: 0.5 },
        ],
      },
    };
    const { result, servedMode, judgement } = await evalQuestion(question, contextReplying(200, reply));
    expect(requests).toEqual([{ path: '/api/ask', method: 'POST', body: { question: question.question, history: question.history } }]);
    expect(servedMode).toBe('extractive');
    expect(judgement).toBeNull();
    expect(result).toMatchObject({
      id: 'en-softbank',
      gold: [{ docId: '001_x', paragraph: 26 }],
      retrieved: [{ docId: '001_x', paragraph: 26 }, { docId: '002_y', paragraph: 3 }],
      citations: [{ n: 1, docId: '001_x', paragraph: 26, quote: 'contributed $500 million', verbatim: true, retrieved: true }],
      answer: reply.answer,
      refused: false,
      answerLanguage: 'en',
      keyFacts: ['500 million'],
    });
    expect(result.error).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('turns an HTTP error into a failed case that names the status and code', async () => {
    const { result, servedMode } = await evalQuestion(question, contextReplying(400, { error: { code: 'bad_request:api', message: 'x' } }));
    expect(servedMode).toBeUndefined();
    expect(result).toMatchObject({ error: 'HTTP 400 bad_request:api', retrieved: [], citations: [], answer: '', answerLanguage: 'en' });
  });
});
