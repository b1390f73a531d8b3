import * as lancedb from '@lancedb/lancedb';
import { readdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';

/** Every passage and document row of an index, sorted, to compare two indexes. */
export async function readIndexRows(indexDir: string): Promise<{ passages: string[]; documents: string[] }> {
  const connection = await lancedb.connect(indexDir);
  const passages = await (await connection.openTable('passages')).query().select(['id', 'text', 'search_text', 'content_hash']).toArray();
  const documents = await (await connection.openTable('documents')).query().select(['doc_id', 'content_hash', 'document']).toArray();
  return {
    passages: passages.map((row) => JSON.stringify([row.id, row.text, row.search_text, row.content_hash])).sort(),
    documents: documents.map((row) => JSON.stringify([row.doc_id, row.content_hash, row.document])).sort(),
  };
}

/** The most recently written data file of a table (what a crash or a full disk damages first). */
export async function newestDataFile(indexDir: string, table: string): Promise<string> {
  const dataDir = path.join(indexDir, `${table}.lance`, 'data');
  const files = await Promise.all((await readdir(dataDir)).map(async (name) => ({ name, mtime: (await stat(path.join(dataDir, name))).mtimeMs })));
  files.sort((left, right) => right.mtime - left.mtime);
  return path.join(dataDir, files[0]!.name);
}

/** Cuts a file to half its size, as a torn write does. */
export async function truncateToHalf(file: string): Promise<void> {
  await truncate(file, Math.floor((await stat(file)).size / 2));
}
