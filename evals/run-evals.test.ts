import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassageStore } from '../src/ports.js';
import { startFakeOpenAIServer, systemText, lastUserText, type FakeOpenAIServer } from '../tests/support/start-fake-openai-server.js';
import { checkAgainstBaseline, type Baseline } from './gate.js';
import { loadJudgePrompts } from './judge.js';
import { parseQuestions } from './parse-questions.js';
import { compareWithDistractors } from './render-run-report.js';
import { runEvals, type RunEvalsOptions } from './run-evals.js';
import { createOpenAI } from '@ai-sdk/openai';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const questions = parseQuestions(readFileSync(path.join(root, 'evals/questions.jsonl'), 'utf8'));
const baseline = JSON.parse(readFileSync(path.join(root, 'evals/baseline.json'), 'utf8')) as Baseline;
const seedsDir = path.join(root, 'seeds');
const offline = { questions, seedsDir, environment: { EMBEDDINGS: 'none' } } satisfies RunEvalsOptions;

/** A worse retriever: the best keyword hit never comes back. */
const dropBestKeywordHit = (store: PassageStore): PassageStore => ({
  ...store,
  keywordSearch: async (searchText, options) => (await store.keywordSearch(searchText, options)).slice(1),
  vectorSearch: store.vectorSearch.bind(store),
  getDocument: store.getDocument.bind(store),
  stats: store.stats.bind(store),
  // A pinned view would bypass this wrapper: answer through the wrapped methods.
  pin: undefined,
});

describe('runEvals offline against the committed baseline', () => {
  it('passes with the normal retriever, says which modes ran and resolves every gold id', async () => {
    const run = await runEvals(offline);
    expect(run.ran).toEqual(['keyword+extractive']);
    expect(Object.fromEntries(run.skipped.map((skipped) => [skipped.mode, skipped.reason]))).toEqual({
      'hybrid+extractive': expect.stringMatching(/^embedding model unavailable: Embeddings are turned off/u),
      'keyword+llm': 'no OPENAI_API_KEY/OPENAI_BASE_URL',
      'hybrid+llm': expect.stringMatching(/^no OPENAI_API_KEY\/OPENAI_BASE_URL; embedding model unavailable: /u),
    });
    expect(run.gold).toEqual({ unresolved: [], moved: [] });
    const summary = run.runs['keyword+extractive']!.summary;
    expect(summary.overall.count).toBe(questions.length);
    // Known failures stay in the set and count: cross-lingual questions mostly fail in keyword mode.
    expect(summary.cases.some((score) => score.result.type === 'cross-lingual' && !score.passed)).toBe(true);
    expect(checkAgainstBaseline(summary, baseline)).toEqual({ pass: true, regressions: [], newlyFailing: [] });
  });

  it.each<[string, Partial<RunEvalsOptions>, string]>([
    ['drops the best keyword hit', { wrapStore: dropBestKeywordHit }, 'hitAt1'],
    ['returns a single passage', { settings: { topK: 1, contextPassages: 1 } }, 'hitAt5'],
  ])('fails the gate when the retriever %s, naming the newly failing questions', async (_name, worse, metric) => {
    const run = await runEvals({ ...offline, ...worse });
    const gate = checkAgainstBaseline(run.runs['keyword+extractive']!.summary, baseline);
    expect(gate.pass).toBe(false);
    expect(gate.regressions.map((regression) => `${regression.metric}@${regression.scope}`)).toContain(`${metric}@overall`);
    expect(gate.newlyFailing.length).toBeGreaterThan(0);
    const recordedPassing = new Set(baseline.modes['keyword+extractive']!.passing);
    for (const id of gate.newlyFailing) expect(recordedPassing.has(id), id).toBe(true);
  });
});

describe('runEvals with distractors', () => {
  it('indexes near-duplicates of the gold paragraphs and reports what they cost', async () => {
    const subset = questions.filter((question) => question.type === 'same-language');
    const [clean, distracted] = await Promise.all([
      runEvals({ ...offline, questions: subset }),
      runEvals({ ...offline, questions: subset, distractors: true }),
    ]);
    const info = distracted.index.distractors!;
    expect(info.paragraphs).toBeGreaterThan(subset.length);
    expect(info.indexed).toBe(info.paragraphs);
    expect(distracted.index.documents).toBe(clean.index.documents + info.documents);
    const comparison = compareWithDistractors(clean.runs['keyword+extractive']!.summary, distracted.runs['keyword+extractive']!.summary);
    expect(comparison.metrics.citationPrecision!.change!).toBeLessThan(0);
    expect(comparison.citedDistractor.length).toBeGreaterThan(0);
  });
});

describe('runEvals with an LLM and a judge (fake OpenAI-compatible server)', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(async () => fake.close());

  it('runs keyword+llm beside the offline mode and adds judge scores', async () => {
    fake.reply = (request) => {
      const system = systemText(request);
      if (system.includes('supported by its sources')) return { kind: 'text', content: '{"verdicts": [{"sentence": 1, "supported": true}]}' };
      if (system.includes('rate how well')) return { kind: 'text', content: '{"relevance": 5}' };
      // The answer model: quote the start of the first passage, as the prompt asks.
      const first = /<passage n="1"[^>]*>\n([^\n]+)/u.exec(lastUserText(request))?.[1] ?? '';
      return { kind: 'text', content: `The source says “${first.slice(0, 40)}”[1].` };
    };
    const subset = questions.filter((question) => question.language === 'en' && question.type === 'same-language').slice(0, 3);
    const run = await runEvals({
      ...offline,
      questions: subset,
      environment: { EMBEDDINGS: 'none', OPENAI_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model' },
      judge: { model: createOpenAI({ apiKey: 'test', baseURL: fake.baseURL }).chat('judge'), prompts: await loadJudgePrompts(), modelId: 'judge' },
    });
    expect(run.ran).toEqual(['keyword+extractive', 'keyword+llm']);
    const llm = run.runs['keyword+llm']!;
    expect(llm.fallbacks).toEqual({});
    for (const score of llm.summary.cases) {
      expect(score.result.refused).toBe(false);
      expect(score.result.citations.every((citation) => citation.verbatim && citation.retrieved)).toBe(true);
      expect(score.result.answerLanguage).toBe('en');
    }
    expect(llm.judgeSummary?.overall).toEqual({ judged: 3, faithfulness: 1, relevance: 1 });
    expect(run.runs['keyword+extractive']!.judgeSummary?.overall.judged).toBe(3);
  });
});
