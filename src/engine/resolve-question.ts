import { generateText, type LanguageModel } from 'ai';
import { buildRewritePrompt } from '../core/build-prompt.js';
import { toSimplified, toTraditional } from '../core/chinese-script.js';
import { detectLanguage } from '../core/detect-language.js';
import { maxQuestionLength } from '../core/limits.js';
import type { Prompt } from '../core/parse-prompt.js';
import { isFollowUp, rewriteFollowUp } from '../core/rewrite-follow-up.js';
import type { ChatTurn, Language } from '../core/types.js';
import type { Logger } from '../ports.js';

export interface ResolveQuestionDeps {
  /** Rewrites a follow-up to stand alone; without it the follow-up is rewritten by rule. */
  model: LanguageModel | null;
  prompts: { rewrite: Prompt };
  settings: { llmFirstTokenTimeoutMs: number };
  log: Logger;
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

async function rewriteWithModel(deps: ResolveQuestionDeps, request: QuestionToResolve): Promise<string | undefined> {
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
    return rewritten && rewritten.length <= maxQuestionLength ? rewritten : undefined;
  } catch (error) {
    deps.log.warn('rewrite-failed', { requestId: request.requestId, error: (error as Error).message });
    return undefined;
  }
}

/**
 * What to search for and which language to answer in. A follow-up ("and Saudi Arabia?") is
 * rewritten to stand alone by the model when there is one, else by rule with its own words
 * kept as the focus. Never throws: a failed model rewrite falls back to the rule.
 */
export async function resolveQuestion(deps: ResolveQuestionDeps, request: QuestionToResolve): Promise<ResolvedQuestion> {
  const history = request.history ?? [];
  const language = questionLanguage(request.question, history);
  if (!isFollowUp(request.question, history)) return { language, standaloneQuestion: request.question };
  const rewritten = await rewriteWithModel(deps, request);
  if (rewritten) return { language, standaloneQuestion: rewritten };
  const { searchQuery, focus } = rewriteFollowUp(request.question, history);
  return { language, standaloneQuestion: searchQuery, focus };
}
