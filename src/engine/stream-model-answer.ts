import { streamText, type LanguageModel } from 'ai';
import { buildAnswerPrompt } from '../core/build-prompt.js';
import type { Prompt } from '../core/parse-prompt.js';
import type { Language, Passage } from '../core/types.js';
import type { AnswerSettings } from './answer-settings.js';

export interface StreamModelAnswerDeps {
  model: LanguageModel;
  prompts: { answer: Prompt };
  settings: Pick<AnswerSettings, 'maxOutputTokens' | 'llmTimeoutMs' | 'llmFirstTokenTimeoutMs'>;
}

/**
 * The model's answer over the numbered passages, as the text pieces it streams (never empty).
 * Throws when the model fails, the stream is aborted, or no first token arrives within
 * `llmFirstTokenTimeoutMs`; the caller decides whether that is a fallback or an interruption.
 */
export async function* streamModelAnswer(
  deps: StreamModelAnswerDeps,
  input: { question: string; passages: Passage[]; language: Language; signal?: AbortSignal },
): AsyncGenerator<string> {
  // The AI SDK's firstChunkMs starts once the response has begun; a server that never
  // answers at all is caught by this timer instead.
  const firstToken = new AbortController();
  const firstTokenTimer = setTimeout(() => firstToken.abort(new Error('no first token in time')), deps.settings.llmFirstTokenTimeoutMs);
  const abortSignal = input.signal ? AbortSignal.any([input.signal, firstToken.signal]) : firstToken.signal;
  try {
    const result = streamText({
      model: deps.model,
      system: deps.prompts.answer.text,
      prompt: buildAnswerPrompt(input.question, input.passages, input.language),
      maxOutputTokens: deps.settings.maxOutputTokens,
      temperature: 0,
      maxRetries: 0,
      abortSignal,
      timeout: { totalMs: deps.settings.llmTimeoutMs, firstChunkMs: deps.settings.llmFirstTokenTimeoutMs },
      // The caller logs failures with the request id; the SDK's default prints to stderr.
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === 'error') throw part.error;
      if (part.type === 'abort') throw new Error(`aborted: ${part.reason ?? 'no reason'}`);
      if (part.type !== 'text-delta' || !part.text) continue;
      clearTimeout(firstTokenTimer);
      yield part.text;
    }
  } finally {
    clearTimeout(firstTokenTimer);
  }
}
