import { describe, expect, it } from 'vitest';
import { normalizeSearchText, searchTokens } from '../core/normalize-search-text.js';
import type { Citation, Passage, StoredDocument } from '../core/types.js';
import type { Logger, PassageStore } from '../ports.js';
import type { FinalAnswer } from './answer-question.js';
import { defaultAnswerSettings } from './answer-settings.js';
import { suggestFollowUps, trySuggestFollowUps, withFollowUps } from './suggest-follow-ups.js';

const texts = [
  'SoftBank contributed $500 million to a round of financing for OpenAI.',
  'Lasertec dropped by more than 4% on Tuesday, while Advantest fell by 3.2%.',
  'Masayoshi Son, the founder of the SoftBank Group, said, "We need the infrastructure."',
  'Quiet Weekend Plans',
  'The company released its quarterly report with net sales of 3.5 trillion yen and a profit of 1.18 trillion yen.',
];
const docId = 'softbank';
const paragraphs = texts.map((text, index) => ({ n: index + 1, kind: 'body' as const, text, start: 0, end: text.length }));
const document: StoredDocument = {
  docId,
  sourcePath: 'softbank.txt',
  contentHash: 'test',
  metadata: { title: 'SoftBank and AI', language: 'en' },
  text: texts.join('\n\n'),
  paragraphs,
  dropped: [],
};
const passages: Passage[] = paragraphs.map((paragraph) => ({
  id: `${docId}#p-${paragraph.n}`,
  docId,
  paragraph: paragraph.n,
  chunk: 0,
  text: paragraph.text,
  searchText: normalizeSearchText(paragraph.text, { hanWords: false }),
  kind: 'body',
  language: 'en',
  title: document.metadata.title,
  start: 0,
  end: paragraph.text.length,
}));

/** Keyword search over the five paragraphs by shared tokens; `searched` records every query. */
function createStore(options: { finds?: boolean; fails?: boolean } = {}): PassageStore & { searched: string[] } {
  const searched: string[] = [];
  return {
    searched,
    async keywordSearch(searchText) {
      if (options.fails) throw new Error('index gone');
      searched.push(searchText);
      if (options.finds === false) return [];
      const wanted = new Set(searchTokens(searchText));
      return passages
        .map((passage) => ({ passage, score: searchTokens(passage.searchText).filter((token) => wanted.has(token)).length }))
        .filter((hit) => hit.score > 0)
        .sort((left, right) => right.score - left.score);
    },
    vectorSearch: async () => [],
    getDocument: async (id) => (id === docId ? document : undefined),
    stats: async () => ({ documents: 1, passages: passages.length, embedding: null }),
  };
}

const citation: Citation = {
  n: 1,
  docId,
  paragraph: 1,
  title: document.metadata.title,
  url: `http://assistant.test/sources/${docId}#p-1`,
  quote: texts[0]!,
  start: 0,
  end: texts[0]!.length,
  passage: texts[0]!,
};

function answer(overrides: Partial<FinalAnswer> = {}): FinalAnswer {
  return {
    answer: `“${texts[0]}”[1]`,
    refused: false,
    mode: 'extractive',
    language: 'en',
    promptVersion: 'answer-system@3',
    standaloneQuestion: 'How much did SoftBank invest in OpenAI?',
    citations: [citation],
    retrieval: { ms: 1, mode: 'keyword', passages: [] },
    interrupted: false,
    issues: [],
    ...overrides,
  };
}

function createLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, error: () => {}, warn: (event) => warnings.push(event) };
}

const deps = (store: PassageStore, log: Logger = createLog()) => ({ store, embedder: null, settings: defaultAnswerSettings, log });

describe('suggestFollowUps', () => {
  it('keeps the drafts retrieval answers with something new, and runs retrieval on each', async () => {
    const store = createStore();
    const suggestions = await suggestFollowUps(deps(store), { answer: answer() });
    expect(suggestions).toEqual(['How much did Lasertec drop on Tuesday?', 'How much did Advantest fall?', 'What did Masayoshi Son say?']);
    for (const question of suggestions) expect(store.searched).toContain(searchTokens(normalizeSearchText(question)).join(' '));
  });

  it('drops a draft whose only support is the quote already shown', async () => {
    // "How much did SoftBank contribute…" is drafted from the cited paragraph, which is all quote.
    const suggestions = await suggestFollowUps(deps(createStore()), { answer: answer({ standaloneQuestion: 'Who leads SoftBank?' }) });
    expect(suggestions.some((question) => question.includes('contribute'))).toBe(false);
  });

  it('drops a heading no other passage answers', async () => {
    const suggestions = await suggestFollowUps(deps(createStore()), { answer: answer({ citations: [{ ...citation, paragraph: 5, quote: 'net sales of 3.5 trillion yen', passage: texts[4]! }] }) });
    expect(suggestions.some((question) => question.includes('Quiet Weekend'))).toBe(false);
  });

  it('suggests nothing the index cannot answer', async () => {
    expect(await suggestFollowUps(deps(createStore({ finds: false })), { answer: answer() })).toEqual([]);
  });

  it('suggests nothing after a refusal', async () => {
    const store = createStore();
    expect(await suggestFollowUps(deps(store), { answer: answer({ refused: true, citations: [] }) })).toEqual([]);
    expect(store.searched).toEqual([]);
  });

  it('leaves out earlier questions of the conversation', async () => {
    const suggestions = await suggestFollowUps(deps(createStore()), { answer: answer(), history: [{ role: 'user', content: 'What did Masayoshi Son say?' }] });
    expect(suggestions).toEqual(['How much did Lasertec drop on Tuesday?', 'How much did Advantest fall?']);
  });

  it('costs only the suggestions when the store fails, logged', async () => {
    const log = createLog();
    expect(await trySuggestFollowUps(deps(createStore({ fails: true }), log), { answer: answer() })).toEqual([]);
    expect(log.warnings).toEqual(['follow-ups-failed']);
  });
});

describe('withFollowUps', () => {
  it('adds the suggestions just before the finish', async () => {
    async function* events() {
      yield { type: 'text-delta' as const, delta: 'text' };
      yield { type: 'finish' as const, answer: answer() };
    }
    const seen = [];
    for await (const event of withFollowUps(deps(createStore()), events(), {})) seen.push(event.type === 'suggestions' ? event : event.type);
    expect(seen).toEqual(['text-delta', { type: 'suggestions', questions: ['How much did Lasertec drop on Tuesday?', 'How much did Advantest fall?', 'What did Masayoshi Son say?'] }, 'finish']);
  });
});
