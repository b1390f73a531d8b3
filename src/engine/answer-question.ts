import { generateText, streamText, type LanguageModel } from 'ai';
import { answerTexts } from '../core/answer-texts.js';
import { buildExtractiveAnswer } from '../core/build-extractive-answer.js';
import { buildAnswerPrompt, buildRewritePrompt } from '../core/build-prompt.js';
import { toSimplified, toTraditional } from '../core/chinese-script.js';
import { detectLanguage } from '../core/detect-language.js';
import { keywordCoverage } from '../core/keyword-coverage.js';
import { normalizeSearchText } from '../core/normalize-search-text.js';
import type { Prompt } from '../core/parse-prompt.js';
import { isFollowUp, rewriteFollowUp } from '../core/rewrite-follow-up.js';
import type { AnswerMode, ChatTurn, Citation, Language, RetrievedPassage } from '../core/types.js';
import { createCitationVerifier, type CitationDraft, type VerificationIssue, type VerifierEvent } from '../core/verify-citations.js';
import type { Embedder, LexiconSource, PassageFilter, PassageStore } from '../ports.js';
import { retrieve } from './retrieve.js';

export interface AnswerSettings {
  topK: number;
  scoreFloor: number;
  vectorScoreFloor: number;
  /** Passages shown to the model or mined for extractive quotes. */
  contextPassages: number;
  maxOutputTokens: number;
  llmTimeoutMs: number;
  llmFirstTokenTimeoutMs: number;
}

export const defaultAnswerSettings: AnswerSettings = {
  topK: 8,
  scoreFloor: 0.3,
  vectorScoreFloor: 0.8,
  contextPassages: 6,
  maxOutputTokens: 800,
  llmTimeoutMs: 60_000,
  llmFirstTokenTimeoutMs: 20_000,
};

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface AnswerDeps {
  store: PassageStore;
  embedder: Embedder | null;
  /** Query translation for keyword search across languages; none: same-language keywords only. */
  lexicon?: LexiconSource;
  /** The AI SDK language model, or null for the offline extractive mode. */
  model: LanguageModel | null;
  prompts: { answer: Prompt; rewrite: Prompt };
  settings: AnswerSettings;
  log: Logger;
}

export interface AnswerRequest {
  question: string;
  history?: ChatTurn[];
  filter?: PassageFilter;
  /** Public base URL for source links, without a trailing slash. */
  baseUrl: string;
  signal?: AbortSignal;
  requestId?: string;
}

export interface RetrievalSummary {
  ms: number;
  mode: 'hybrid' | 'keyword';
  passages: Array<{ docId: string; paragraph: number; chunk: number; score: number; relevance: number }>;
}

export interface FinalAnswer {
  answer: string;
  refused: boolean;
  mode: AnswerMode;
  language: Language;
  promptVersion: string;
  /** The question retrieval ran with: the follow-up rewritten to stand alone. */
  standaloneQuestion: string;
  citations: Citation[];
  retrieval: RetrievalSummary;
  /** Set when the model failed after it had started answering. */
  interrupted: boolean;
  issues: VerificationIssue[];
  /** Why LLM mode fell back to the extractive answer, when it did. */
  fallbackReason?: string;
}

export type AnswerEvent =
  | { type: 'retrieval'; retrieval: RetrievalSummary }
  | { type: 'text-delta'; delta: string }
  | { type: 'citation'; citation: Citation }
  | { type: 'error'; message: string }
  | { type: 'finish'; answer: FinalAnswer };

function proseConverter(language: Language): ((text: string) => string) | undefined {
  if (language === 'zh-Hant') return toTraditional;
  if (language === 'zh-Hans') return toSimplified;
  return undefined;
}

/**
 * The question's language and script. A Chinese question whose characters are the same in both
 * scripts ("沙特呢？") says nothing about its script, so it takes the conversation's.
 */
function questionLanguage(question: string, history: ChatTurn[]): Language {
  const own = detectLanguage(question);
  if (own === 'en') return own;
  if (!isScriptNeutral(question)) return own;
  const telling = [...history].reverse().find((turn) => turn.role === 'user' && detectLanguage(turn.content) !== 'en' && !isScriptNeutral(turn.content));
  return telling ? detectLanguage(telling.content) : own;
}

function isScriptNeutral(text: string): boolean {
  return toSimplified(text) === text && toTraditional(text) === text;
}

