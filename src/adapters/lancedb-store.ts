import './size-lance-cpu-pool.js';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from 'apache-arrow';
import type { AliasPair } from '../core/bilingual-lexicon.js';
import type { Language, Passage, PassageKind, StoredDocument } from '../core/types.js';
import { rowToPassage } from './passage-row.js';
import type { PassageFilter, PassageStore, StoreHit, StoreStats } from '../ports.js';

export const passagesTableName = 'passages';
export const documentsTableName = 'documents';
/** Names the corpus writes in Chinese and in Latin script (mined at ingest), one row per document and pair. */
export const aliasesTableName = 'aliases';
const metaTableName = 'meta';
/** Passages from which a vector index is built; below it, exact search is used. */
export const vectorIndexThreshold = 5_000;
/**
 * Query settings of the HNSW-SQ index: LanceDB's default search breadth found 0.55 of the exact
 * top 10 on the bench's text-derived vectors at 30k passages; a wider search (ef) and a re-rank
 * of 4× the limit on the full vectors find 0.97 at 1M (ef 200: 0.944–0.95, under the 0.95 bar,
 * varying between builds), with hybrid p95 34 ms at 1M (`npm run bench -- --scale 1m`, README).
 * Exact search, below vectorIndexThreshold, ignores both.
 */
export const vectorQuerySettings = { ef: 300, refineFactor: 4 } as const;

/** A vector query as the store sends it: LanceDB refuses an ef under the candidates it keeps (limit × refine factor). */
export function withVectorQuerySettings<Query extends { ef(ef: number): Query; refineFactor(factor: number): Query }>(query: Query, limit: number): Query {
  return query.ef(Math.max(vectorQuerySettings.ef, limit * vectorQuerySettings.refineFactor)).refineFactor(vectorQuerySettings.refineFactor);
}

export interface EmbeddingInfo {
  modelId: string;
  dimension: number;
}

/** One document's cleaned form, passages and (optional) vectors, as ingest writes them. */
export interface DocumentWrite {
  document: StoredDocument;
  passages: Passage[];
  vectors: number[][] | null;
  /** What ingest needs to skip the source file unread next time (see src/ingest/source-stamp.ts). */
  sourceStamp?: string;
  /** Names the document writes in both scripts, stored with it for query translation. */
  aliases?: AliasPair[];
}

/** What the index knows of a stored document without reading it. */
export interface StoredDocumentState {
  contentHash: string;
  sourceStamp: string | null;
}

/** The tables of one published snapshot, each checked out at its version (read-only). */
export interface SnapshotTables {
  /** Changes whenever a writer publishes; 'latest' for an index written before snapshots. */
  id: string;
  passages?: lancedb.Table;
  documents?: lancedb.Table;
  meta?: lancedb.Table;
}

/** One index that retrieval needs, and how many rows it does not cover yet. */
export interface IndexCoverage {
  column: string;
  name?: string;
  indexed: number;
  unindexed: number;
}

