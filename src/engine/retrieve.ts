import { analyzeQuestion } from '../core/analyze-question.js';
import { detectLanguage } from '../core/detect-language.js';
import { fuseRankings } from '../core/fuse-rankings.js';
import { createRelevanceCoverage } from '../core/keyword-coverage.js';
import { normalizeSearchText, searchTokens } from '../core/normalize-search-text.js';
import { rankListItems } from '../core/rank-list-items.js';
import { createNameCheck, createQueryCoverage, translateQuery, translationSettings, type QueryTranslation } from '../core/translate-query.js';
import type { RetrievedPassage } from '../core/types.js';
import type { Embedder, LexiconSource, PassageFilter, PassageStore, StoreHit } from '../ports.js';

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
  /**
   * Skip the keyword searches in the other language (the lexicon's renderings), for a question
   * whose answer is known to be in its own language; coverage still counts translated terms.
   */
  sameLanguageOnly?: boolean;
}

export interface RetrievalResult {
  passages: RetrievedPassage[];
  mode: 'hybrid' | 'keyword';
  ms: number;
  /** Scores a text's coverage of passages the way retrieval's relevance floor did (with the lexicon when there is one). */
  createCoverage: (text: string) => (passageSearchText: string) => number;
  /** Coverage that counts terms alike whichever language holds them, for comparing quotes. */
  createRankingCoverage: (text: string) => (passageSearchText: string) => number;
  /**
   * Whether a passage's search text names every Latin-script name the question (a follow-up: its own
   * words) asks about, as written or through the lexicon; undefined when it names none.
   */
  namesAll?: (passageSearchText: string) => boolean;
}

/** The weight of a rendering's ranked lists in the fusion, against 1 for the question's own. */
const renderingWeight = 0.5;

/**
 * A passage whose relevance is under this share of the best candidate's is dropped too: beside a
 * passage that holds the whole question, one that shares a single word of it is noise for the
 * answer, however it ranks.
 */
export const relativeScoreFloor = 0.6;

export const defaultRetrieveOptions = { topK: 8, scoreFloor: 0.3, vectorScoreFloor: 0.8 } as const;

/**
 * Hybrid retrieval: LanceDB full-text search over the normalised search text and, when an
 * embedder is configured and the index has vectors, vector search; fused with reciprocal
 * rank fusion. Passages under both floors are dropped, so an empty result means "refuse".
 * Throws when the store or the embedder fails.
 */
