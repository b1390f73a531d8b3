import { fuseRankings } from '../core/fuse-rankings.js';
import { createKeywordCoverage } from '../core/keyword-coverage.js';
import { normalizeSearchText } from '../core/normalize-search-text.js';
import type { RetrievedPassage } from '../core/types.js';
import type { Embedder, PassageFilter, PassageStore, StoreHit } from '../ports.js';

export interface RetrieveOptions {
  /**
   * For a follow-up searched together with the earlier question: the follow-up's own words.
   * They get a keyword search of their own, and a passage they cover counts as relevant.
   */
  focus?: string;
  /**
   * The question in the index's other languages (from the LLM): each is searched too, its list
   * fused at half the weight of the question's own, and a passage it covers counts as relevant.
   */
  renderings?: string[];
  topK?: number;
  filter?: PassageFilter;
  /** Minimum keyword coverage in [0, 1] for a passage to count as relevant. */
  scoreFloor?: number;
  /** Minimum cosine similarity for a vector hit to count as relevant. */
  vectorScoreFloor?: number;
}

export interface RetrievalResult {
  passages: RetrievedPassage[];
  mode: 'hybrid' | 'keyword';
  ms: number;
}

/** The weight of a rendering's ranked lists in the fusion, against 1 for the question's own. */
const renderingWeight = 0.5;

export const defaultRetrieveOptions = { topK: 8, scoreFloor: 0.3, vectorScoreFloor: 0.8 } as const;

/**
 * Hybrid retrieval: LanceDB full-text search over the normalised search text and, when an
 * embedder is configured and the index has vectors, vector search; fused with reciprocal
 * rank fusion. Passages under both floors are dropped, so an empty result means "refuse".
 * Throws when the store or the embedder fails.
 */
export async function retrieve(
  deps: { store: PassageStore; embedder: Embedder | null },
  question: string,
  options: RetrieveOptions = {},
): Promise<RetrievalResult> {
  const started = performance.now();
  const topK = options.topK ?? defaultRetrieveOptions.topK;
  const scoreFloor = options.scoreFloor ?? defaultRetrieveOptions.scoreFloor;
  const vectorScoreFloor = options.vectorScoreFloor ?? defaultRetrieveOptions.vectorScoreFloor;
  const filter = options.filter ?? {};
  const candidates = Math.max(topK * 3, 24);
  const questionSearchText = normalizeSearchText(question);
  const focusSearchText = options.focus ? normalizeSearchText(options.focus) : '';

  const renderings = (options.renderings ?? []).filter((rendering) => rendering.trim() && rendering !== question);
  const searchVectors = (text: string) =>
    deps.embedder ? deps.embedder.embedQuery(text).then((vector) => deps.store.vectorSearch(vector, { limit: candidates, filter })) : Promise.resolve([] as StoreHit[]);
  const [keywordHits, vectorHits, focusHits, renderingSearches] = await Promise.all([
    deps.store.keywordSearch(questionSearchText, { limit: candidates, filter }),
    searchVectors(question),
    focusSearchText ? deps.store.keywordSearch(focusSearchText, { limit: candidates, filter }) : Promise.resolve([] as StoreHit[]),
    // Each rendering gets a keyword list and, with an embedder, a vector list of its own.
    Promise.all(
      renderings.map(async (rendering) => {
        const [keyword, vector] = await Promise.all([deps.store.keywordSearch(normalizeSearchText(rendering), { limit: candidates, filter }), searchVectors(rendering)]);
        return { keyword, vector };
      }),
    ),
  ]);
  const renderingLists = renderingSearches.flatMap((search) => [search.keyword, search.vector]);

  const byId = new Map<string, StoreHit>();
  const similarity = new Map<string, number>();
  for (const hit of [...keywordHits, ...focusHits, ...renderingSearches.flatMap((search) => search.keyword)]) byId.set(hit.passage.id, hit);
  for (const hit of [...vectorHits, ...renderingSearches.flatMap((search) => search.vector)]) {
    if (!byId.has(hit.passage.id)) byId.set(hit.passage.id, hit);
    similarity.set(hit.passage.id, Math.max(hit.score, similarity.get(hit.passage.id) ?? -1));
  }

  // Keyword coverage is computed the same way on every runtime, so ranking by it as a fourth
  // list steadies the order where the stores' BM25 implementations (tantivy, FTS5) differ.
  // A passage counts as relevant when it covers the question in any of its renderings.
  const coverages = [questionSearchText, focusSearchText, ...renderings.map((rendering) => normalizeSearchText(rendering))]
    .filter(Boolean)
    .map((searchText) => createKeywordCoverage(searchText));
  const coverage = new Map<string, number>();
  for (const [id, hit] of byId) coverage.set(id, Math.max(...coverages.map((coverageOf) => coverageOf(hit.passage.searchText))));
  const coverageRanking = [...coverage].filter(([, value]) => value > 0).sort((left, right) => right[1] - left[1]).map(([id]) => id);

  const fused = fuseRankings(
    [
      keywordHits.map((hit) => hit.passage.id),
      vectorHits.map((hit) => hit.passage.id),
      focusHits.map((hit) => hit.passage.id),
      coverageRanking,
      ...renderingLists.map((hits) => hits.map((hit) => hit.passage.id)),
    ],
    undefined,
    // The question as asked counts above its translations.
    [1, 1, 1, 1, ...renderingLists.map(() => renderingWeight)],
  );
  const passages: RetrievedPassage[] = [];
  for (const entry of fused) {
    const relevance = relevanceOf(coverage.get(entry.id)!, similarity.get(entry.id), scoreFloor, vectorScoreFloor);
    if (relevance < scoreFloor) continue;
    passages.push({ passage: byId.get(entry.id)!.passage, score: entry.score, relevance, keywordRank: entry.ranks[0], vectorRank: entry.ranks[1] });
    if (passages.length === topK) break;
  }
  return {
    passages,
    mode: deps.embedder ? 'hybrid' : 'keyword',
    ms: performance.now() - started,
  };
}

/**
 * A passage's relevance in [0, 1]: its keyword coverage, or for a vector hit above the vector
 * floor, its similarity mapped onto [scoreFloor, 1] so that either signal alone can pass.
 */
function relevanceOf(coverage: number, similarity: number | undefined, scoreFloor: number, vectorScoreFloor: number): number {
  if (similarity === undefined || similarity < vectorScoreFloor) return coverage;
  const mapped = scoreFloor + ((similarity - vectorScoreFloor) / (1 - vectorScoreFloor)) * (1 - scoreFloor);
  return Math.max(coverage, Math.min(1, mapped));
}
