import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type LanguageModel } from 'ai';
import { z } from 'zod';
import { loadPrompt } from '../src/adapters/load-prompts.js';
import { answerTexts } from '../src/core/answer-texts.js';
import type { Prompt } from '../src/core/parse-prompt.js';
import { splitSentences } from '../src/core/split-sentences.js';
import { languages, questionTypes, type CaseScore } from './types.js';

export interface JudgePrompts {
  faithfulness: Prompt;
  relevance: Prompt;
}

export interface EvalJudge {
  model: LanguageModel;
  prompts: JudgePrompts;
  modelId: string;
}

export interface JudgeInput {
  question: string;
  answer: string;
  refused: boolean;
  citations: { n: number; docId: string; paragraph: number; passage: string }[];
}

/** The judge's view of one answer, reported beside the deterministic metrics. */
export interface JudgeVerdict {
  /** Share of the answer's sentences the cited passages support; null when nothing was judged. */
  faithfulness: number | null;
  /** 0–1 (from a 1–5 rating); null when not judged. */
  relevance: number | null;
  sentences: { text: string; supported: boolean | null }[];
  /** Why a part of the judgement is missing (refusal, unreadable judge reply, upstream error). */
  errors: string[];
}

const promptsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

export async function loadJudgePrompts(): Promise<JudgePrompts> {
  const [faithfulness, relevance] = await Promise.all([
    loadPrompt('judge-faithfulness', promptsDirectory),
    loadPrompt('judge-relevance', promptsDirectory),
  ]);
  return { faithfulness, relevance };
}

const fixedLines = new Set(Object.values(answerTexts).flatMap((texts) => [texts.lead, texts.refusal]));

/**
 * The answer's claims, one per sentence, as RAGAS and ALCE split them: list bullets and lines
 * the assistant always says (lead line, refusal) are left out; `[n]` markers stay, so the
 * judge sees which passage a sentence cites.
 */
export function splitAnswerSentences(answer: string): string[] {
  return answer
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/u, '').trim())
    .filter((line) => line !== '' && !fixedLines.has(line))
    .flatMap((line) => splitSentences(line).map((sentence) => sentence.text))
    .filter((sentence) => /\p{L}|\p{N}/u.test(sentence.replace(/\[\d+\]/gu, '')));
}

/** The first JSON object in a reply, tolerating code fences and prose around it. */
function parseJsonReply<T>(text: string, schema: z.ZodType<T>): T {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error(`judge reply has no JSON object: ${text.slice(0, 120)}`);
  return schema.parse(JSON.parse(text.slice(start, end + 1)));
}

const faithfulnessSchema = z.object({
  verdicts: z.array(z.object({ sentence: z.number().int(), supported: z.boolean() })),
});
const relevanceSchema = z.object({ relevance: z.number().min(1).max(5) });

async function ask(model: LanguageModel, prompt: Prompt, text: string, signal?: AbortSignal): Promise<string> {
  const result = await generateText({ model, system: prompt.text, prompt: text, temperature: 0, maxRetries: 1, abortSignal: signal });
  return result.text;
}

/**
 * Asks an LLM judge whether each sentence of an answer is supported by the passages it cites
 * (faithfulness: the supported share) and how well it addresses the question (relevance).
 * A refusal is not judged. Never throws: a failed or unreadable judgement is reported in
 * `errors` with null scores, so a flaky judge cannot fail the deterministic run.
 */
