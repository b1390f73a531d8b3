import { generateText, type LanguageModel } from 'ai';
import { buildResolvePrompt, type RenderingLanguage } from '../core/build-prompt.js';
import { isScriptNeutral } from '../core/chinese-script.js';
import { detectLanguage } from '../core/detect-language.js';
import { maxQuestionLength } from '../core/limits.js';
import type { Prompt } from '../core/parse-prompt.js';
import { parseQuestionResolution, type QuestionResolution } from '../core/parse-question-resolution.js';
import { isFollowUp, rewriteFollowUp } from '../core/rewrite-follow-up.js';
import type { ChatTurn, Language } from '../core/types.js';
import type { Logger } from '../ports.js';

export interface ResolveQuestionDeps {
  /**
   * Resolves every question in one short call: a follow-up rewritten to stand alone, and the
   * question rendered into the index's other languages. Without it a follow-up is rewritten by rule.
   */
  model: LanguageModel | null;
  prompts: { resolve: Prompt };
  settings: { questionResolutionTimeoutMs: number };
  log: Logger;
  /** The languages the index holds passages in; unknown means all of them. */
  indexLanguages?: () => Promise<Language[]>;
}

export interface QuestionToResolve {
  question: string;
  history?: ChatTurn[];
  signal?: AbortSignal;
  requestId?: string;
}

export interface ResolvedQuestion {
  /** The language and script the answer is written in. */
  language: Language;
  /** The question retrieval runs with: a follow-up rewritten to stand alone. */
  standaloneQuestion: string;
  /** For a follow-up rewritten by rule: its own words, searched on their own and favoured. */
  focus?: string;
  /** The standalone question in the index's other languages, searched beside it (LLM mode). */
  renderings?: string[];
  /** The model's standalone rewrite of a follow-up: what the answering model is asked, as "What about Korea?" alone says little. */
  askAs?: string;
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

/** The index's languages other than the question's, as search sees them (both Chinese scripts are one). */
async function languagesToRender(deps: ResolveQuestionDeps, language: Language): Promise<RenderingLanguage[]> {
  const all: Language[] = ['en', 'zh-Hans'];
  const held = deps.indexLanguages ? await deps.indexLanguages().catch(() => all) : all;
  const own: RenderingLanguage = language === 'en' ? 'en' : 'zh';
  return [...new Set(held.map((each): RenderingLanguage => (each === 'en' ? 'en' : 'zh')))].filter((each) => each !== own);
}

/**
 * One short model call: the standalone question and its renderings. Time-boxed: past the
 * budget (or on any failure or a malformed reply) it gives up, logs why, and the caller goes on
 * as it would without a model.
 */
async function resolveWithModel(
  model: LanguageModel,
  deps: ResolveQuestionDeps,
  request: QuestionToResolve,
  history: ChatTurn[],
  renderInto: RenderingLanguage[],
): Promise<QuestionResolution | undefined> {
  const budget = AbortSignal.timeout(deps.settings.questionResolutionTimeoutMs);
  try {
    const result = await generateText({
      model,
      system: deps.prompts.resolve.text,
      prompt: buildResolvePrompt(request.question, history, renderInto),
      maxOutputTokens: 300,
      temperature: 0,
      maxRetries: 0,
      abortSignal: request.signal ? AbortSignal.any([request.signal, budget]) : budget,
    });
    return parseQuestionResolution(result.text, renderInto, maxQuestionLength);
  } catch (error) {
    const reason = budget.aborted ? `no reply within ${deps.settings.questionResolutionTimeoutMs} ms` : (error as Error).message;
    deps.log.warn('question-resolution-failed', { requestId: request.requestId, error: reason });
    return undefined;
  }
}

/**
 * What to search for and which language to answer in. With a model, one short call rewrites a
 * follow-up ("and Saudi Arabia?") to stand alone and renders the question into the index's other
 * languages, so an English question finds a fact only a Chinese article holds. Without a model,
 * or when that call fails or runs out of time, a follow-up is rewritten by rule with its own
 * words kept as the focus. Never throws.
 */
export async function resolveQuestion(deps: ResolveQuestionDeps, request: QuestionToResolve): Promise<ResolvedQuestion> {
  const history = request.history ?? [];
  const language = questionLanguage(request.question, history);
  const followUp = isFollowUp(request.question, history);
  if (deps.model) {
    const renderInto = await languagesToRender(deps, language);
    // A first question in a one-language index needs neither a rewrite nor a translation.
    if (followUp || renderInto.length > 0) {
      const resolved = await resolveWithModel(deps.model, deps, request, history, renderInto);
      if (resolved) {
        return {
          language,
          standaloneQuestion: followUp ? resolved.standalone : request.question,
          // A follow-up's own words ("第二件呢？") still rank the passages they name, the list
          // item an ordinal points at among them, as offline.
          focus: followUp ? request.question : undefined,
          askAs: followUp ? resolved.standalone : undefined,
          renderings: resolved.renderings.map((rendering) => rendering.text),
        };
      }
    }
  }
  if (!followUp) return { language, standaloneQuestion: request.question };
  const { searchQuery, focus } = rewriteFollowUp(request.question, history);
  return { language, standaloneQuestion: searchQuery, focus };
}