/** The LanceDB store plus the write side that ingest uses. */
export interface LanceStore extends PassageStore {
  /** A reader pinned to the newest published snapshot: every call sees the same versions. */
  pin(): Promise<PassageStore>;
  /** The pinned tables of the newest published snapshot (for verification). */
  openSnapshotTables(): Promise<SnapshotTables>;
  /**
   * Publishes the tables' current versions as the snapshot readers use. Writers call it only
   * when passages and document rows agree (after whole batches), so no reader ever sees a
   * document's passages without its document row, or the other way round.
   */
  publishSnapshot(): Promise<void>;
  /** The indexes retrieval needs on the passages table, with their coverage. */
  readIndexCoverage(): Promise<IndexCoverage[]>;
  /**
   * Makes every needed index exist and cover every row (creating missing ones, folding
   * unindexed rows in). Returns what it repaired, empty when all was well.
   */
  repairIndexes(): Promise<string[]>;
  /** Deletes the whole index folder, for a rebuild after damage. */
  destroy(): Promise<void>;
  /** Forgets the writer's table handles, so the next write starts from the latest versions on disk. */
  refresh(): void;
  /** The embedding model the index was built with (null: keyword-only), or undefined for no index. */
  readEmbeddingInfo(): Promise<EmbeddingInfo | null | undefined>;
  /**
   * docId → content hash and source stamp of every completely stored document, or undefined
   * when the index was written by an older layout (no source stamps) and must be rebuilt.
   */
  readDocumentStates(): Promise<Map<string, StoredDocumentState> | undefined>;
  /** Every alias pair of the stored documents, deduplicated ([] for an index built before aliases). */
  readAliases(): Promise<AliasPair[]>;
  /** Drops everything and starts an empty index for the given embedding model. */
  reset(embedding: EmbeddingInfo | null): Promise<void>;
  /**
   * Replaces the passages of a batch of whole documents in a single commit (readers never see
   * half a document), then records the documents. Safe to repeat after a crash: the merge is
   * keyed on passage id, and a document is recorded only after its passages.
   */
  writeDocuments(batch: DocumentWrite[], hooks?: { afterPassages?: () => void | Promise<void> }): Promise<void>;
  deleteDocuments(docIds: string[]): Promise<void>;
  /** Creates the full-text and `kind` indexes keyword search needs, when missing (not the vector index). */
  ensureSearchIndexes(): Promise<void>;
  /**
   * Creates missing indexes, folds new rows into existing ones, compacts the tables and
   * publishes; a vector index that is due is built last and published on its own, so until it
   * exists readers already see the compacted tables (vector search is exact meanwhile).
   */
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
  new Field('source_stamp', new Utf8(), true),
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

const passageKinds: readonly PassageKind[] = ['body', 'comment'];

/**
 * Builds the SQL filter for a passage filter; kinds default to body only. Given the kinds the
 * table holds, a kind clause that keeps all of them is left out ('' when nothing is left).
 */
export function buildPassageFilterSql(filter: PassageFilter, heldKinds?: ReadonlySet<PassageKind>): string {
  const kinds = filter.kinds ?? ['body'];
  const clauses: string[] = [];
  if (!heldKinds || [...heldKinds].some((kind) => !kinds.includes(kind))) clauses.push(`kind IN (${kinds.map(quoteSql).join(', ')})`);
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
interface SnapshotRecord {
  id: string;
  passages: number;
  documents: number;
  publishedAt: string;
  /** Written by a reset with nothing published before: readers see no index until the first batch. */
  initial?: true;
}

/** How often a reader looks for a newly published snapshot (ms). */
export const defaultSnapshotRefreshMs = 1_000;

const ftsIndexConfig = () =>
  lancedb.Index.fts({
    baseTokenizer: 'whitespace',
    lowercase: false,
    stem: true,
    language: 'English',
    removeStopWords: true,
    asciiFolding: false,
    withPosition: false,
  });

/** The values of `column` (out of `values`) that some row of the table holds. */
async function findHeldValues<T extends string>(passages: lancedb.Table | undefined, column: string, values: readonly T[]): Promise<T[]> {
  if (!passages) return [];
  const counts = await Promise.all(values.map((value) => passages.countRows(`${column} = ${quoteSql(value)}`)));
  return values.filter((_value, index) => counts[index]! > 0);
}

/** `read()` once; a failed read is tried again on the next call. */
function readOnce<T>(read: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= read();
    result.catch(() => (result = undefined));
    return result;
  };
}

/** Retrieval and document reads over one set of (pinned) tables. */
function createReader(tables: SnapshotTables): PassageStore {
  let hasVectors: boolean | undefined;
  // A snapshot never changes, so its languages are counted once (each LLM-mode question asks).
  const languages = readOnce(() => findHeldValues<Language>(tables.passages, 'language', ['en', 'zh-Hant', 'zh-Hans']));
  // Likewise its counts, which /healthz shows: under load, three queries behind the asks' took it 0.4 s.
  const stats = readOnce(async (): Promise<StoreStats> => {
    const embeddingRows = tables.meta ? await tables.meta.query().where(`key = 'embedding'`).toArray() : [];
    return {
      documents: tables.documents ? await tables.documents.countRows() : 0,
      passages: tables.passages ? await tables.passages.countRows() : 0,
      embedding: embeddingRows.length ? (JSON.parse(String(embeddingRows[0].value)) as EmbeddingInfo | null) : null,
    };
  });
  // Likewise its kinds. LanceDB applies a filter as a prefilter, a mask over every row, even when
  // it excludes nothing: at 1M passages that was a fifth of the vector query's time (and of the
  // full-text one's). An index without comments is searched with no kind filter at all.
  const heldKinds = readOnce(async () => new Set(await findHeldValues(tables.passages, 'kind', passageKinds)));
  return {
    async keywordSearch(searchText, { limit, filter }) {
      if (!searchText.trim() || !tables.passages) return [];
      let query = tables.passages.query().fullTextSearch(searchText, { columns: 'search_text' });
      const where = buildPassageFilterSql(filter, await heldKinds());
      if (where) query = query.where(where);
      const rows = await query.select([...passageColumns, '_score']).limit(limit).toArray();
      // Equal scores come back in whichever order LanceDB's threads finish: they are put in id order,
      // so the same question retrieves the same list on every run.
      return rows.map((row: Row): StoreHit => ({ passage: rowToPassage(row), score: Number(row._score) }))
        .sort((left: StoreHit, right: StoreHit) => right.score - left.score || (left.passage.id < right.passage.id ? -1 : left.passage.id > right.passage.id ? 1 : 0));
    },

    async vectorSearch(vector, { limit, filter }) {
      if (!tables.passages) return [];
      hasVectors ??= (await tables.passages.schema()).fields.some((field) => field.name === 'vector');
      if (!hasVectors) return [];
      let query = withVectorQuerySettings(tables.passages.query().nearestTo(vector).distanceType('cosine'), limit);
      const where = buildPassageFilterSql(filter, await heldKinds());
      if (where) query = query.where(where);
      const rows = await query.select([...passageColumns, '_distance']).limit(limit).toArray();
      return rows.map((row: Row): StoreHit => ({ passage: rowToPassage(row), score: 1 - Number(row._distance) }));
    },

    async getDocument(docId) {
      if (!tables.documents) return undefined;
      const rows = await tables.documents.query().where(`doc_id = ${quoteSql(docId)}`).limit(1).toArray();
      return rows.length ? (JSON.parse(String(rows[0].document)) as StoredDocument) : undefined;
    },

    stats,

    languages,
  };
}

/**
 * Opens (or prepares) the LanceDB index in `directory`. Tables are created by `reset`.
 *
 * Readers never read the tables' latest versions: they read the snapshot a writer last
 * published in the `meta` table (passages and documents versions that agree), looking for a
 * newer one every `refreshMs`, so a running server picks up an ingest made by another process
 * and never sees a half-written one. An index written before snapshots existed is read at its
 * latest versions.
 */
export async function openLanceStore(directory: string, options: { refreshMs?: number } = {}): Promise<LanceStore> {
  const refreshMs = options.refreshMs ?? defaultSnapshotRefreshMs;
  let connection = await lancedb.connect(directory);
  // The writer's handles, at the tables' latest versions.
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

  // The reader side: the newest published snapshot, checked for a newer one every refreshMs.
  let current: { tables: SnapshotTables; reader: PassageStore; checkedAt: number } | undefined;

  // Callers that find the check due while one runs wait for that one: under load, every ask used
  // to send its own look at the meta table once a second. Forgetting the current snapshot (a
  // publish, a failed read) also drops a check under way, which may have read the meta table
  // before the change: it neither serves later callers nor becomes current.
  let checking: { tables: Promise<SnapshotTables>; generation: number } | undefined;
  let generation = 0;
  const forgetCurrent = () => {
    current = undefined;
    generation++;
  };

  async function openSnapshotTables(): Promise<SnapshotTables> {
    if (current && performance.now() - current.checkedAt < refreshMs) return current.tables;
    if (checking?.generation !== generation) {
      const started = { generation, tables: openNewestSnapshot(generation) };
      checking = started;
      void started.tables.catch(() => undefined).finally(() => {
        if (checking === started) checking = undefined;
      });
    }
    return checking!.tables;
  }

  async function openNewestSnapshot(startedAt: number): Promise<SnapshotTables> {
    const names = await connection.tableNames();
    // A fresh handle opens at the latest version, where the newest snapshot record is.
    const meta = names.includes(metaTableName) ? await connection.openTable(metaTableName) : undefined;
    const rows = meta ? await meta.query().where(`key = 'snapshot'`).toArray() : [];
    const record = rows.length ? (JSON.parse(String(rows[0].value)) as SnapshotRecord) : undefined;
    if (current && record && current.tables.id === record.id && startedAt === generation) {
      current.checkedAt = performance.now();
      return current.tables;
    }
    const openAt = async (name: string, version: number | undefined) => {
      if (!names.includes(name)) return undefined;
      const table = await connection.openTable(name);
      await table.checkout(version ?? (await table.version()));
      return table;
    };
    const snapshot: SnapshotTables = record?.initial
      ? { id: record.id }
      : {
          id: record?.id ?? 'latest',
          passages: await openAt(passagesTableName, record?.passages),
          documents: await openAt(documentsTableName, record?.documents),
          meta,
        };
    if (startedAt === generation) current = { tables: snapshot, reader: createReader(snapshot), checkedAt: performance.now() };
    return snapshot;
  }

  /**
   * Runs a read on the pinned snapshot. When it fails and a newer snapshot has been published
   * (a writer compacted and pruned the old versions under it), it runs once more on that one.
   */
  async function readPinned<T>(pinned: SnapshotTables, reader: PassageStore, read: (reader: PassageStore) => Promise<T>): Promise<T> {
    try {
      return await read(reader);
    } catch (error) {
      if (current?.tables.id === pinned.id) forgetCurrent();
      await openSnapshotTables();
      if (!current || current.tables.id === pinned.id) throw error;
      return read(current.reader);
    }
  }

  async function pin(): Promise<PassageStore> {
    const pinned = await openSnapshotTables();
    const reader = current!.reader;
    return {
      keywordSearch: (searchText, query) => readPinned(pinned, reader, (store) => store.keywordSearch(searchText, query)),
      vectorSearch: (vector, query) => readPinned(pinned, reader, (store) => store.vectorSearch(vector, query)),
      getDocument: (docId) => readPinned(pinned, reader, (store) => store.getDocument(docId)),
      stats: () => readPinned(pinned, reader, (store) => store.stats()),
      languages: () => readPinned(pinned, reader, (store) => store.languages!()),
    };
  }

  async function publishSnapshot(): Promise<void> {
    const passages = await requireTable(passagesTableName);
    const documents = await requireTable(documentsTableName);
    const record: SnapshotRecord = {
      id: randomUUID(),
      passages: await passages.version(),
      documents: await documents.version(),
      publishedAt: new Date().toISOString(),
    };
    await (await requireTable(metaTableName))
      .mergeInsert('key')
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute([{ key: 'snapshot', value: JSON.stringify(record) }]);
    forgetCurrent();
  }

  async function readIndexCoverage(): Promise<IndexCoverage[]> {
    const passageTable = await requireTable(passagesTableName);
    const indices = await passageTable.listIndices();
    const columns = ['search_text', 'kind'];
    const hasVectors = (await passageTable.schema()).fields.some((field) => field.name === 'vector');
    if (hasVectors && (await passageTable.countRows()) >= vectorIndexThreshold) columns.push('vector');
    const coverage: IndexCoverage[] = [];
    for (const column of columns) {
      const index = indices.find((candidate) => candidate.columns.includes(column));
      const stats = index ? await passageTable.indexStats(index.name) : undefined;
      coverage.push(stats
        ? { column, name: index!.name, indexed: stats.numIndexedRows, unindexed: stats.numUnindexedRows }
        : { column, indexed: 0, unindexed: await passageTable.countRows() });
    }
    return coverage;
  }

  async function ensureSearchIndexes(): Promise<void> {
    const passageTable = await requireTable(passagesTableName);
    const indexed = new Set((await passageTable.listIndices()).flatMap((index) => index.columns));
    if (!indexed.has('search_text')) await passageTable.createIndex('search_text', { config: ftsIndexConfig() });
    // Every query filters on kind; without a scalar index LanceDB scans the column for each
    // prefiltered search (about half the vector query time at 100k passages).
    if (!indexed.has('kind')) await passageTable.createIndex('kind', { config: lancedb.Index.bitmap() });
  }

  // Documents written through this handle since it emptied the tables. Until a document comes
  // round a second time, its rows cannot exist yet, so a plain append does what the merge would:
  // a merge joins against the whole table and makes a full ingest quadratic.
  let writtenSinceReset: Set<string> | undefined;

  const store: LanceStore = {
    keywordSearch: async (searchText, query) => (await pin()).keywordSearch(searchText, query),
    vectorSearch: async (vector, query) => (await pin()).vectorSearch(vector, query),
    getDocument: async (docId) => (await pin()).getDocument(docId),
    stats: async () => (await pin()).stats(),
    languages: async () => (await pin()).languages!(),
    pin,
    openSnapshotTables,
    publishSnapshot,
    readIndexCoverage,
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

    async readDocumentStates() {
      const documents = await openTable(documentsTableName);
      const states = new Map<string, StoredDocumentState>();
      if (!documents) return states;
      if (!(await documents.schema()).fields.some((field) => field.name === 'source_stamp')) return undefined;
      for (const row of await documents.query().select(['doc_id', 'content_hash', 'source_stamp']).toArray()) {
        states.set(String(row.doc_id), { contentHash: String(row.content_hash), sourceStamp: (row.source_stamp as string | null) ?? null });
      }
      return states;
    },

    async reset(embedding) {
      const readSnapshotRow = async () => {
        try {
          const rows = await (await openTable(metaTableName))?.query().where(`key = 'snapshot'`).toArray();
          return rows?.length ? { key: 'snapshot', value: String(rows[0].value) } : undefined;
        } catch {
          return undefined;
        }
      };
      // With nothing published before (a first ingest, or a rebuild after damage), readers see
      // no index until the first batch is published, never the tables as they fill.
      const previousSnapshot = (await readSnapshotRow()) ?? { key: 'snapshot', value: JSON.stringify({ id: randomUUID(), initial: true }) };
      tables.clear();
      writtenSinceReset = new Set();
      // Overwriting a table that does not exist yet makes lance log a WARN to stderr on every first
      // ingest, so a new table is created and only an existing one overwritten.
      const existing = new Set(await connection.tableNames());
      const create = (name: string, schema: Schema) => connection.createEmptyTable(name, schema, { mode: existing.has(name) ? 'overwrite' : 'create' });
      tables.set(passagesTableName, await create(passagesTableName, passageSchema(embedding?.dimension ?? null)));
      tables.set(documentsTableName, await create(documentsTableName, documentSchema));
      tables.set(aliasesTableName, await create(aliasesTableName, aliasSchema));
      // Readers keep the last published snapshot (the old versions stay readable) until the
      // rebuilt index is complete and published.
      const meta = await create(metaTableName, metaSchema);
      await meta.add([{ key: 'embedding', value: JSON.stringify(embedding) }, previousSnapshot]);
      tables.set(metaTableName, meta);
    },

    async writeDocuments(batch, hooks = {}) {
      if (batch.length === 0) return;
      const passageTable = await requireTable(passagesTableName);
      const rows = batch.flatMap(({ document, passages, vectors }) =>
        passages.map((passage, index) => passageToRow(passage, document.contentHash, vectors?.[index])));
      const documentRows = batch.map(({ document, sourceStamp }) => ({
        doc_id: document.docId,
        source_path: document.sourcePath,
        content_hash: document.contentHash,
        document: JSON.stringify(document),
        source_stamp: sourceStamp ?? null,
      }));
      const docIds = batch.map(({ document }) => document.docId);
      const aliasRows = batch.flatMap(({ document, aliases }) => (aliases ?? []).map((alias) => ({ doc_id: document.docId, ...alias })));
      // Right after a reset nothing can match, so a plain append skips the merge's table scan.
      // Anything else (a second write, a new process, a run after a crash) merges.
      if (writtenSinceReset && docIds.every((docId) => !writtenSinceReset!.has(docId))) {
        for (const docId of docIds) writtenSinceReset.add(docId);
        if (rows.length > 0) await passageTable.add(rows);
        await hooks.afterPassages?.();
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
      await hooks.afterPassages?.();
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

    ensureSearchIndexes,

    async optimize() {
      // An index is built once per table; after that, table.optimize() below folds new and
      // changed rows into it incrementally instead of rebuilding (minutes for HNSW at 100k).
      await ensureSearchIndexes();
      const names = [passagesTableName, documentsTableName];
      for (const name of names) await (await requireTable(name)).optimize();
      // The aliases table is not in snapshots (read once, when the lexicon loads); an index built
      // before aliases has none.
      if (await openTable(aliasesTableName)) await (await requireTable(aliasesTableName)).optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) });
      // Publish the compacted versions before pruning the old ones, so a reader whose pinned
      // version is pruned finds a newer snapshot to retry on.
      await publishSnapshot();
      // Brute-force vector search is exact and fast enough for small corpora; past a few thousand
      // passages an HNSW index keeps hybrid retrieval in the low milliseconds. It is built last
      // (74 s at 100k passages): readers search the published tables exactly until it exists.
      const passageTable = await requireTable(passagesTableName);
      const indexed = new Set((await passageTable.listIndices()).flatMap((index) => index.columns));
      const hasVectors = (await passageTable.schema()).fields.some((field) => field.name === 'vector');
      const rows = hasVectors && !indexed.has('vector') ? await passageTable.countRows() : 0;
      if (rows >= vectorIndexThreshold) {
        await passageTable.createIndex('vector', {
          config: lancedb.Index.hnswSq({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(rows / 50_000)) }),
        });
        await publishSnapshot();
      }
      for (const name of names) await (await requireTable(name)).optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) });
    },

    async repairIndexes() {
      const gaps = (await readIndexCoverage()).filter((coverage) => !coverage.name || coverage.unindexed > 0);
      if (gaps.length === 0) return [];
      await store.optimize();
      return gaps.map((gap) => (gap.name ? `index on ${gap.column} did not cover ${gap.unindexed} rows` : `index on ${gap.column} was missing`));
    },

    refresh() {
      tables.clear();
    },

    async destroy() {
      tables.clear();
      forgetCurrent();
      writtenSinceReset = undefined;
      await rm(directory, { recursive: true, force: true });
      connection = await lancedb.connect(directory);
    },
  };
  return store;
}