async function rewriteWithModel(deps: AnswerDeps, request: AnswerRequest): Promise<string | undefined> {
  if (!deps.model) return undefined;
  try {
    const result = await generateText({
      model: deps.model,
      system: deps.prompts.rewrite.text,
      prompt: buildRewritePrompt(request.question, request.history ?? []),
      maxOutputTokens: 120,
      temperature: 0,
      maxRetries: 0,
      abortSignal: request.signal,
      timeout: { totalMs: Math.min(deps.settings.llmFirstTokenTimeoutMs, 15_000) },
    });
    const rewritten = result.text.trim().split('\n')[0]?.trim();
    return rewritten && rewritten.length <= 2_000 ? rewritten : undefined;
  } catch (error) {
    deps.log.warn('rewrite-failed', { requestId: request.requestId, error: (error as Error).message });
    return undefined;
  }
}

/** Moves passages that contain the follow-up's own words ahead of the rest, keeping order otherwise. */
function favourFocus(passages: RetrievedPassage[], focus: string, createCoverage: (text: string) => (searchText: string) => number): RetrievedPassage[] {
  const focusCoverage = createCoverage(focus);
  const withFocus = passages.map((hit) => ({ hit, focus: focusCoverage(hit.passage.searchText) > 0 }));
  return [...withFocus.filter((entry) => entry.focus), ...withFocus.filter((entry) => !entry.focus)].map((entry) => entry.hit);
}

/**
 * Answers a question as a stream of events: retrieval, verified text deltas, citations as they
 * are first used, and a final answer. Text is held back until the first citation verifies, so
 * an answer that ends with no verified citation is replaced by the refusal before anyone sees
 * it. In LLM mode an upstream failure before the first token falls back to the extractive
 * answer; after it, an `error` event ends the answer. Throws only when retrieval fails.
 */
