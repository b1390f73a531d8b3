import type { D1Database, Vectorize, VectorizeVectorMetadataFilter } from '@cloudflare/workers-types/index.js';
import { searchTokens } from '../core/normalize-search-text.js';
import type { Language, Passage, StoredDocument } from '../core/types.js';
import { rowToPassage } from './passage-row.js';
import type { PassageFilter, PassageStore, StoreHit, StoreStats } from '../ports.js';

/**
 * English stop words left out of the keyword index and query, as LanceDB's index drops them
 * on Node: tantivy's English list, which is Snowball's. FTS5 has no stop-word filter of its
 * own, and leaving them in would also change BM25's length normalisation.
 */
const stopWords = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it
  its itself they them their theirs themselves what which who whom this that these those am is are was were be been
  being have has had having do does did doing would should could ought i'm you're he's she's it's we're they're i've
  you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't
  weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't
  let's that's who's what's here's there's when's where's why's how's a an the and but if or because as until while
  of at by for with about against between into through during before after above below to from up down in out on off
  over under again further then once here there when where why how all any both each few more most other some such no
  nor not only own same so than too very`.split(/\s+/),
);

/** Vectorize returns at most 100 matches when neither values nor full metadata are asked for. */
const maxVectorTopK = 100;

const passageColumns = 'p.id, p.doc_id, p.paragraph, p.chunk, p.text, p.search_text, p.kind, p.language, p.title, p.url, p.published_at, p.outlet, p.start, p."end"';

type Row = Record<string, unknown>;


/**
 * The SQL filter for a passage filter over the passages table aliased `p`, with its bound
 * values. Lists are bound as one JSON array each, which keeps under D1's 100-parameter limit.
 */
export function buildD1FilterSql(filter: PassageFilter): { sql: string; params: string[] } {
  const clauses = ['p.kind IN (SELECT value FROM json_each(?))'];
  const params = [JSON.stringify(filter.kinds ?? ['body'])];
  if (filter.docIds?.length) {
    clauses.push('p.doc_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.docIds));
  }
  if (filter.languages?.length) {
    clauses.push('p.language IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.languages));
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * What the FTS5 index holds for a passage (the `keyword_text` column): its normalised search
 * text without English stop words. The publisher writes it; the query side drops the same words.
 *
 * @example toKeywordText('softbank is investing in openai') // → 'softbank investing openai'
 */
export function toKeywordText(searchText: string): string {
  return searchText.split(' ').filter((token) => token && !stopWords.has(token)).join(' ');
}

/**
 * The FTS5 query for a normalised search text: every distinct token but stop words, each
 * quoted (so no token is read as FTS5 syntax), OR-ed like LanceDB's match query. Returns
 * undefined when nothing is left to search for.
 *
 * @example buildMatchQuery('softbank invest in openai') // → '"softbank" OR "invest" OR "openai"'
 */
export function buildMatchQuery(searchText: string): string | undefined {
  const tokens = searchTokens(searchText).filter((token) => !stopWords.has(token));
  if (tokens.length === 0) return undefined;
  return tokens.map((token) => `"${token.replaceAll('"', '""')}"`).join(' OR ');
}

/** The same filter as Vectorize metadata filtering, over the indexed `kind`, `doc_id` and `language`. */
export function buildVectorizeFilter(filter: PassageFilter): VectorizeVectorMetadataFilter {
  const metadataFilter: VectorizeVectorMetadataFilter = { kind: { $in: filter.kinds ?? ['body'] } };
  if (filter.docIds?.length) metadataFilter.doc_id = { $in: filter.docIds };
  if (filter.languages?.length) metadataFilter.language = { $in: filter.languages };
  return metadataFilter;
}

/**
 * The Workers store: passages, documents and the FTS5 keyword index in D1 (see
 * migrations/0001_init.sql), vectors in Vectorize keyed by passage id. Keyword hits score by
 * BM25 (FTS5's `bm25()`, negated so higher is better); vector hits by Vectorize's cosine
 * similarity. Without a Vectorize binding, vector search finds nothing (keyword-only).
 */
export function createD1Store(db: D1Database, vectorIndex: Vectorize | null): PassageStore {
  return {
    async keywordSearch(searchText, { limit, filter }) {
      const match = buildMatchQuery(searchText);
      if (!match) return [];
      const where = buildD1FilterSql(filter);
      const { results } = await db
        .prepare(
          `SELECT ${passageColumns}, bm25(passages_fts) AS rank
           FROM passages_fts JOIN passages p ON p.seq = passages_fts.rowid
           WHERE passages_fts MATCH ? AND ${where.sql}
           ORDER BY rank, p.id
           LIMIT ?`,
        )
        .bind(match, ...where.params, limit)
        .all<Row>();
      return results.map((row): StoreHit => ({ passage: rowToPassage(row), score: -Number(row.rank) }));
    },

    async vectorSearch(vector, { limit, filter }) {
      if (!vectorIndex) return [];
      const { matches } = await vectorIndex.query(vector, {
        topK: Math.min(limit, maxVectorTopK),
        returnValues: false,
        returnMetadata: 'none',
        filter: buildVectorizeFilter(filter),
      });
      if (matches.length === 0) return [];
      // Vectorize only knows ids; the passages come from D1, filtered again in case a
      // metadata index is missing and a vector of a since-removed document lingers.
      const where = buildD1FilterSql(filter);
      const { results } = await db
        .prepare(`SELECT ${passageColumns} FROM passages p WHERE p.id IN (SELECT value FROM json_each(?)) AND ${where.sql}`)
        .bind(JSON.stringify(matches.map((match) => match.id)), ...where.params)
        .all<Row>();
      const byId = new Map(results.map((row) => [String(row.id), rowToPassage(row)]));
      const hits: StoreHit[] = [];
      for (const match of matches) {
        const passage = byId.get(match.id);
        if (passage) hits.push({ passage, score: match.score });
      }
      return hits;
    },

    async getDocument(docId) {
      const row = await db.prepare('SELECT document FROM documents WHERE doc_id = ?').bind(docId).first<{ document: string }>();
      return row ? (JSON.parse(row.document) as StoredDocument) : undefined;
    },

    async stats(): Promise<StoreStats> {
      const row = await db
        .prepare(
          `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM passages) AS passages,
                  (SELECT value FROM meta WHERE key = 'embedding') AS embedding`,
        )
        .first<{ documents: number; passages: number; embedding: string | null }>();
      return {
        documents: Number(row?.documents ?? 0),
        passages: Number(row?.passages ?? 0),
        embedding: row?.embedding ? (JSON.parse(row.embedding) as StoreStats['embedding']) : null,
      };
    },

    async languages() {
      const { results } = await db.prepare('SELECT DISTINCT language FROM passages').all<{ language: Language }>();
      const found = new Set(results.map((row) => row.language));
      return (['en', 'zh-Hant', 'zh-Hans'] as const).filter((language) => found.has(language));
    },
  };
}
