import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';
import type { AliasPair } from '../core/bilingual-lexicon.js';
import type { Passage, StoredDocument } from '../core/types.js';
import { rowToPassage } from './passage-row.js';
import type { PassageFilter, PassageStore, StoreHit, StoreStats } from '../ports.js';

export const passagesTableName = 'passages';
export const documentsTableName = 'documents';
/** Names the corpus writes in Chinese and in Latin script (mined at ingest), one row per document and pair. */
export const aliasesTableName = 'aliases';
const metaTableName = 'meta';
/** Passages from which a vector index is built; below it, exact search is used. */
export const vectorIndexThreshold = 5_000;

export interface EmbeddingInfo {
  modelId: string;
  dimension: number;
}

/** One document's cleaned form, passages and (optional) vectors, as ingest writes them. */
export interface DocumentWrite {
  document: StoredDocument;
  passages: Passage[];
  vectors: number[][] | null;
  /** Names the document writes in both scripts, stored with it for query translation. */
  aliases?: AliasPair[];
}

/** The LanceDB store plus the write side that ingest uses. */
export interface LanceStore extends PassageStore {
  /** The embedding model the index was built with (null: keyword-only), or undefined for no index. */
  readEmbeddingInfo(): Promise<EmbeddingInfo | null | undefined>;
  /** Every alias pair of the stored documents, deduplicated ([] for an index built before aliases). */
  readAliases(): Promise<AliasPair[]>;
  /** docId → content hash of every completely stored document. */
  readDocumentHashes(): Promise<Map<string, string>>;
  /** Drops everything and starts an empty index for the given embedding model. */
  reset(embedding: EmbeddingInfo | null): Promise<void>;
  /**
   * Replaces the passages of a batch of whole documents in a single commit (readers never see
   * half a document), then records the documents. Safe to repeat after a crash: the merge is
   * keyed on passage id, and a document is recorded only after its passages.
   */
  writeDocuments(batch: DocumentWrite[]): Promise<void>;
  deleteDocuments(docIds: string[]): Promise<void>;
  /** Rebuilds the full-text index and compacts the tables. */
  optimize(): Promise<void>;
}

const passageColumns = [
  'id', 'doc_id', 'paragraph', 'chunk', 'text', 'search_text', 'kind', 'language', 'title',
  'url', 'published_at', 'outlet', 'start', 'end', 'content_hash',
];

function passageSchema(dimension: number | null): Schema {
  const fields: Field[] = [
    new Field('id', new Utf8(), false),
    new Field('doc_id', new Utf8(), false),
    new Field('paragraph', new Int32(), false),
    new Field('chunk', new Int32(), false),
    new Field('text', new Utf8(), false),
    new Field('search_text', new Utf8(), false),
    new Field('kind', new Utf8(), false),
    new Field('language', new Utf8(), false),
    new Field('title', new Utf8(), false),
    new Field('url', new Utf8(), true),
    new Field('published_at', new Utf8(), true),
    new Field('outlet', new Utf8(), true),
    new Field('start', new Int32(), false),
    new Field('end', new Int32(), false),
    new Field('content_hash', new Utf8(), false),
  ];
  if (dimension !== null) {
    fields.push(new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false));
  }
  return new Schema(fields);
}

const documentSchema = new Schema([
  new Field('doc_id', new Utf8(), false),
  new Field('source_path', new Utf8(), false),
  new Field('content_hash', new Utf8(), false),
  new Field('document', new Utf8(), false),
]);

const aliasSchema = new Schema([
  new Field('doc_id', new Utf8(), false),
  new Field('chinese', new Utf8(), false),
  new Field('english', new Utf8(), false),
]);

const metaSchema = new Schema([new Field('key', new Utf8(), false), new Field('value', new Utf8(), false)]);

