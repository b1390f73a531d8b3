// Runs every question of evals/questions.jsonl through POST /api/ask on a freshly built index, in
// every answer mode this machine can run, scores the answers and compares them with the baseline.
//
//   npm run eval [-- --check] [-- --update-baseline] [-- --distractors] [-- --out evals/out]
//   npm run eval -- --suite drcd|cmrc|squad|all [--sample N] [--check] [--update-baseline]  (evals/suites/)
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { isAppError } from '../src/core/app-error.js';
import { cleanDocument } from '../src/core/clean/clean-document.js';
import type { Citation, Language } from '../src/core/types.js';
import { parseConfig } from '../src/config.js';
import { createNodeDeps } from '../src/create-node-deps.js';
import type { AnswerSettings, FinalAnswer, Logger } from '../src/engine/answer-question.js';
import { createApp, type AppDeps } from '../src/http/create-app.js';
import type { PassageStore } from '../src/ports.js';
import { detectAnswerLanguage } from './detect-answer-language.js';
import { buildDistractors } from './distractors.js';
import { checkAgainstBaseline, createBaseline, type Baseline, type GateResult } from './gate.js';
import { judgeAnswer, loadJudgePrompts, summarizeJudgements, type JudgePrompts, type JudgeSummary, type JudgeVerdict } from './judge.js';
import { summarizeResults } from './metrics.js';
import { parseQuestions } from './parse-questions.js';
import { renderRunReport } from './render-run-report.js';
import { collectGold, resolveGold, type DocumentParagraphs } from './resolve-gold.js';
import { runSuitesCommand } from './suites/run-suites-command.js';
import { evalModes, type CaseCitation, type CaseResult, type EvalMode, type EvalQuestion, type ParagraphRef, type Summary } from './types.js';

export interface EvalJudge {
  model: LanguageModel;
  prompts: JudgePrompts;
  modelId: string;
}

export interface RunEvalsOptions {
  questions: EvalQuestion[];
  /** Source folder; it is copied, never written to. */
  seedsDir: string;
  /** Environment the app is configured from (EMBEDDINGS, OPENAI_*, TOP_K…). DATA_DIR and SEEDS_DIR point into a temporary folder. */
  environment?: Record<string, string | undefined>;
  /** Add near-duplicate paragraphs of every gold paragraph to the index as extra documents. */
  distractors?: boolean;
  /** Modes to try; those this machine cannot run are skipped with a reason. Default: all. */
  modes?: readonly EvalMode[];
  /** Wraps the store the app reads: tests use it to make retrieval deliberately worse. */
  wrapStore?: (store: PassageStore) => PassageStore;
  settings?: Partial<AnswerSettings>;
  judge?: EvalJudge | null;
  /** Questions in flight at once in LLM modes (extractive modes run one at a time). Default 4. */
  llmConcurrency?: number;
  onProgress?: (progress: { mode: EvalMode; done: number; total: number; id: string }) => void;
}

export interface ModeRun {
  summary: Summary;
  judgements: Record<string, JudgeVerdict> | null;
  judgeSummary: JudgeSummary | null;
  /** Case id → the answer mode the server reported, for LLM answers that fell back to extractive. */
  fallbacks: Record<string, string>;
  ms: number;
}

export interface EvalRun {
  index: {
    documents: number;
    passages: number;
    embedding: string | null;
    retrievalReason: string;
    ingestMs: number;
    distractors: { documents: number; paragraphs: number; indexed: number } | null;
  };
  ran: EvalMode[];
  skipped: { mode: EvalMode; reason: string }[];
  runs: Partial<Record<EvalMode, ModeRun>>;
  /** Per question: gold anchors that did not resolve, and anchors that moved paragraph. */
  gold: { unresolved: string[]; moved: string[] };
}

type AskResponse = Pick<FinalAnswer, 'answer' | 'refused' | 'mode' | 'language' | 'citations' | 'retrieval'>;

const keyOf = (ref: ParagraphRef) => `${ref.docId}#${ref.paragraph}`;

function createQuietLogger(warnings: string[]): Logger {
  return {
    info: () => {},
    warn: (event, fields) => warnings.push(`${event}: ${JSON.stringify(fields ?? {})}`),
    error: (event, fields) => warnings.push(`${event}: ${JSON.stringify(fields ?? {})}`),
  };
}

async function mapWithConcurrency<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

