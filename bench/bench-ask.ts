import path from 'node:path';
import { loadCedict } from '../src/adapters/load-cedict.js';
import { loadAnswerPrompts } from '../src/adapters/load-prompts.js';
import { createBilingualLexicon } from '../src/core/bilingual-lexicon.js';
import { defaultAnswerSettings } from '../src/engine/answer-question.js';
import type { Logger } from '../src/ports.js';
import { createApp } from '../src/http/create-app.js';
import type { PassageStore } from '../src/ports.js';
import type { BenchQuestion } from './build-bench-questions.js';
import { measureLatency, type LatencyBudget, type LatencySummary } from './measure-latency.js';

const silentLogger: Logger = { info() {}, warn() {}, error() {} };
const promptsDir = path.resolve(import.meta.dirname, '../prompts');

/** The app as src/node.ts builds it, in extractive mode with keyword retrieval and the CC-CEDICT lexicon. */
export async function createBenchApp(store: PassageStore, publicBaseUrl = 'http://127.0.0.1') {
  const lexicon = createBilingualLexicon(await loadCedict(), []);
  return createApp({
    answer: { store, embedder: null, lexicon: async () => lexicon, model: null, prompts: await loadAnswerPrompts(promptsDir), settings: defaultAnswerSettings, log: silentLogger },
    store,
    publicBaseUrl,
    allowedOrigins: [],
    health: { retrieval: { mode: 'keyword', reason: 'bench' }, llm: { mode: 'extractive' } },
    log: silentLogger,
  });
}

export interface AskResult extends LatencySummary {
  /** Share of questions answered with at least one citation (the rest were refused). */
  citedShare: number;
}

/** POST /api/ask through app.request (in-process, no sockets). */
export async function benchAsk(store: PassageStore, questions: readonly BenchQuestion[], budget: LatencyBudget): Promise<AskResult> {
  const app = await createBenchApp(store);
  let cited = 0;
  let total = 0;
  const result = await measureLatency(async (index) => {
    const response = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: questions[index % questions.length]!.question }),
    });
    if (response.status !== 200) throw new Error(`/api/ask answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { citations: unknown[] };
    total++;
    if (body.citations.length > 0) cited++;
  }, budget);
  const { samples: _samples, ...summary } = result;
  return { ...summary, citedShare: cited / total };
}
