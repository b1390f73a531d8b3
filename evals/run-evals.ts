// Builds a fresh index from the seeds and answers a question set through the real app in every
// answer mode this machine can run. The command line is evals/main.ts (`npm run eval`).
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanDocument } from '../src/core/clean/clean-document.js';
import { parseConfig } from '../src/config.js';
import { createNodeDeps } from '../src/create-node-deps.js';
import type { AnswerSettings } from '../src/engine/answer-question.js';
import type { Logger } from '../src/ports.js';
import { createApp, type AppDeps } from '../src/http/create-app.js';
import type { PassageStore } from '../src/ports.js';
import { buildDistractors, distractorPrefix } from './distractors.js';
import { evalQuestion } from './eval-question.js';
import { summarizeJudgements, type EvalJudge, type JudgeSummary, type JudgeVerdict } from './judge.js';
import { summarizeResults } from './metrics.js';
import { collectGold, resolveGold, type DocumentParagraphs } from './resolve-gold.js';
import { evalModes, type EvalMode, type EvalQuestion, type Summary } from './types.js';

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
      for (const fileName of (await readdir(seedsCopy)).filter((name) => name.startsWith(distractorPrefix))) {
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
        const { result, servedMode, judgement } = await evalQuestion(question, { app, gold: goldById.get(question.id)!, paragraphsOf, judge: options.judge });
        if (useLlm && servedMode !== undefined && servedMode !== 'llm') fallbacks[question.id] = servedMode;
        if (judgement) judgements[question.id] = judgement;
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
