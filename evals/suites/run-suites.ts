import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config.js';
import { createNodeDeps } from '../../src/create-node-deps.js';
import type { FinalAnswer } from '../../src/engine/answer-question.js';
import type { Logger } from '../../src/ports.js';
import { createApp } from '../../src/http/create-app.js';
import { buildSuiteCorpus, matchGoldParagraphs, suiteNames, type SuiteName, type SuiteQuestion } from './build-suite-corpus.js';
import { createBm25Peer } from './create-bm25-peer.js';
import { loadSquadDataset, type SquadDataset } from './load-squad-dataset.js';
import { defaultSampleSeed, sampleQuestions } from './sample-questions.js';
import { summarizeSuite, type SuiteCaseResult, type SuiteSummary } from './score-suite.js';

/** The vendored file of each set, under `evals/datasets/`. */
export const suiteFiles: Record<SuiteName, string> = {
  drcd: 'drcd-dev.json',
  cmrc: 'cmrc2018-dev.json',
  squad: 'squad2-dev-subset.json',
};

export interface RunSuitesOptions {
  /** The sets whose questions are asked; the index always holds the articles of all three. */
  suites: readonly SuiteName[];
  datasetsDir: string;
  /** Questions per set (a fixed seeded sample); all when undefined. */
  sample?: number;
  seed?: string;
  /** Environment the app is configured from; DATA_DIR and SEEDS_DIR point into a temporary folder. */
  environment?: Record<string, string | undefined>;
  onProgress?: (progress: { suite: SuiteName; done: number; total: number }) => void;
}

export interface SuitesRun {
  index: { documents: number; passages: number; retrieval: string; ingestMs: number };
  sample: { size: number | null; seed: string | undefined };
  suites: Partial<Record<SuiteName, { summary: SuiteSummary; cases: SuiteCaseResult[]; skipped: Array<{ id: string; reason: string }> }>>;
  ms: number;
}

type AskResponse = Pick<FinalAnswer, 'answer' | 'refused' | 'citations' | 'retrieval'>;

/** The span an answer's first line gives in bold (`**1.8萬個**, according to the sources:`), if any. */
export function readLead(answer: string): string | undefined {
  const firstLine = answer.split('\n').find((line) => line.trim() !== '') ?? '';
  return /\*\*(.+?)\*\*/u.exec(firstLine)?.[1];
}

const keyOf = (ref: { docId: string; paragraph: number }) => `${ref.docId}#${ref.paragraph}`;

function createQuietLogger(): Logger {
  return { info: () => {}, warn: () => {}, error: () => {} };
}

/**
 * Builds one index from the articles of all three sets in a temporary folder, through the
 * product's own ingest (cleaning, splitting, search text), then asks the chosen sets' questions
 * through `POST /api/ask` of the real app, one at a time, and the BM25 peer beside it on the same
 * stored paragraphs. Gold paragraphs are found by their text among the stored ones. Throws when
 * a dataset is invalid, the configuration is invalid or ingest fails.
 */
export async function runSuites(options: RunSuitesOptions): Promise<SuitesRun> {
  const started = performance.now();
  const datasets: Partial<Record<SuiteName, SquadDataset>> = {};
  for (const suite of suiteNames) datasets[suite] = await loadSquadDataset(path.join(options.datasetsDir, suiteFiles[suite]));
  const corpus = buildSuiteCorpus(datasets);

  const temporary = await mkdtemp(path.join(os.tmpdir(), 'cited-answers-suites-'));
  try {
    const seedsDir = path.join(temporary, 'seeds');
    await mkdir(seedsDir);
    for (const file of corpus.files) await writeFile(path.join(seedsDir, file.fileName), file.text);
    const config = parseConfig({ ...(options.environment ?? {}), DATA_DIR: path.join(temporary, 'data'), SEEDS_DIR: seedsDir, LOG_LEVEL: 'silent' });
    const log = createQuietLogger();
    const ingestStarted = performance.now();
    const deps = await createNodeDeps(config, { ingest: true, log });
    const ingestMs = Math.round(performance.now() - ingestStarted);
    const stats = await deps.store.stats();

    const storedParagraphs = new Map<string, Array<{ n: number; text: string }>>();
    for (const file of corpus.files) {
      const document = await deps.store.getDocument(file.docId);
      storedParagraphs.set(file.docId, (document?.paragraphs ?? []).filter((paragraph) => paragraph.kind === 'body').map(({ n, text }) => ({ n, text })));
    }
    const peer = createBm25Peer([...storedParagraphs].flatMap(([docId, paragraphs]) => paragraphs.map((paragraph) => ({ key: `${docId}#${paragraph.n}`, text: paragraph.text }))));
    const goldOf = (question: SuiteQuestion) =>
      question.answerable ? matchGoldParagraphs(question.paragraphText, storedParagraphs.get(question.docId) ?? []).map((n) => `${question.docId}#${n}`) : [];

    const app = createApp({ answer: { ...deps.answer, log }, store: deps.store, publicBaseUrl: deps.publicBaseUrl, allowedOrigins: [], health: deps.health, log });
    const suites: SuitesRun['suites'] = {};
    for (const suite of options.suites) {
      const questions = sampleQuestions(corpus.questions[suite], options.sample, options.seed ?? defaultSampleSeed);
      const cases: SuiteCaseResult[] = [];
      for (const question of questions) {
        const requestStarted = performance.now();
        const response = await app.request('/api/ask', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question: question.question }),
        });
        const body = (await response.json()) as AskResponse & { error?: { code: string } };
        const latencyMs = Math.round((performance.now() - requestStarted) * 10) / 10;
        const base = { id: question.id, question: question.question, answerable: question.answerable, answers: question.answers, gold: goldOf(question), peer: peer(question.question) };
        cases.push(
          response.ok
            ? {
                ...base,
                retrieved: [...new Set(body.retrieval.passages.map(keyOf))],
                refused: body.refused,
                cited: [...new Set(body.citations.map(keyOf))],
                quotes: body.citations.map((citation) => citation.quote),
                ...(body.refused ? {} : { lead: readLead(body.answer) }),
                latencyMs,
              }
            : { ...base, retrieved: [], refused: false, cited: [], quotes: [], latencyMs, error: `HTTP ${response.status} ${body.error?.code ?? ''}`.trim() },
        );
        options.onProgress?.({ suite, done: cases.length, total: questions.length });
      }
      suites[suite] = { summary: summarizeSuite(cases), cases, skipped: datasets[suite]!.skipped };
    }
    return {
      index: { documents: stats.documents, passages: stats.passages, retrieval: `${deps.health.retrieval.mode} (${deps.health.retrieval.reason})`, ingestMs },
      sample: { size: options.sample ?? null, seed: options.sample === undefined ? undefined : (options.seed ?? defaultSampleSeed) },
      suites,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}
