import { fuseRankings } from '../core/fuse-rankings.js';
import { createRelevanceCoverage, type RarityWeighting } from '../core/keyword-coverage.js';
import { normalizeSearchText, searchTokens } from '../core/normalize-search-text.js';
import type { RetrievedPassage } from '../core/types.js';
import type { Embedder, PassageFilter, PassageStore, StoreHit } from '../ports.js';

export interface RetrieveOptions {
  /**
   * For a follow-up searched together with the earlier question: the follow-up's own words.
   * They get a keyword search of their own, and a passage they cover counts as relevant.
   */
  focus?: string;
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

export const defaultRetrieveOptions = { topK: 8, scoreFloor: 0.3, vectorScoreFloor: 0.8 } as const;

/**
 * A passage whose relevance is under this share of the best candidate's is dropped too: beside a
 * passage that holds the whole question, one that shares a single word of it is noise for the
 * answer, however it ranks.
 */
export const relativeScoreFloor = 0.6;

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

  const [keywordHits, vectorHits, focusHits] = await Promise.all([
    deps.store.keywordSearch(distinctTokens(questionSearchText), { limit: candidates, filter }),
    deps.embedder
      ? deps.embedder.embedQuery(question).then((vector) => deps.store.vectorSearch(vector, { limit: candidates, filter }))
      : Promise.resolve([] as StoreHit[]),
    focusSearchText ? deps.store.keywordSearch(distinctTokens(focusSearchText), { limit: candidates, filter }) : Promise.resolve([] as StoreHit[]),
  ]);

  const byId = new Map<string, StoreHit>();
  const similarity = new Map<string, number>();
  for (const hit of [...keywordHits, ...focusHits]) byId.set(hit.passage.id, hit);
  for (const hit of vectorHits) {
    if (!byId.has(hit.passage.id)) byId.set(hit.passage.id, hit);
    similarity.set(hit.passage.id, hit.score);
  }

  // Keyword coverage is computed the same way on every runtime, so ranking by it as a fourth
  // list steadies the order where the stores' BM25 implementations (tantivy, FTS5) differ. Token
  // weights follow their rarity among the candidates: fully for the ranking, as IDF; for the
  // relevance floor only to discount tokens most candidates hold.
  const pool = [...byId.values()].map((hit) => hit.passage.searchText);
  const coverageOf = (rarity: RarityWeighting) => {
    const questionCoverage = createRelevanceCoverage(questionSearchText, pool, rarity);
    const focusCoverage = focusSearchText ? createRelevanceCoverage(focusSearchText, pool, rarity) : () => 0;
    return new Map([...byId].map(([id, hit]) => [id, Math.max(questionCoverage(hit.passage.searchText), focusCoverage(hit.passage.searchText))]));
  };
  const coverage = coverageOf('floor');
  const paragraphOf = (id: string) => byId.get(id)!.passage.paragraph;
  // Ties (every paragraph under one section heading matches it alike) go to the earlier paragraph.
  const coverageRanking = [...coverageOf('rank')]
    .filter(([, value]) => value > 0)
    .sort((left, right) => right[1] - left[1] || paragraphOf(left[0]) - paragraphOf(right[0]))
    .map(([id]) => id);

  const fused = fuseRankings([
    keywordHits.map((hit) => hit.passage.id),
    vectorHits.map((hit) => hit.passage.id),
    focusHits.map((hit) => hit.passage.id),
    coverageRanking,
  ]);
  const relevances = new Map([...byId.keys()].map((id) => [id, relevanceOf(coverage.get(id)!, similarity.get(id), scoreFloor, vectorScoreFloor)]));
  const floor = Math.max(scoreFloor, relativeScoreFloor * Math.max(0, ...relevances.values()));
  const passages: RetrievedPassage[] = [];
  for (const entry of fused) {
    const relevance = relevances.get(entry.id)!;
    if (relevance < floor) continue;
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
 * The full-text query: each token once. A question's search text holds a two-character word
 * twice (as a word and as a bigram) and a name cut into characters once, so sent as is, BM25
 * would count the common words double against the name.
 */
function distinctTokens(searchText: string): string {
  return searchTokens(searchText).join(' ');
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