async function readCleanedSeeds(seedsDir: string): Promise<{ documents: DocumentParagraphs; titles: Map<string, string> }> {
  const documents: DocumentParagraphs = new Map();
  const titles = new Map<string, string>();
  for (const fileName of (await readdir(seedsDir)).filter((name) => name.endsWith('.txt')).sort()) {
    const cleaned = cleanDocument(await readFile(path.join(seedsDir, fileName), 'utf8'), { fileName });
    const docId = path.basename(fileName, '.txt');
    documents.set(docId, { paragraphs: cleaned.paragraphs });
    titles.set(docId, cleaned.metadata.title);
  }
  return { documents, titles };
}

/** A citation as the evals score it: verbatim only when the quote is the cited slice of the passage and of the stored paragraph. */
export function toCaseCitation(citation: Citation, storedParagraph: string | undefined, retrievedKeys: Set<string>): CaseCitation {
  const verbatim =
    citation.quote.length > 0 &&
    citation.quote === citation.passage.slice(citation.start, citation.end) &&
    storedParagraph !== undefined &&
    storedParagraph.includes(citation.quote);
  return {
    n: citation.n,
    docId: citation.docId,
    paragraph: citation.paragraph,
    quote: citation.quote,
    verbatim,
    retrieved: retrievedKeys.has(keyOf(citation)),
  };
}

/**
 * Builds a temporary index from the seeds (plus distractors when asked), then answers every
 * question through `POST /api/ask` of the real app in each available mode and scores it.
 * Modes that need an embedding model or an LLM are skipped, with the reason, when this
 * machine has neither. Throws when the configuration is invalid or ingest fails.
 */