export async function judgeAnswer(
  model: LanguageModel,
  prompts: JudgePrompts,
  input: JudgeInput,
  options: { signal?: AbortSignal } = {},
): Promise<JudgeVerdict> {
  if (input.refused) return { faithfulness: null, relevance: null, sentences: [], errors: ['refused: not judged'] };
  const texts = splitAnswerSentences(input.answer);
  const verdict: JudgeVerdict = { faithfulness: null, relevance: null, sentences: texts.map((text) => ({ text, supported: null })), errors: [] };

  const passages = [...new Map(input.citations.map((citation) => [citation.n, citation])).values()]
    .map((citation) => `[${citation.n}] ${citation.passage}`)
    .join('\n\n');
  const faithfulness = async () => {
    if (texts.length === 0) throw new Error('the answer has no sentence to judge');
    if (passages === '') {
      verdict.sentences.forEach((sentence) => (sentence.supported = false));
      verdict.faithfulness = 0;
      return;
    }
    const reply = await ask(
      model,
      prompts.faithfulness,
      `Passages:\n${passages}\n\nSentences:\n${texts.map((text, index) => `${index + 1}. ${text}`).join('\n')}`,
      options.signal,
    );
    for (const { sentence, supported } of parseJsonReply(reply, faithfulnessSchema).verdicts) {
      const target = verdict.sentences[sentence - 1];
      if (target) target.supported = supported;
    }
    // A sentence the judge skipped counts as unsupported: silence is not support.
    const supportedCount = verdict.sentences.filter((sentence) => sentence.supported === true).length;
    verdict.faithfulness = supportedCount / verdict.sentences.length;
  };
  const relevance = async () => {
    const reply = await ask(model, prompts.relevance, `Question: ${input.question}\n\nAnswer:\n${input.answer}`, options.signal);
    verdict.relevance = (parseJsonReply(reply, relevanceSchema).relevance - 1) / 4;
  };
  const outcomes = await Promise.allSettled([faithfulness(), relevance()]);
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'rejected') {
      verdict.errors.push(`${index === 0 ? 'faithfulness' : 'relevance'}: ${(outcome.reason as Error)?.message ?? String(outcome.reason)}`);
    }
  });
  return verdict;
}

export interface JudgeScope {
  judged: number;
  faithfulness: number | null;
  relevance: number | null;
}

export interface JudgeSummary {
  overall: JudgeScope;
  byLanguage: Record<string, JudgeScope>;
  byType: Record<string, JudgeScope>;
  errors: number;
}

function summarizeVerdicts(verdicts: JudgeVerdict[]): JudgeScope {
  const mean = (values: (number | null)[]) => {
    const present = values.filter((value): value is number => value !== null);
    return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
  };
  return {
    judged: verdicts.filter((verdict) => verdict.faithfulness !== null || verdict.relevance !== null).length,
    faithfulness: mean(verdicts.map((verdict) => verdict.faithfulness)),
    relevance: mean(verdicts.map((verdict) => verdict.relevance)),
  };
}

/** Means of the judge's scores overall, by language and by type, over the judged cases. */
export function summarizeJudgements(cases: CaseScore[], verdicts: Map<string, JudgeVerdict>): JudgeSummary {
  const of = (scoped: CaseScore[]) => scoped.flatMap((score) => verdicts.get(score.result.id) ?? []);
  const byLanguage: Record<string, JudgeScope> = {};
  for (const language of languages) {
    const scoped = cases.filter((score) => score.result.language === language);
    if (scoped.length > 0) byLanguage[language] = summarizeVerdicts(of(scoped));
  }
  const byType: Record<string, JudgeScope> = {};
  for (const type of questionTypes) {
    const scoped = cases.filter((score) => score.result.type === type);
    if (scoped.length > 0) byType[type] = summarizeVerdicts(of(scoped));
  }
  const all = of(cases);
  return {
    overall: summarizeVerdicts(all),
    byLanguage,
    byType,
    errors: all.filter((verdict) => verdict.errors.some((error) => !error.startsWith('refused'))).length,
  };
}

const judgeEnvironmentSchema = z.object({
  EVAL_JUDGE_MODEL: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  OPENAI_API_KEY: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  OPENAI_BASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
});

/** The LLM judge from EVAL_JUDGE_MODEL and OPENAI_API_KEY / OPENAI_BASE_URL, or why there is none. */
export async function createJudge(environment: Record<string, string | undefined>): Promise<{ judge: EvalJudge | null; reason: string }> {
  const parsed = judgeEnvironmentSchema.parse(environment);
  if (!parsed.EVAL_JUDGE_MODEL) return { judge: null, reason: 'off — set EVAL_JUDGE_MODEL (and OPENAI_API_KEY or OPENAI_BASE_URL) to add it' };
  if (!parsed.OPENAI_API_KEY && !parsed.OPENAI_BASE_URL) return { judge: null, reason: `off — EVAL_JUDGE_MODEL=${parsed.EVAL_JUDGE_MODEL} needs OPENAI_API_KEY or OPENAI_BASE_URL` };
  const provider = createOpenAI({ apiKey: parsed.OPENAI_API_KEY ?? 'not-needed', baseURL: parsed.OPENAI_BASE_URL });
  return {
    judge: { model: provider.chat(parsed.EVAL_JUDGE_MODEL), prompts: await loadJudgePrompts(), modelId: parsed.EVAL_JUDGE_MODEL },
    reason: `on — ${parsed.EVAL_JUDGE_MODEL}`,
  };
}
