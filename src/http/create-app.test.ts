import { describe, expect, it } from 'vitest';
import type { AnswerDeps } from '../engine/answer-question.js';
import type { PassageStore } from '../ports.js';
import { createApp, type IndexingStatus } from './create-app.js';

const silent = { info() {}, warn() {}, error() {} };
const startedAt = '2026-01-01T00:00:00.000Z';
const running: IndexingStatus = { state: 'running', phase: 'files', done: 120, total: 2_005, startedAt };
const done: IndexingStatus = { state: 'done', finishedAt: startedAt, ms: 1_600, documents: 2_005, written: 2_000, unchanged: 5, deleted: 0, passages: 4_129, skipped: 0, repairs: 0 };
const verdicts = {
  ok: { state: 'ok', usable: true, problems: [] },
  missing: { state: 'missing', usable: false, problems: ['there is no index yet'] },
  uncovered: { state: 'repairable', usable: true, problems: ['the index on search_text does not cover 2000 rows'] },
  damaged: { state: 'damaged', usable: false, problems: ['table "documents" is missing'] },
};

function buildApp(verdict: (typeof verdicts)[keyof typeof verdicts], indexing: IndexingStatus) {
  const store = { stats: async () => ({ documents: 5, passages: 129, embedding: null }) } as PassageStore;
  return createApp({
    answer: {} as AnswerDeps,
    store,
    publicBaseUrl: 'http://localhost',
    allowedOrigins: [],
    health: { retrieval: { mode: 'keyword', reason: 'test' }, llm: { mode: 'extractive' } },
    checkIndex: async () => verdict,
    indexing: () => indexing,
    log: silent,
  });
}

describe('GET /healthz while the index syncs in the background', () => {
  it.each([
    { name: 'no index yet, first batch not published', verdict: verdicts.missing, indexing: running, status: 503, body: { status: 'indexing', indexing: running } },
    { name: 'no index yet, waiting for another writer', verdict: verdicts.missing, indexing: { state: 'waiting', since: startedAt } as IndexingStatus, status: 503, body: { status: 'indexing' } },
    { name: 'no index and no sync running', verdict: verdicts.missing, indexing: { state: 'idle' } as IndexingStatus, status: 503, body: { status: 'unavailable', index: { state: 'missing' } } },
    { name: 'published rows the running sync has yet to index', verdict: verdicts.uncovered, indexing: running, status: 200, body: { status: 'ok', indexing: running, documents: 5 } },
    { name: 'uncovered rows with no sync running', verdict: verdicts.uncovered, indexing: done, status: 200, body: { status: 'degraded', index: { state: 'repairable' }, indexing: done } },
    { name: 'damage during a sync', verdict: verdicts.damaged, indexing: running, status: 503, body: { status: 'unavailable', index: { state: 'damaged' }, indexing: running } },
    { name: 'synced', verdict: verdicts.ok, indexing: done, status: 200, body: { status: 'ok', indexing: done, documents: 5, passages: 129 } },
  ])('$name: $status', async ({ verdict, indexing, status, body }) => {
    const response = await buildApp(verdict, indexing).request('/healthz');
    expect(response.status).toBe(status);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject(body);
    if (json.status === 'ok') expect(json).not.toHaveProperty('index');
  });
});