export async function runEvals(options: RunEvalsOptions): Promise<EvalRun> {
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'cited-answers-evals-'));
  try {
    const seedsCopy = path.join(temporary, 'seeds');
    await cp(options.seedsDir, seedsCopy, { recursive: true });

    let distractorInfo: EvalRun['index']['distractors'] = null;
    let distractorTexts: string[] = [];
    if (options.distractors) {
      const { documents, titles } = await readCleanedSeeds(options.seedsDir);
      const gold = options.questions.flatMap((question) => collectGold(resolveGold(question, documents)).gold);
      const built = buildDistractors(gold, documents, titles);
      for (const document of built) await writeFile(path.join(seedsCopy, document.fileName), document.text);
      distractorTexts = built.flatMap((document) => document.paragraphs.map((paragraph) => paragraph.text));
      distractorInfo = { documents: built.length, paragraphs: distractorTexts.length, indexed: 0 };
    }

    const warnings: string[] = [];
    const log = createQuietLogger(warnings);
    const config = parseConfig({
      ...(options.environment ?? {}),
      DATA_DIR: path.join(temporary, 'data'),
      SEEDS_DIR: seedsCopy,
      LOG_LEVEL: 'silent',
    });
    const ingestStarted = performance.now();
    const deps = await createNodeDeps(config, { ingest: true, log });
    const ingestMs = Math.round(performance.now() - ingestStarted);
    const stats = await deps.store.stats();
    const store = options.wrapStore ? options.wrapStore(deps.store) : deps.store;

    if (distractorInfo) {
      const stored = new Set<string>();
      for (const fileName of (await readdir(seedsCopy)).filter((name) => name.startsWith('900_distractors_'))) {
        const document = await deps.store.getDocument(path.basename(fileName, '.txt'));
        for (const paragraph of document?.paragraphs ?? []) stored.add(paragraph.text);
      }
      distractorInfo.indexed = distractorTexts.filter((text) => stored.has(text)).length;
    }

    const documentCache = new Map<string, Promise<Map<number, string> | undefined>>();
    const paragraphsOf = (docId: string) => {
      if (!documentCache.has(docId)) {
        documentCache.set(
          docId,
          deps.store.getDocument(docId).then((document) => document && new Map(document.paragraphs.map((paragraph) => [paragraph.n, paragraph.text]))),
        );
      }
      return documentCache.get(docId)!;
    };

    const goldDocuments: DocumentParagraphs = new Map();
    for (const docId of new Set(options.questions.flatMap((question) => question.gold.map((gold) => gold.docId)))) {
      const paragraphs = await paragraphsOf(docId);
      if (paragraphs) goldDocuments.set(docId, { paragraphs: [...paragraphs].map(([n, text]) => ({ n, text })) });
    }
    const goldReport: EvalRun['gold'] = { unresolved: [], moved: [] };
    const goldById = new Map(
      options.questions.map((question) => {
        const resolutions = resolveGold(question, goldDocuments);
        for (const resolution of resolutions) {
          if (resolution.status === 'unresolved') goldReport.unresolved.push(`${question.id}: ${resolution.docId}#${resolution.anchor}: ${resolution.reason}`);
        }
        const collected = collectGold(resolutions);
        goldReport.moved.push(...collected.moved.map((move) => `${question.id}: ${move}`));
        return [question.id, collected] as const;
      }),
    );

    const hybridReason = deps.embedder ? null : `embedding model unavailable: ${deps.health.retrieval.reason}`;
    const llmReason = deps.answer.model ? null : 'no OPENAI_API_KEY/OPENAI_BASE_URL';
    const ran: EvalMode[] = [];
    const skipped: EvalRun['skipped'] = [];
    for (const mode of options.modes ?? evalModes) {
      const reasons = [mode.endsWith('+llm') ? llmReason : null, mode.startsWith('hybrid+') ? hybridReason : null].filter(
        (reason): reason is string => reason !== null,
      );
      if (reasons.length > 0) skipped.push({ mode, reason: reasons.join('; ') });
      else ran.push(mode);
    }

    const runs: EvalRun['runs'] = {};
    for (const mode of ran) {
      const started = performance.now();
      const useLlm = mode.endsWith('+llm');
      const appDeps: AppDeps = {
        answer: {
          ...deps.answer,
          store,
          embedder: mode.startsWith('hybrid+') ? deps.embedder : null,
          model: useLlm ? deps.answer.model : null,
          settings: { ...deps.answer.settings, ...options.settings },
          log,
        },
        store,
        publicBaseUrl: deps.publicBaseUrl,
        allowedOrigins: [],
        health: deps.health,
        log,
      };
      const app = createApp(appDeps);
      const fallbacks: Record<string, string> = {};
      const judgements: Record<string, JudgeVerdict> = {};
      let done = 0;

      const results = await mapWithConcurrency(options.questions, useLlm ? (options.llmConcurrency ?? 4) : 1, async (question) => {
        const { gold, unresolvedGold, moved } = goldById.get(question.id)!;
        const base: CaseResult = {
          id: question.id,
          question: question.question,
          language: question.language,
          type: question.type,
          answerable: question.answerable,
          gold,
          retrieved: [],
          citations: [],
          answer: '',
          refused: false,
          answerLanguage: question.language,
          keyFacts: question.keyFacts,
          latencyMs: 0,
          unresolvedGold,
          ...(moved.length > 0 ? { movedGold: moved } : {}),
        };
        const requestStarted = performance.now();
        const response = await app.request('/api/ask', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question: question.question, ...(question.history ? { history: question.history } : {}) }),
        });
        const body = (await response.json()) as AskResponse & { error?: { code: string } };
        const latencyMs = Math.round((performance.now() - requestStarted) * 10) / 10;
        let result: CaseResult;
        let citations: Citation[] = [];
        if (!response.ok) {
          result = { ...base, latencyMs, answerLanguage: 'en', error: `HTTP ${response.status} ${body.error?.code ?? ''}`.trim() };
        } else {
          citations = body.citations;
          const retrieved = [...new Map(body.retrieval.passages.map((passage) => [keyOf(passage), { docId: passage.docId, paragraph: passage.paragraph }])).values()];
          const retrievedKeys = new Set(retrieved.map(keyOf));
          const caseCitations = await Promise.all(
            body.citations.map(async (citation) => toCaseCitation(citation, (await paragraphsOf(citation.docId))?.get(citation.paragraph), retrievedKeys)),
          );
          if (useLlm && body.mode !== 'llm') fallbacks[question.id] = body.mode;
          result = {
            ...base,
            retrieved,
            citations: caseCitations,
            answer: body.answer,
            refused: body.refused,
            answerLanguage: detectAnswerLanguage(body.answer) as Language,
            latencyMs,
          };
        }
        if (options.judge) {
          judgements[question.id] = await judgeAnswer(options.judge.model, options.judge.prompts, {
            question: question.question,
            answer: result.answer,
            refused: result.refused || result.error !== undefined,
            citations: citations.map((citation) => ({ n: citation.n, docId: citation.docId, paragraph: citation.paragraph, passage: citation.passage })),
          });
        }
        done += 1;
        options.onProgress?.({ mode, done, total: options.questions.length, id: question.id });
        return result;
      });

      const summary = summarizeResults(results, mode);
      const verdicts = options.judge ? new Map(Object.entries(judgements)) : null;
      runs[mode] = {
        summary,
        judgements: options.judge ? judgements : null,
        judgeSummary: verdicts ? summarizeJudgements(summary.cases, verdicts) : null,
        fallbacks,
        ms: Math.round(performance.now() - started),
      };
    }

    return {
      index: {
        documents: stats.documents,
        passages: stats.passages,
        embedding: stats.embedding ? `${stats.embedding.modelId} (${stats.embedding.dimension}-d)` : null,
        retrievalReason: deps.health.retrieval.reason,
        ingestMs,
        distractors: distractorInfo,
      },
      ran,
      skipped,
      runs,
      gold: goldReport,
    };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
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

