import type { Table } from '@lancedb/lancedb';
import type { LanceStore } from './lancedb-store.js';

/**
 * What verification found:
 * - `ok`: every table opens and reads, probes answer, every needed index covers every row;
 * - `missing`: there is no index yet (a fresh DATA_DIR);
 * - `repairable`: the data reads, but an index is missing or does not cover every row (a
 *   crash before the index build), or a document has duplicate rows (two writers at once);
 *   the next ingest fixes it in place;
 * - `damaged`: a table is missing or cannot be read or searched; only a rebuild fixes it.
 */
export type IndexState = 'ok' | 'missing' | 'repairable' | 'damaged';

export interface IndexVerdict {
  state: IndexState;
  /**
   * Whether questions can be answered from it: not damaged or missing, and no index that
   * search needs is missing (rows an index does not cover yet are still searched, only slower).
   */
  usable: boolean;
  problems: string[];
  documents: number;
  passages: number;
  /** Documents with more than one document row, or whose passages repeat an id. */
  duplicateDocIds: string[];
}

const tableNames = ['passages', 'documents', 'meta'] as const;

/**
 * Verifies the published snapshot of a LanceDB index: opens each table, counts its rows, reads
 * every row's id (so a deleted or truncated data file shows), runs a full-text probe, a vector
 * probe when there are vectors, parses a document, checks each index covers every row, and
 * lists duplicate ids. Never throws: failures become problems.
 */
export async function verifyIndex(store: LanceStore): Promise<IndexVerdict> {
  const verdict: IndexVerdict = { state: 'ok', usable: true, problems: [], documents: 0, passages: 0, duplicateDocIds: [] };
  const fail = (state: 'repairable' | 'damaged', problem: string) => {
    if (verdict.state !== 'damaged') verdict.state = state;
    if (state === 'damaged' || /is missing/.test(problem)) verdict.usable = false;
    verdict.problems.push(problem);
  };
  let tables;
  try {
    tables = await store.openSnapshotTables();
  } catch (error) {
    fail('damaged', `cannot open the index: ${messageOf(error)}`);
    return verdict;
  }
  const present = tableNames.filter((name) => tables[name]);
  if (present.length === 0) return { ...verdict, state: 'missing', usable: false, problems: ['there is no index yet'] };
  for (const name of tableNames) if (!tables[name]) fail('damaged', `table "${name}" is missing`);
  if (verdict.state === 'damaged') return verdict;
  const { passages, documents, meta } = tables as Required<typeof tables>;

  try {
    await meta.countRows();
    const passageIds = await readColumn(passages, ['id', 'doc_id']);
    const documentIds = await readColumn(documents, ['doc_id']);
    verdict.passages = await passages.countRows();
    verdict.documents = await documents.countRows();
    if (passageIds.length !== verdict.passages || documentIds.length !== verdict.documents) {
      fail('damaged', `row counts disagree with the rows read (passages ${passageIds.length}/${verdict.passages}, documents ${documentIds.length}/${verdict.documents})`);
    }
    const duplicates = new Set([
      ...repeated(passageIds.map((row) => row.id)).map((id) => passageIds.find((row) => row.id === id)!.doc_id),
      ...repeated(documentIds.map((row) => row.doc_id)),
    ]);
    verdict.duplicateDocIds = [...duplicates].sort();
    const sample = await documents.query().select(['document']).limit(1).toArray();
    if (sample.length) JSON.parse(String(sample[0].document));
  } catch (error) {
    fail('damaged', `cannot read the tables: ${messageOf(error)}`);
    return verdict;
  }
  if (verdict.duplicateDocIds.length) fail('repairable', `${verdict.duplicateDocIds.length} documents have duplicate rows`);

  await probeSearch(passages, verdict.passages, fail);
  return verdict;
}

async function probeSearch(passages: Table, rowCount: number, fail: (state: 'repairable' | 'damaged', problem: string) => void): Promise<void> {
  let indices;
  try {
    indices = await passages.listIndices();
  } catch (error) {
    fail('damaged', `cannot list the indexes: ${messageOf(error)}`);
    return;
  }
  for (const column of ['search_text', 'kind']) {
    const index = indices.find((candidate) => candidate.columns.includes(column));
    if (!index) {
      fail('repairable', `the index on ${column} is missing`);
      continue;
    }
    try {
      const stats = await passages.indexStats(index.name);
      if (stats && stats.numUnindexedRows > 0) fail('repairable', `the index on ${column} does not cover ${stats.numUnindexedRows} rows`);
    } catch (error) {
      fail('damaged', `cannot read the index on ${column}: ${messageOf(error)}`);
    }
  }
  if (rowCount === 0) return;
  try {
    const [row] = await passages.query().limit(1).toArray();
    if (indices.some((index) => index.columns.includes('search_text'))) {
      // The longest token is the least likely to be a stop word the index leaves out.
      const token = String(row.search_text).split(' ').reduce((longest, word) => (word.length > longest.length ? word : longest), '');
      const hits = await passages.query().fullTextSearch(token, { columns: 'search_text' }).select(['id', '_score']).limit(1).toArray();
      if (hits.length === 0) fail('damaged', `a full-text probe for "${token}" found nothing`);
    }
    if (row.vector) {
      const hits = await passages.query().nearestTo(Array.from(row.vector as Iterable<number>)).distanceType('cosine').select(['id']).limit(1).toArray();
      if (hits.length === 0) fail('damaged', 'a vector probe found nothing');
    }
  } catch (error) {
    fail('damaged', `a search probe failed: ${messageOf(error)}`);
  }
}

async function readColumn<Column extends string>(table: Table, columns: Column[]): Promise<Array<Record<Column, string>>> {
  const rows = await table.query().select(columns).toArray();
  return rows.map((row: Record<string, unknown>) => Object.fromEntries(columns.map((column) => [column, String(row[column])])) as Record<Column, string>);
}

function repeated(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

function messageOf(error: unknown): string {
  return (error as Error)?.message?.split('\n')[0] ?? String(error);
}
