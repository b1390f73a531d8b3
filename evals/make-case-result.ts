import type { CaseResult } from './types.js';

/**
 * A passing English case for tests: one gold paragraph, retrieved and cited verbatim, with its
 * key fact in the answer. Tests override what they vary.
 */
export function makeCaseResult(id: string, overrides: Partial<CaseResult> = {}): CaseResult {
  const docId = '001_d38a6fc719d6b211';
  return {
    id,
    question: 'How much did SoftBank invest in OpenAI?',
    language: 'en',
    type: 'same-language',
    answerable: true,
    gold: [{ docId, paragraph: 2 }],
    retrieved: [{ docId, paragraph: 2 }],
    citations: [{ n: 1, docId, paragraph: 2, quote: '$500 million', verbatim: true, retrieved: true }],
    answer: '$500 million [1]',
    refused: false,
    answerLanguage: 'en',
    keyFacts: ['500 million'],
    latencyMs: 100,
    unresolvedGold: [],
    ...overrides,
  };
}