export async function* streamAnswer(deps: AnswerDeps, request: AnswerRequest): AsyncGenerator<AnswerEvent> {
  const history = request.history ?? [];
  const language = questionLanguage(request.question, history);
  const texts = answerTexts[language];

  let standaloneQuestion = request.question;
  let focus: string | undefined;
  if (isFollowUp(request.question, history)) {
    const rewritten = await rewriteWithModel(deps, request);
    if (rewritten) standaloneQuestion = rewritten;
    else ({ searchQuery: standaloneQuestion, focus } = rewriteFollowUp(request.question, history));
  }

  const retrieval = await retrieve(deps, standaloneQuestion, {
    focus,
    topK: deps.settings.topK,
    filter: request.filter,
    scoreFloor: deps.settings.scoreFloor,
    vectorScoreFloor: deps.settings.vectorScoreFloor,
  });
  const ranked = focus ? favourFocus(retrieval.passages, focus, retrieval.createCoverage) : retrieval.passages;
  const retrievalSummary: RetrievalSummary = {
    ms: Math.round(retrieval.ms * 10) / 10,
    mode: retrieval.mode,
    passages: ranked.map((hit) => ({
      docId: hit.passage.docId,
      paragraph: hit.passage.paragraph,
      chunk: hit.passage.chunk,
      score: Math.round(hit.score * 1e4) / 1e4,
      relevance: Math.round(hit.relevance * 1e3) / 1e3,
    })),
  };
  yield { type: 'retrieval', retrieval: retrievalSummary };

  const context = ranked.slice(0, deps.settings.contextPassages);
  const verifier = createCitationVerifier({
    passages: context.map((hit) => hit.passage),
    sourceUrl: (docId, paragraph) => `${request.baseUrl}/sources/${encodeURIComponent(docId)}#p-${paragraph}`,
    convertProse: proseConverter(language),
  });
  const paragraphs = new Map<string, string>();
  async function completeCitation(draft: CitationDraft): Promise<Citation> {
    const key = `${draft.docId}#${draft.paragraph}`;
    if (!paragraphs.has(key)) {
      const document = await deps.store.getDocument(draft.docId);
      const paragraph = document?.paragraphs.find((candidate) => candidate.n === draft.paragraph);
      paragraphs.set(key, paragraph?.text ?? '');
    }
    return { ...draft, passage: paragraphs.get(key)! };
  }

  let mode: AnswerMode = deps.model ? 'llm' : 'extractive';
  let fallbackReason: string | undefined;
  let interrupted = false;
  const held: VerifierEvent[] = [];
  const citations: Citation[] = [];
  let shownText = '';
  let cited = false;

  async function* release(events: VerifierEvent[]): AsyncGenerator<AnswerEvent> {
    for (const event of events) {
      if (event.type === 'citation') cited = true;
      if (!cited) {
        held.push(event);
        continue;
      }
      for (const ready of held.splice(0).concat(event)) {
        if (ready.type === 'citation') {
          const citation = await completeCitation(ready.citation);
          citations.push(citation);
          yield { type: 'citation', citation };
        } else if (ready.text) {
          shownText += ready.text;
          yield { type: 'text-delta', delta: ready.text };
        }
      }
    }
  }

  if (context.length > 0 && deps.model) {
    let receivedText = false;
    // The AI SDK's firstChunkMs starts once the response has begun; a server that never
    // answers at all is caught by this timer instead.
    const firstToken = new AbortController();
    const firstTokenTimer = setTimeout(() => firstToken.abort(new Error('no first token in time')), deps.settings.llmFirstTokenTimeoutMs);
    const abortSignal = request.signal ? AbortSignal.any([request.signal, firstToken.signal]) : firstToken.signal;
    try {
      const result = streamText({
        model: deps.model,
        system: deps.prompts.answer.text,
        prompt: buildAnswerPrompt(request.question, context.map((hit) => hit.passage), language),
        maxOutputTokens: deps.settings.maxOutputTokens,
        temperature: 0,
        maxRetries: 0,
        abortSignal,
        timeout: { totalMs: deps.settings.llmTimeoutMs, firstChunkMs: deps.settings.llmFirstTokenTimeoutMs },
        // Failures are logged below with the request id; the SDK's default prints to stderr.
        onError: () => {},
      });
      for await (const part of result.fullStream) {
        if (part.type === 'error') throw part.error;
        if (part.type === 'abort') throw new Error(`aborted: ${part.reason ?? 'no reason'}`);
        if (part.type !== 'text-delta' || !part.text) continue;
        receivedText = true;
        clearTimeout(firstTokenTimer);
        yield* release(verifier.push(part.text));
      }
      clearTimeout(firstTokenTimer);
      yield* release(verifier.flush());
    } catch (error) {
      clearTimeout(firstTokenTimer);
      const reason = (error as Error).message;
      deps.log.warn('llm-failed', { requestId: request.requestId, afterFirstToken: receivedText, error: reason });
      if (request.signal?.aborted) return;
      if (receivedText && cited) {
        interrupted = true;
        yield { type: 'error', message: texts.partialFailure };
      } else {
        mode = 'extractive';
        fallbackReason = receivedText ? 'model failed before any verified citation' : 'model failed before the first token';
        held.length = 0;
      }
    }
  }

  if (context.length > 0 && mode === 'extractive') {
    // A follow-up ("第二件呢？") is matched with the conversation's topic too, as retrieval was.
    const extractive = buildExtractiveAnswer(request.question, context, language, {
      conversation: standaloneQuestion === request.question ? undefined : standaloneQuestion,
      createCoverage: retrieval.createCoverage,
      createRankingCoverage: retrieval.createRankingCoverage,
    });
    if (extractive) {
      // Offline answers arrive whole; stream them a line at a time like a model would.
      for (const line of extractive.split(/(?<=\n)/)) yield* release(verifier.push(line));
      yield* release(verifier.flush());
    }
  }

  const refused = citations.length === 0;
  if (refused) {
    if (context.length > 0) deps.log.info('answer-refused', { requestId: request.requestId, reason: 'no verified citation', issues: verifier.issues });
    shownText = texts.refusal;
    yield { type: 'text-delta', delta: texts.refusal };
  }
  yield {
    type: 'finish',
    answer: {
      answer: shownText,
      refused,
      mode,
      language,
      promptVersion: `${deps.prompts.answer.name}@${deps.prompts.answer.version}`,
      standaloneQuestion,
      citations,
      retrieval: retrievalSummary,
      interrupted,
      issues: verifier.issues,
      fallbackReason,
    },
  };
}

/** Answers a question and returns the final answer (the JSON API and evals use this). */
export async function answerQuestion(deps: AnswerDeps, request: AnswerRequest): Promise<FinalAnswer> {
  for await (const event of streamAnswer(deps, request)) {
    if (event.type === 'finish') return event.answer;
  }
  throw new Error('answer stream ended without a final answer');
}
