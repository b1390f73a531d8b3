import type { LanguageModel } from 'ai';
import { answerTexts } from '../core/answer-texts.js';
import { analyzeQuestion } from '../core/analyze-question.js';
import { buildExtractiveAnswer } from '../core/build-extractive-answer.js';
import { capHistory } from '../core/cap-history.js';
import { toSimplified, toTraditional } from '../core/chinese-script.js';
import { formatSourceUrl } from '../core/format-source-url.js';
import type { Prompt } from '../core/parse-prompt.js';
import type { AnswerMode, ChatTurn, Citation, Language, RetrievedPassage } from '../core/types.js';
import { createCitationVerifier, type VerificationIssue } from '../core/verify-citations.js';
import type { Embedder, LexiconSource, Logger, PassageFilter, PassageStore } from '../ports.js';
import type { AnswerSettings } from './answer-settings.js';
import { createVerifiedTextRelease, type ReleasedEvent } from './create-verified-text-release.js';
import { findUnmentionedTerms } from './find-unmentioned-terms.js';
import { resolveQuestion } from './resolve-question.js';
import { retrieve } from './retrieve.js';
import { streamModelAnswer } from './stream-model-answer.js';

export { defaultAnswerSettings, type AnswerSettings } from './answer-settings.js';

export interface AnswerDeps {
  store: PassageStore;
  embedder: Embedder | null;
  /** Query translation for keyword search across languages; none: same-language keywords only. */
  lexicon?: LexiconSource;
  /** The AI SDK language model, or null for the offline extractive mode. */
  model: LanguageModel | null;
  prompts: { answer: Prompt; resolve: Prompt };
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
  /** Whether the answer declines to answer; it may still cite what the sources say nearby. */
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
  | ReleasedEvent
  | { type: 'error'; message: string }
  | { type: 'finish'; answer: FinalAnswer };

function proseConverter(language: Language): ((text: string) => string) | undefined {
  if (language === 'zh-Hant') return toTraditional;
  if (language === 'zh-Hans') return toSimplified;
  return undefined;
}

/** Moves passages that contain the follow-up's own words ahead of the rest, keeping order otherwise. */
function favourFocus(passages: RetrievedPassage[], focus: string, createCoverage: (text: string) => (searchText: string) => number): RetrievedPassage[] {
  const focusCoverage = createCoverage(focus);
  const withFocus = passages.map((hit) => ({ hit, focus: focusCoverage(hit.passage.searchText) > 0 }));
  return [...withFocus.filter((entry) => entry.focus), ...withFocus.filter((entry) => !entry.focus)].map((entry) => entry.hit);
}

function summarizeRetrieval(ranked: RetrievedPassage[], retrieval: { ms: number; mode: RetrievalSummary['mode'] }): RetrievalSummary {
  return {
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
}

/**
 * Answers a question as a stream of events: retrieval, verified text deltas, citations as they
 * are first used, and a final answer. Text is held back until the first citation verifies, so
 * an answer that ends with no verified citation is replaced by the refusal before anyone sees
 * it. In LLM mode an upstream failure before the first token falls back to the extractive
 * answer; after it, an `error` event ends the answer. Offline, a question about a name or year no
 * source mentions is refused naming it, and one about a year the sources do not give is refused
 * citing the nearest quote (`refused: true` with a citation). Throws only when retrieval fails.
 */
export async function* streamAnswer(unpinnedDeps: AnswerDeps, unboundedRequest: AnswerRequest): AsyncGenerator<AnswerEvent> {
  // Every entry (chat, ask, Slack, CLI) passes here: a long earlier turn must not reach search.
  const request = { ...unboundedRequest, history: capHistory(unboundedRequest.history ?? []) };
  // One index version for the whole answer, even if an ingest publishes a new one meanwhile.
  const deps = { ...unpinnedDeps, store: (await unpinnedDeps.store.pin?.()) ?? unpinnedDeps.store };
  const { language, standaloneQuestion, focus, renderings, askAs } = await resolveQuestion({ ...deps, indexLanguages: deps.store.languages?.bind(deps.store) }, request);
  const texts = answerTexts[language];

  const retrieval = await retrieve(deps, standaloneQuestion, {
    focus,
    renderings,
    topK: deps.settings.topK,
    filter: request.filter,
    scoreFloor: deps.settings.scoreFloor,
    vectorScoreFloor: deps.settings.vectorScoreFloor,
  });
  const ranked = focus ? favourFocus(retrieval.passages, focus, retrieval.createCoverage) : retrieval.passages;
  const retrievalSummary = summarizeRetrieval(ranked, retrieval);
  yield { type: 'retrieval', retrieval: retrievalSummary };

  const context = ranked.slice(0, deps.settings.contextPassages);
  const verifier = createCitationVerifier({
    passages: context.map((hit) => hit.passage),
    sourceUrl: (docId, paragraph) => formatSourceUrl(request.baseUrl, { docId, paragraph }),
    convertProse: proseConverter(language),
  });
  const output = createVerifiedTextRelease(deps.store);

  let mode: AnswerMode = deps.model ? 'llm' : 'extractive';
  let fallbackReason: string | undefined;
  let interrupted = false;

  if (context.length > 0 && deps.model) {
    let receivedText = false;
    try {
      const pieces = streamModelAnswer({ ...deps, model: deps.model }, {
        question: askAs ?? request.question,
        passages: context.map((hit) => hit.passage),
        language,
        signal: request.signal,
      });
      for await (const piece of pieces) {
        receivedText = true;
        yield* output.release(verifier.push(piece));
      }
      yield* output.release(verifier.flush());
    } catch (error) {
      const reason = (error as Error).message;
      deps.log.warn('llm-failed', { requestId: request.requestId, afterFirstToken: receivedText, error: reason });
      if (request.signal?.aborted) return;
      if (receivedText && output.cited) {
        interrupted = true;
        yield { type: 'error', message: texts.partialFailure };
      } else {
        mode = 'extractive';
        fallbackReason = receivedText ? 'model failed before any verified citation' : 'model failed before the first token';
        output.discardHeld();
      }
    }
  }

  // Why an extractive answer refuses, and what it says when nothing verified is left to show.
  let refusalReason: string | undefined;
  let refusalText = texts.refusal;
  if (context.length > 0 && mode === 'extractive') {
    // A question about something no source names is refused, not answered with quotes on its topic.
    const analysis = analyzeQuestion(request.question);
    const unmentioned = await findUnmentionedTerms(deps.store, analysis.essentialTerms, { context, filter: request.filter ?? {}, lexicon: deps.lexicon ? await deps.lexicon() : null });
    if (unmentioned.length > 0) {
      refusalReason = `the sources never mention ${unmentioned.map((term) => term.text).join(', ')}`;
      refusalText = texts.unmentioned(unmentioned.map((term) => term.text));
    } else {
      // A follow-up ("第二件呢？") is matched with the conversation's topic too, as retrieval was.
      const extractive = buildExtractiveAnswer(request.question, context, language, {
        conversation: standaloneQuestion === request.question ? undefined : standaloneQuestion,
        createCoverage: retrieval.createCoverage,
        createRankingCoverage: retrieval.createRankingCoverage,
        namesAll: retrieval.namesAll,
        analysis,
      });
      if (extractive) {
        refusalReason = extractive.refusal;
        // Offline answers arrive whole; stream them a line at a time like a model would.
        for (const line of extractive.text.split(/(?<=\n)/)) yield* output.release(verifier.push(line));
        yield* output.release(verifier.flush());
      }
    }
  }

  // A refusal may cite what the sources do say nearby ("…for 2024, not 2025"); it is still a refusal.
  const refused = refusalReason !== undefined || output.citations.length === 0;
  const showsRefusal = output.citations.length === 0;
  if (refused) {
    if (context.length > 0) deps.log.info('answer-refused', { requestId: request.requestId, reason: refusalReason ?? 'no verified citation', issues: verifier.issues });
    if (showsRefusal) yield { type: 'text-delta', delta: refusalText };
  }
  yield {
    type: 'finish',
    answer: {
      answer: showsRefusal ? refusalText : output.shownText,
      refused,
      mode,
      language,
      promptVersion: `${deps.prompts.answer.name}@${deps.prompts.answer.version}`,
      standaloneQuestion,
      citations: [...output.citations],
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
