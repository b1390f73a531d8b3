import { describe, expect, it } from 'vitest';
import type { PassageKind } from '../core/types.js';
import type { PassageFilter } from '../ports.js';
import { buildPassageFilterSql } from './lancedb-store.js';

describe('buildPassageFilterSql', () => {
  const cases: Array<[string, PassageFilter, Set<PassageKind> | undefined, string]> = [
    ['body only by default', {}, undefined, "kind IN ('body')"],
    ['the kinds asked for, doc ids and languages', { kinds: ['body', 'comment'], docIds: ["o'brien"], languages: ['en'] }, undefined, "kind IN ('body', 'comment') AND doc_id IN ('o''brien') AND language IN ('en')"],
    ['no kind clause when the table holds only kinds asked for', {}, new Set(['body']), ''],
    ['no kind clause for an empty table', { docIds: ['a'] }, new Set(), "doc_id IN ('a')"],
    ['the kind clause when the table holds a kind not asked for', {}, new Set(['body', 'comment']), "kind IN ('body')"],
    ['the kind clause when the table holds only other kinds', { kinds: ['comment'] }, new Set(['body']), "kind IN ('comment')"],
  ];
  it.each(cases)('%s', (_name, filter, heldKinds, sql) => {
    expect(buildPassageFilterSql(filter, heldKinds)).toBe(sql);
  });
});
