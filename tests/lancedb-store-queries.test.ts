import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLanceStore, vectorIndexThreshold, vectorQuerySettings, type LanceStore } from '../src/adapters/lancedb-store.js';
import { normalizeSearchText } from '../src/core/normalize-search-text.js';
import type { Passage, PassageKind, StoredDocument } from '../src/core/types.js';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-kind-filter-'));
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

const texts = ['The harbour bridge opened in spring.', 'The harbour bridge is too loud, says a reader.', 'Rain is expected on Sunday.'];
const vectors = [[1, 0, 0, 0], [0.99, 0.1, 0, 0], [0, 0, 1, 0]];

/** A store holding one document whose paragraphs have the given kinds and vectors (texts repeat). */
async function createStore(kinds: PassageKind[], vectorOf = (index: number) => vectors[index]!): Promise<LanceStore> {
  const store = await openLanceStore(path.join(workDir, 'index'));
  await store.reset({ modelId: 'test', dimension: 4 });
  const passages: Passage[] = kinds.map((kind, index) => {
    const text = texts[index % texts.length]!;
    return { id: `doc#p-${index + 1}`, docId: 'doc', paragraph: index + 1, chunk: 0, text, searchText: normalizeSearchText(text), kind, language: 'en', title: 'Bridge', start: 0, end: text.length };
  });
  const document: StoredDocument = {
    docId: 'doc', sourcePath: 'doc.md', contentHash: 'hash', text: texts.join('\n\n'), dropped: [],
    metadata: { title: 'Bridge', language: 'en' },
    paragraphs: passages.map((passage) => ({ n: passage.paragraph, kind: passage.kind, text: passage.text, start: 0, end: passage.text.length })),
  };
  await store.writeDocuments([{ document, passages, vectors: passages.map((_passage, index) => vectorOf(index)) }]);
  await store.optimize();
  return store;
}

const ids = (hits: Array<{ passage: Passage }>) => hits.map((hit) => hit.passage.id);

describe('the kind filter of the LanceDB store', () => {
  it('leaves comments out by default and returns them when asked, in vector and keyword search', async () => {
    const store = await createStore(['body', 'comment', 'body']);
    expect(ids(await store.vectorSearch([0.99, 0.1, 0, 0], { limit: 2, filter: {} }))).toEqual(['doc#p-1', 'doc#p-3']);
    expect(ids(await store.vectorSearch([0.99, 0.1, 0, 0], { limit: 2, filter: { kinds: ['body', 'comment'] } }))).toEqual(['doc#p-2', 'doc#p-1']);
    expect(ids(await store.vectorSearch([0.99, 0.1, 0, 0], { limit: 2, filter: { kinds: ['comment'] } }))).toEqual(['doc#p-2']);
    expect(ids(await store.keywordSearch(normalizeSearchText('loud reader'), { limit: 3, filter: {} }))).toEqual([]);
    expect(ids(await store.keywordSearch(normalizeSearchText('loud reader'), { limit: 3, filter: { kinds: ['comment'] } }))).toEqual(['doc#p-2']);
  });

  it('finds the same passages in an index without comments, where the kind filter is left out', async () => {
    const store = await createStore(['body', 'body', 'body']);
    expect(ids(await store.vectorSearch([0.99, 0.1, 0, 0], { limit: 2, filter: {} }))).toEqual(['doc#p-2', 'doc#p-1']);
    expect(ids(await store.vectorSearch([0.99, 0.1, 0, 0], { limit: 2, filter: { kinds: ['comment'] } }))).toEqual([]);
  });
});

describe('keyword search', () => {
  it('returns passages of equal score in id order, so a question retrieves the same list on every run', async () => {
    const store = await createStore(Array.from({ length: 12 }, () => 'body'), (index) => vectors[index % vectors.length]!);
    const hits = await store.keywordSearch(normalizeSearchText('harbour bridge opened spring'), { limit: 12, filter: {} });
    const tied = hits.filter((hit) => hit.score === hits[0]!.score);
    // doc#p-1, p-4, p-7 and p-10 hold the same text; written in that order, but p-10 sorts before p-4.
    expect(ids(tied)).toEqual(['doc#p-1', 'doc#p-10', 'doc#p-4', 'doc#p-7']);
  });
});

describe('vector search on an HNSW index', () => {
  it('returns a limit larger than the search breadth allows for (ef is raised to limit × refine factor)', async () => {
    const limit = Math.ceil(vectorQuerySettings.ef / vectorQuerySettings.refineFactor) + 10;
    const store = await createStore(Array.from({ length: vectorIndexThreshold }, () => 'body'), (index) => [Math.cos(index), Math.sin(index), (index % 7) / 7, 1]);
    expect((await store.readIndexCoverage()).find((coverage) => coverage.column === 'vector')?.name).toBeDefined();
    const hits = await store.vectorSearch([1, 0, 0, 1], { limit, filter: {} });
    expect(hits).toHaveLength(limit);
  }, 60_000);
});
