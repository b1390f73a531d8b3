import type { BilingualLexicon } from './core/bilingual-lexicon.js';
import type { Language, Passage, PassageKind, StoredDocument } from './core/types.js';

/** Turns text into vectors. e5-style models embed queries and passages differently. */
export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  embedQuery(text: string): Promise<number[]>;
  embedPassages(texts: string[]): Promise<number[][]>;
}

export interface PassageFilter {
  docIds?: string[];
  languages?: Language[];
  /** Defaults to `['body']`: forum comments are left out unless asked for. */
  kinds?: PassageKind[];
}

export interface StoreHit {
  passage: Passage;
  /** Store-native score: BM25 for keyword hits, cosine similarity for vector hits. */
  score: number;
}

export interface StoreStats {
  documents: number;
  passages: number;
  /** The embedding model the vectors were made with, or null for a keyword-only index. */
  embedding: { modelId: string; dimension: number } | null;
}

/** Where passages and cleaned documents live: LanceDB on Node, D1 + Vectorize on Workers. */
export interface PassageStore {
  keywordSearch(searchText: string, options: { limit: number; filter: PassageFilter }): Promise<StoreHit[]>;
  vectorSearch(vector: number[], options: { limit: number; filter: PassageFilter }): Promise<StoreHit[]>;
  getDocument(docId: string): Promise<StoredDocument | undefined>;
  stats(): Promise<StoreStats>;
}

/** The bilingual lexicon (CC-CEDICT plus the index's aliases), loaded on first call and kept. */
export type LexiconSource = () => Promise<BilingualLexicon>;
