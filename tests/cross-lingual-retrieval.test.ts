import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../src/ingest/run-ingest.js';
import { openLanceStore } from '../src/adapters/lancedb-store.js';
import { loadCedict } from '../src/adapters/load-cedict.js';
import { createBilingualLexicon } from '../src/core/bilingual-lexicon.js';
import { answerQuestion, type AnswerDeps } from '../src/engine/answer-question.js';
import { retrieve } from '../src/engine/retrieve.js';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

// A Taiwan article (輝達, with its English name in brackets), a mainland one (英伟达, and a list of
// three things under headings) and an English one, ingested into a real LanceDB index.
const fixtures = path.resolve(import.meta.dirname, 'fixtures/cross-lingual');

let deps: SeededDeps;
let withoutAliases: AnswerDeps;
let withoutLexicon: AnswerDeps;

beforeAll(async () => {
  deps = await createSeededDeps({}, { sourceDir: fixtures });
  const dictionaryOnly = createBilingualLexicon(await loadCedict(), []);
  withoutAliases = { ...deps.answer, lexicon: async () => dictionaryOnly };
  withoutLexicon = { ...deps.answer, lexicon: undefined };
});
afterAll(() => deps.cleanup());

const ids = (result: Awaited<ReturnType<typeof retrieve>>) => result.passages.map((hit) => hit.passage.id);

describe('retrieval across languages', () => {
  it('mines the bracketed English name at ingest and stores it with the index', async () => {
    expect(await deps.store.readAliases()).toEqual([{ chinese: '輝達', english: 'Nvidia Corp.' }]);
  });

  it('CC-CEDICT: a Chinese question finds the English passage through dictionary glosses', async () => {
    const question = '机器人的销售增长了多少？';
    expect(ids(await retrieve(deps.answer, question))[0]).toBe('en-softbank#p-1');
    expect(ids(await retrieve(withoutLexicon, question))).not.toContain('en-softbank#p-1');
  });

  it('mined alias: an English question about Nvidia finds the Taiwan passage that only says 輝達', async () => {
    const question = 'How much will Nvidia invest in the new headquarters?';
    expect(ids(await retrieve(deps.answer, question))).toContain('tw-nvidia#p-2');
    expect(ids(await retrieve(withoutAliases, question))).not.toContain('tw-nvidia#p-2');
    // sameLanguageOnly (follow-up drafts whose documents are in their own language) skips the search in the other language.
    expect(ids(await retrieve(deps.answer, question, { sameLanguageOnly: true }))).not.toContain('tw-nvidia#p-2');
  });

  it('Taiwan ⇄ mainland: 輝達 reaches 英伟达 through the English name both map to', async () => {
    const question = '輝達明年擴建哪裡的辦公室？';
    const relevanceOf = async (answerDeps: AnswerDeps) =>
      (await retrieve(answerDeps, question)).passages.find((hit) => hit.passage.id === 'cn-nvidia#p-1')?.relevance ?? 0;
    const bridged = await relevanceOf(deps.answer);
    expect(bridged).toBeGreaterThan(await relevanceOf(withoutAliases));
    expect(ids(await retrieve(deps.answer, question))[0]).toBe('cn-nvidia#p-1');
  });
});

describe('follow-ups that point into a list', () => {
  const history = [
    { role: 'user' as const, content: '黄仁勋最担心的第一件事是什么？' },
    { role: 'assistant' as const, content: '第一件事是算法降低算力需求。' },
  ];

  it('"第二件呢？" quotes the paragraph under the second item', async () => {
    const answer = await answerQuestion(deps.answer, { question: '第二件呢？', history, baseUrl: 'http://assistant.test' });
    expect(answer.refused).toBe(false);
    expect(answer.citations.map((citation) => citation.paragraph)).toEqual([6]);
    expect(answer.answer).toContain('34.6%');
  });

  it('"那第三件呢？" after "第二件呢？" keeps the first question\'s topic', async () => {
    const answer = await answerQuestion(deps.answer, {
      question: '那第三件呢？',
      history: [...history, { role: 'user', content: '第二件呢？' }, { role: 'assistant', content: '自产芯片市占率提升。' }],
      baseUrl: 'http://assistant.test',
    });
    expect(answer.standaloneQuestion).toContain('第三件事');
    expect(answer.citations.map((citation) => citation.paragraph)).toEqual([8]);
  });
});

describe('aliases in the index', () => {
  it('are replaced with their document and removed with it', async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), 'cited-aliases-'));
    try {
      const sourceDir = path.join(workDir, 'sources');
      await cp(fixtures, sourceDir, { recursive: true });
      const store = await openLanceStore(path.join(workDir, 'index'));
      const ingest = () => runIngest({ sourceDir, store, embedder: null, reportPath: path.join(workDir, 'report.json') });
      await ingest();
      await writeFile(path.join(sourceDir, 'tw-nvidia.txt'), '超微新聞\n\n超微(AMD)宣布在台北設立研發中心，超微表示將招募500人。\n');
      await ingest();
      expect(await store.readAliases()).toEqual([{ chinese: '超微', english: 'AMD' }]);
      await unlink(path.join(sourceDir, 'tw-nvidia.txt'));
      await ingest();
      expect(await store.readAliases()).toEqual([]);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