function quoteSql(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Builds the SQL filter for a passage filter; kinds default to body only. */
export function buildPassageFilterSql(filter: PassageFilter): string {
  const clauses = [`kind IN (${(filter.kinds ?? ['body']).map(quoteSql).join(', ')})`];
  if (filter.docIds?.length) clauses.push(`doc_id IN (${filter.docIds.map(quoteSql).join(', ')})`);
  if (filter.languages?.length) clauses.push(`language IN (${filter.languages.map(quoteSql).join(', ')})`);
  return clauses.join(' AND ');
}

type Row = Record<string, unknown>;


/** The LanceDB row for a passage; exported for bulk loaders such as the benchmark. */
export function passageToRow(passage: Passage, contentHash: string, vector: number[] | undefined): Row {
  const row: Row = {
    id: passage.id,
    doc_id: passage.docId,
    paragraph: passage.paragraph,
    chunk: passage.chunk,
    text: passage.text,
    search_text: passage.searchText,
    kind: passage.kind,
    language: passage.language,
    title: passage.title,
    url: passage.url ?? null,
    published_at: passage.publishedAt ?? null,
    outlet: passage.outlet ?? null,
    start: passage.start,
    end: passage.end,
    content_hash: contentHash,
  };
  if (vector) row.vector = vector;
  return row;
}

/** Opens (or prepares) the LanceDB index in `directory`. Tables are created by `reset`. */
export async function openLanceStore(directory: string): Promise<LanceStore> {
  const connection = await lancedb.connect(directory);
  const tables = new Map<string, lancedb.Table>();

  async function openTable(name: string): Promise<lancedb.Table | undefined> {
    const cached = tables.get(name);
    if (cached) return cached;
    if (!(await connection.tableNames()).includes(name)) return undefined;
    const table = await connection.openTable(name);
    tables.set(name, table);
    return table;
  }

  async function requireTable(name: string): Promise<lancedb.Table> {
    const table = await openTable(name);
    if (!table) throw new Error(`LanceDB table "${name}" is missing in ${directory}: run \`npm run ingest\``);
    return table;
  }

  /** The aliases table, created on first write in an index built before it existed. */
  async function aliasTable(): Promise<lancedb.Table> {
    const existing = await openTable(aliasesTableName);
    if (existing) return existing;
    const created = await connection.createEmptyTable(aliasesTableName, aliasSchema, { mode: 'create', existOk: true });
    tables.set(aliasesTableName, created);
    return created;
  }

  async function readEmbeddingInfo(): Promise<EmbeddingInfo | null | undefined> {
    const meta = await openTable(metaTableName);
    if (!meta) return undefined;
    const rows = await meta.query().where(`key = 'embedding'`).toArray();
    if (rows.length === 0) return undefined;
    return JSON.parse(String(rows[0].value)) as EmbeddingInfo | null;
  }

  let cachedHasVectors: boolean | undefined;
  // Documents written through this handle since it emptied the tables. Until a document comes
  // round a second time, its rows cannot exist yet, so a plain append does what the merge would:
  // a merge joins against the whole table and makes a full ingest quadratic.
  let writtenSinceReset: Set<string> | undefined;

  const store: LanceStore = {
    async keywordSearch(searchText, { limit, filter }) {
      if (!searchText.trim()) return [];
      const passages = await openTable(passagesTableName);
      if (!passages) return [];
      const rows = await passages
        .query()
        .fullTextSearch(searchText, { columns: 'search_text' })
        .where(buildPassageFilterSql(filter))
        .select([...passageColumns, '_score'])
        .limit(limit)
        .toArray();
      return rows.map((row: Row): StoreHit => ({ passage: rowToPassage(row), score: Number(row._score) }));
    },

    async vectorSearch(vector, { limit, filter }) {
      const passages = await openTable(passagesTableName);
      if (!passages) return [];
      cachedHasVectors ??= (await passages.schema()).fields.some((field) => field.name === 'vector');
      if (!cachedHasVectors) return [];
      const rows = await passages
        .query()
        .nearestTo(vector)
        .distanceType('cosine')
        .where(buildPassageFilterSql(filter))
        .select([...passageColumns, '_distance'])
        .limit(limit)
        .toArray();
      return rows.map((row: Row): StoreHit => ({ passage: rowToPassage(row), score: 1 - Number(row._distance) }));
    },

    async getDocument(docId) {
      const documents = await openTable(documentsTableName);
      if (!documents) return undefined;
      const rows = await documents.query().where(`doc_id = ${quoteSql(docId)}`).limit(1).toArray();
      return rows.length ? (JSON.parse(String(rows[0].document)) as StoredDocument) : undefined;
    },

    async stats(): Promise<StoreStats> {
      const [documents, passages, embedding] = await Promise.all([
        openTable(documentsTableName),
        openTable(passagesTableName),
        readEmbeddingInfo(),
      ]);
      return {
        documents: documents ? await documents.countRows() : 0,
        passages: passages ? await passages.countRows() : 0,
        embedding: embedding ?? null,
      };
    },

    readEmbeddingInfo,

    async readAliases() {
      const aliases = await openTable(aliasesTableName);
      if (!aliases) return [];
      const seen = new Set<string>();
      const pairs: AliasPair[] = [];
      for (const row of await aliases.query().select(['chinese', 'english']).toArray()) {
        const pair = { chinese: String(row.chinese), english: String(row.english) };
        const key = `${pair.chinese}\u0000${pair.english}`;
        if (!seen.has(key)) pairs.push(pair);
        seen.add(key);
      }
      return pairs;
    },

    async readDocumentHashes() {
      const documents = await openTable(documentsTableName);
      const hashes = new Map<string, string>();
      if (!documents) return hashes;
      for (const row of await documents.query().select(['doc_id', 'content_hash']).toArray()) {
        hashes.set(String(row.doc_id), String(row.content_hash));
      }
      return hashes;
    },

    async reset(embedding) {
      tables.clear();
      cachedHasVectors = undefined;
      writtenSinceReset = new Set();
      const options = { mode: 'overwrite' as const };
      tables.set(passagesTableName, await connection.createEmptyTable(passagesTableName, passageSchema(embedding?.dimension ?? null), options));
      tables.set(documentsTableName, await connection.createEmptyTable(documentsTableName, documentSchema, options));
      tables.set(aliasesTableName, await connection.createEmptyTable(aliasesTableName, aliasSchema, options));
      const meta = await connection.createEmptyTable(metaTableName, metaSchema, options);
      await meta.add([{ key: 'embedding', value: JSON.stringify(embedding) }]);
      tables.set(metaTableName, meta);
    },

    async writeDocuments(batch) {
      if (batch.length === 0) return;
      const passageTable = await requireTable(passagesTableName);
      const rows = batch.flatMap(({ document, passages, vectors }) =>
        passages.map((passage, index) => passageToRow(passage, document.contentHash, vectors?.[index])));
      const documentRows = batch.map(({ document }) => ({
        doc_id: document.docId,
        source_path: document.sourcePath,
        content_hash: document.contentHash,
        document: JSON.stringify(document),
      }));
      const docIds = batch.map(({ document }) => document.docId);
      const aliasRows = batch.flatMap(({ document, aliases }) => (aliases ?? []).map((alias) => ({ doc_id: document.docId, ...alias })));
      // Right after a reset nothing can match, so a plain append skips the merge's table scan.
      // Anything else (a second write, a new process, a run after a crash) merges.
      if (writtenSinceReset && docIds.every((docId) => !writtenSinceReset!.has(docId))) {
        for (const docId of docIds) writtenSinceReset.add(docId);
        if (rows.length > 0) await passageTable.add(rows);
        if (aliasRows.length > 0) await (await aliasTable()).add(aliasRows);
        await (await requireTable(documentsTableName)).add(documentRows);
        return;
      }
      const ownRows = `doc_id IN (${docIds.map(quoteSql).join(', ')})`;
      if (rows.length === 0) {
        await passageTable.delete(ownRows);
      } else {
        await passageTable
          .mergeInsert('id')
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .whenNotMatchedBySourceDelete({ where: ownRows })
          .execute(rows);
      }
      // Like the passages, a document's aliases are replaced before the document row records it.
      const aliases = await aliasTable();
      await aliases.delete(ownRows);
      if (aliasRows.length > 0) await aliases.add(aliasRows);
      await (await requireTable(documentsTableName))
        .mergeInsert('doc_id')
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .execute(documentRows);
    },

    async deleteDocuments(docIds) {
      if (docIds.length === 0) return;
      for (const docId of docIds) writtenSinceReset?.delete(docId);
      const predicate = `doc_id IN (${docIds.map(quoteSql).join(', ')})`;
      await (await requireTable(passagesTableName)).delete(predicate);
      await (await aliasTable()).delete(predicate);
      await (await requireTable(documentsTableName)).delete(predicate);
    },

    async optimize() {
      const passageTable = await requireTable(passagesTableName);
      // An index is built once per table; after that, table.optimize() below folds new and
      // changed rows into it incrementally instead of rebuilding (minutes for HNSW at 100k).
      const indexed = new Set((await passageTable.listIndices()).flatMap((index) => index.columns));
      if (!indexed.has('search_text')) {
        await passageTable.createIndex('search_text', {
          config: lancedb.Index.fts({
            baseTokenizer: 'whitespace',
            lowercase: false,
            stem: true,
            language: 'English',
            removeStopWords: true,
            asciiFolding: false,
            withPosition: false,
          }),
        });
      }
      // Every query filters on kind; without a scalar index LanceDB scans the column for each
      // prefiltered search (about half the vector query time at 100k passages).
      if (!indexed.has('kind')) await passageTable.createIndex('kind', { config: lancedb.Index.bitmap() });
      // Brute-force vector search is exact and fast enough for small corpora; past a few thousand
      // passages an HNSW index keeps hybrid retrieval in the low milliseconds.
      const hasVectors = (await passageTable.schema()).fields.some((field) => field.name === 'vector');
      if (hasVectors && !indexed.has('vector')) {
        const rows = await passageTable.countRows();
        if (rows >= vectorIndexThreshold) {
          await passageTable.createIndex('vector', {
            config: lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(rows / 50_000)) }),
          });
        }
      }
      for (const name of [passagesTableName, documentsTableName, aliasesTableName]) {
        if (name === aliasesTableName && !(await openTable(name))) continue;
        await (await requireTable(name)).optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) });
      }
    },
  };
  return store;
}
