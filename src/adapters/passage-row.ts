import type { Passage } from '../core/types.js';

/** A passage as the stores keep it: snake_case columns, SQL NULL for absent values. */
export type PassageRow = Record<string, unknown>;

/** Reads a passage from a LanceDB or D1 row (both use the same column names). */
export function rowToPassage(row: PassageRow): Passage {
  return {
    id: String(row.id),
    docId: String(row.doc_id),
    paragraph: Number(row.paragraph),
    chunk: Number(row.chunk),
    text: String(row.text),
    searchText: String(row.search_text),
    kind: row.kind as Passage['kind'],
    language: row.language as Passage['language'],
    title: String(row.title),
    url: (row.url as string | null) ?? undefined,
    publishedAt: (row.published_at as string | null) ?? undefined,
    outlet: (row.outlet as string | null) ?? undefined,
    start: Number(row.start),
    end: Number(row.end),
  };
}
