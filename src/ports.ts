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
  /** The languages the index holds passages in; a store that cannot tell leaves it out. */
  languages?(): Promise<Language[]>;
  /**
   * A view pinned to one consistent version of the index, which one request uses throughout
   * (retrieval and citations read the same documents). Stores without versions omit it.
   */
  pin?(): Promise<PassageStore>;
}

/** Structured logging: one event name and its fields per line. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** A cited source as the answer showed it, kept with the feedback so a record stands alone. */
export interface FeedbackCitation {
  n: number;
  docId: string;
  paragraph: number;
  title?: string;
  url?: string;
  quote?: string;
  start?: number;
  end?: number;
}

/** One rating of one answer, from the widget or the Slack bot. */
export interface FeedbackInput {
  messageId: string;
  rating: 'up' | 'down';
  comment?: string;
  question: string;
  answer: string;
  citations: FeedbackCitation[];
  /** Where the rating came from: `widget`, `slack`. */
  channel?: string;
}

export interface FeedbackRecord extends FeedbackInput {
  id: string;
  /** ISO 8601 timestamp of when the record was stored. */
  receivedAt: string;
}

/** Where ratings go: JSONL on Node, D1 on Workers. The widget's POST /api/feedback and the Slack bot share it. */
export interface FeedbackStore {
  /** Stores one record durably and returns it with its id and timestamp. */
  append(input: FeedbackInput): Promise<FeedbackRecord>;
}

/** A Block Kit block, kept loose: we build a handful of block types and Slack validates them. */
export type SlackBlock = { type: string } & Record<string, unknown>;

export interface SlackThreadMessage {
  ts: string;
  text: string;
  user?: string;
  botId?: string;
  subtype?: string;
}

/**
 * The few Slack calls the assistant makes: @slack/web-api's WebClient on Node, plain fetch on
 * Workers. Implementations throw SlackRateLimitedError (core/slack-api-error.ts) on a 429 and
 * SlackApiError on any other failure.
 */
export interface SlackApi {
  postMessage(message: { channel: string; text: string; blocks?: SlackBlock[]; threadTs?: string }): Promise<{ ts: string }>;
  update(message: { channel: string; ts: string; text: string; blocks?: SlackBlock[] }): Promise<void>;
  /** conversations.replies: the thread's messages, oldest first. */
  replies(thread: { channel: string; ts: string; limit?: number }): Promise<SlackThreadMessage[]>;
  /** POSTs a message to an interaction's or slash command's response_url. */
  respond(responseUrl: string, body: Record<string, unknown>): Promise<void>;
}

/** The bilingual lexicon (CC-CEDICT plus the index's aliases), loaded on first call and kept. */
export type LexiconSource = () => Promise<BilingualLexicon>;