export async function retrieve(
  deps: { store: PassageStore; embedder: Embedder | null; lexicon?: LexiconSource },
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
  // With a lexicon, the question (and a follow-up's own words) is also searched in the other language.
  const lexicon = deps.lexicon ? await deps.lexicon() : null;
  const translation = lexicon ? translateQuery(question, lexicon) : undefined;
  const translatedSearchText = options.sameLanguageOnly ? '' : translation?.searchText ?? '';
  // 輝達 ⇄ 英偉達: the question with the other name is searched too, as a same-language search.
  const variantSearchText = translation?.variants[0] ? normalizeSearchText(translation.variants[0]) : '';
  // A follow-up's own words are translated once, for the search and for the name check below.
  let focusTranslation: QueryTranslation | undefined;
  const translateFocus = (focus: string, source: NonNullable<typeof lexicon>) => (focusTranslation ??= translateQuery(focus, source));
  const translatedFocusSearchText = lexicon && options.focus && !options.sameLanguageOnly ? translateFocus(options.focus, lexicon).searchText : '';
  // Each token once: sent as is, BM25 would count a two-character word (a word and a bigram) double against a name.
  const searchKeywords = (searchText: string) => (searchText ? deps.store.keywordSearch(distinctTokens(searchText), { limit: candidates, filter }) : Promise.resolve([] as StoreHit[]));
  const searchVectors = (text: string) =>
    deps.embedder ? deps.embedder.embedQuery(text).then((vector) => deps.store.vectorSearch(vector, { limit: candidates, filter })) : Promise.resolve([] as StoreHit[]);
  const renderings = (options.renderings ?? []).filter((rendering) => rendering.trim() && rendering !== question);

  const [keywordHits, vectorHits, focusHits, translatedHits, translatedFocusHits, variantHits, renderingSearches] = await Promise.all([
    searchKeywords(questionSearchText),
    searchVectors(question),
    searchKeywords(focusSearchText),
    searchKeywords(translatedSearchText),
    searchKeywords(translatedFocusSearchText),
    searchKeywords(variantSearchText),
    // Each LLM rendering gets a keyword list and, with an embedder, a vector list of its own.
    Promise.all(
      renderings.map(async (rendering) => {
        const [keyword, vector] = await Promise.all([searchKeywords(normalizeSearchText(rendering)), searchVectors(rendering)]);
        return { keyword, vector };
      }),
    ),
  ]);
  const renderingLists = renderingSearches.flatMap((search) => [search.keyword, search.vector]);

  const byId = new Map<string, StoreHit>();
  const similarity = new Map<string, number>();
  for (const hit of [...keywordHits, ...focusHits, ...translatedHits, ...translatedFocusHits, ...variantHits, ...renderingSearches.flatMap((search) => search.keyword)]) byId.set(hit.passage.id, hit);
  for (const hit of [...vectorHits, ...renderingSearches.flatMap((search) => search.vector)]) {
    if (!byId.has(hit.passage.id)) byId.set(hit.passage.id, hit);
    similarity.set(hit.passage.id, Math.max(hit.score, similarity.get(hit.passage.id) ?? -1));
  }

  // Keyword coverage is computed the same way on every runtime, so ranking by it as a fourth
  // list steadies the order where the stores' BM25 implementations (tantivy, FTS5) differ.
  // With a lexicon, a passage in the other language is covered through translated terms.
  const createCoverage = (text: string) => createQueryCoverage(text, lexicon);
  // A passage counts as relevant when it covers the question, the follow-up's own words or any
  // LLM rendering of the question.
  const coverages = [question, options.focus ?? '', ...renderings].filter(Boolean).map((text) => createCoverage(text));
  const coverage = new Map<string, number>();
  for (const [id, hit] of byId) coverage.set(id, Math.max(...coverages.map((coverageOf) => coverageOf(hit.passage.searchText))));
  // The ranking list weighs the question's tokens by their rarity among the candidates, as IDF
  // does (with a lexicon, a passage in the other language keeps its translated coverage).
  const pool = [...byId.values()].map((hit) => hit.passage.searchText);
  const rarityCoverages = [questionSearchText, focusSearchText].filter(Boolean).map((searchText) => createRelevanceCoverage(searchText, pool, 'rank'));
  const rankingCoverage = new Map([...byId].map(([id, hit]) => {
    const rare = Math.max(...rarityCoverages.map((coverageOf) => coverageOf(hit.passage.searchText)));
    return [id, lexicon ? Math.max(rare, coverage.get(id)!) : rare] as const;
  }));
  const coverageRanking = [...rankingCoverage]
    .filter(([, value]) => value > 0)
    .sort((left, right) => right[1] - left[1])
    .map(([id]) => id);

  // "第二件呢？": passages that open the list item the follow-up points at, the item's first paragraph first.
  const listItemRanking = options.focus ? rankListItems(options.focus, [...byId.values()].map((hit) => hit.passage)) : [];
  const questionInEnglish = detectLanguage(question) === 'en';
  const inOtherLanguage = (hit: StoreHit) => (hit.passage.language === 'en') !== questionInEnglish;
  const fused = fuseRankings([
    keywordHits.map((hit) => hit.passage.id),
    vectorHits.map((hit) => hit.passage.id),
    focusHits.map((hit) => hit.passage.id),
    coverageRanking,
    // Translated searches rank only passages in the other language, so they never reorder
    // same-language results (the Taiwan ⇄ mainland names count through coverage instead).
    translatedHits.filter(inOtherLanguage).map((hit) => hit.passage.id),
    translatedFocusHits.filter(inOtherLanguage).map((hit) => hit.passage.id),
    listItemRanking,
    variantHits.map((hit) => hit.passage.id),
    ...renderingLists.map((hits) => hits.map((hit) => hit.passage.id)),
  ], undefined, [1, 1, 1, lexicon ? 2.5 : 1, translationSettings.searchWeight, translationSettings.searchWeight, 2, translationSettings.searchWeight, ...renderingLists.map(() => renderingWeight)]);
  const relevances = new Map([...byId.keys()].map((id) => [id, relevanceOf(coverage.get(id)!, similarity.get(id), scoreFloor, vectorScoreFloor)]));
  const floor = Math.max(scoreFloor, relativeScoreFloor * Math.max(0, ...relevances.values()));
  const passages: RetrievedPassage[] = [];
  for (const entry of fused) {
    const relevance = relevances.get(entry.id)!;
    if (relevance < floor) continue;
    passages.push({ passage: byId.get(entry.id)!.passage, score: entry.score, relevance, keywordRank: entry.ranks[0], vectorRank: entry.ranks[1] });
  }
  // With translated lists in the fusion, rank flattens at the top (a passage second in three lists
  // beats one first in two); coverage tips it back towards the passage that holds more of the question.
  if (lexicon) {
    const tipped = (hit: RetrievedPassage) => hit.score * (0.5 + coverage.get(hit.passage.id)!);
    passages.sort((left, right) => tipped(right) - tipped(left));
  }
  // A passage that never names a name the question asks about ("China's AI chip market") is
  // about something else when others name them all, in either language: it goes below them.
  // A follow-up is held to its own words' names, not the earlier question's.
  const asked = options.focus ?? question;
  const names = analyzeQuestion(asked).essentialTerms.filter((term) => term.role === 'entity' && term.script === 'latin').map((term) => term.forms);
  const namesAll = names.length > 0 ? createNameCheck(names, lexicon ? (options.focus ? translateFocus(options.focus, lexicon) : translation) : undefined) : undefined;
  if (namesAll) {
    const naming = new Set(passages.filter((hit) => namesAll(hit.passage.searchText)).map((hit) => hit.passage.id));
    if (naming.size > 0) passages.sort((left, right) => Number(naming.has(right.passage.id)) - Number(naming.has(left.passage.id)));
  }
  passages.splice(topK);
  return {
    passages,
    mode: deps.embedder ? 'hybrid' : 'keyword',
    ms: performance.now() - started,
    createCoverage,
    // Quotes are compared across languages by terms, not by bigrams, which junk bigrams of a
    // short Chinese question ("那沙特呢") would otherwise weigh down.
    createRankingCoverage: (text) => createQueryCoverage(text, lexicon, { anyPassage: true }),
    namesAll,
  };
}

/** The full-text query: each token once. */
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