/** Runs the gate for every mode that has a baseline; modes without one are listed, not gated. */
export function checkRun(run: EvalRun, baseline: Baseline | undefined): { gates: Partial<Record<EvalMode, GateResult>>; ungated: EvalMode[] } {
  const gates: Partial<Record<EvalMode, GateResult>> = {};
  const ungated: EvalMode[] = [];
  for (const mode of run.ran) {
    const summary = run.runs[mode]!.summary;
    if (baseline?.modes[mode]) gates[mode] = checkAgainstBaseline(summary, baseline);
    else ungated.push(mode);
  }
  return { gates, ungated };
}

async function readBaseline(baselinePath: string): Promise<Baseline | undefined> {
  try {
    return JSON.parse(await readFile(baselinePath, 'utf8')) as Baseline;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function createProgressPrinter(): (progress: { mode: EvalMode; done: number; total: number; id: string }) => void {
  const interactive = process.stderr.isTTY;
  return ({ mode, done, total, id }) => {
    const line = `[${mode}] ${done}/${total} ${id}`;
    if (interactive) process.stderr.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
    else if (done % 20 === 0 || done === total) process.stderr.write(`${line}\n`);
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      'update-baseline': { type: 'boolean', default: false },
      distractors: { type: 'boolean', default: false },
      out: { type: 'string', default: 'evals/out' },
      baseline: { type: 'string', default: 'evals/baseline.json' },
      seeds: { type: 'string', default: 'seeds' },
      questions: { type: 'string', default: 'evals/questions.jsonl' },
      'base-url': { type: 'string', default: 'http://localhost:8787' },
      suite: { type: 'string' },
      sample: { type: 'string' },
    },
  });
  if (values.suite !== undefined) {
    return runSuitesCommand({ suite: values.suite, sample: values.sample, check: values.check, updateBaseline: values['update-baseline'], out: values.out });
  }
  const started = performance.now();
  const questions = parseQuestions(await readFile(values.questions, 'utf8'));
  const { judge, reason: judgeReason } = await createJudge(process.env);
  const onProgress = createProgressPrinter();
  const common = { questions, seedsDir: values.seeds, environment: process.env, judge, onProgress };

  const run = await runEvals(common);
  const distracted = values.distractors ? await runEvals({ ...common, distractors: true }) : undefined;

  const baseline = await readBaseline(values.baseline);
  const { gates, ungated } = checkRun(run, baseline);
  if (values['update-baseline']) {
    let updated = baseline;
    for (const mode of run.ran) updated = createBaseline(run.runs[mode]!.summary, updated);
    await writeFile(values.baseline, `${JSON.stringify(updated, null, 2)}\n`);
  }

  const report = renderRunReport(run, {
    baseUrl: values['base-url'],
    gates,
    ungated,
    distracted,
    judgeReason,
    generatedAt: new Date().toISOString(),
    totalMs: Math.round(performance.now() - started),
  });
  await mkdir(values.out, { recursive: true });
  await writeFile(path.join(values.out, 'report.json'), `${JSON.stringify(report.json, null, 2)}\n`);
  await writeFile(path.join(values.out, 'report.md'), report.markdown);
  for (const [fileName, html] of Object.entries(report.html)) await writeFile(path.join(values.out, fileName), html);
  process.stdout.write(report.text);
  if (values['update-baseline']) console.log(`Baseline written to ${values.baseline} for ${run.ran.join(', ')}.`);
  console.log(`Reports: ${path.join(values.out, 'report.{json,md,html}')}`);

  if (!values.check) return 0;
  if (!baseline) {
    console.error(`--check: no baseline at ${values.baseline}; record one with npm run eval -- --update-baseline`);
    return 1;
  }
  const failed = Object.entries(gates).filter(([, gate]) => !gate.pass);
  if (Object.keys(gates).length === 0) {
    console.error(`--check: none of the modes that ran (${run.ran.join(', ')}) has a baseline`);
    return 1;
  }
  for (const [mode, gate] of failed) {
    console.error(`Gate FAILED for ${mode}: ${gate.regressions.length} metric regression(s); newly failing: ${gate.newlyFailing.join(', ') || 'none'}`);
  }
  return failed.length > 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(isAppError(error) ? `${error.code}: ${error.message}` : error);
      process.exitCode = 2;
    },
  );
}
