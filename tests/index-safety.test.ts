import * as lancedb from '@lancedb/lancedb';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareSourceFile } from '../src/ingest/prepare-source-file.js';
import { listSourceFiles } from '../src/ingest/read-source-files.js';
import { ingestPipeline } from '../src/ingest/source-stamp.js';
import { runIngest } from '../src/ingest/run-ingest.js';
import { openLanceStore, type LanceStore } from '../src/adapters/lancedb-store.js';
import { verifyIndex } from '../src/adapters/verify-index.js';
import { createApp } from '../src/http/create-app.js';
import { createRecordingLogger, seedsDir } from './support/create-seeded-deps.js';
import { newestDataFile, readIndexRows, truncateToHalf } from './support/index-fixtures.js';

let workDir: string;
let sourceDir: string;
let indexDir: string;
let store: LanceStore;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-safety-'));
  sourceDir = path.join(workDir, 'sources');
  indexDir = path.join(workDir, 'index');
  await cp(seedsDir, sourceDir, { recursive: true });
  store = await openLanceStore(indexDir, { refreshMs: 0 });
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

function ingest(extra: Partial<Parameters<typeof runIngest>[0]> = {}, target = store) {
  return runIngest({ sourceDir, store: target, embedder: null, reportPath: path.join(workDir, 'report.json'), ...extra });
}

/** A clean ingest of the same sources into its own folder, to compare with. */
async function cleanRows() {
  const cleanDir = path.join(workDir, 'clean-index');
  await ingest({}, await openLanceStore(cleanDir));
  return readIndexRows(cleanDir);
}

/** Writes the seeds' rows the way a run killed before its index build left them. */
/** What a run killed after writing its rows, before building its indexes, leaves behind. */
async function writeRowsWithoutIndexes(target: LanceStore): Promise<void> {
  const { entries } = await listSourceFiles(sourceDir);
  const context = { embedderId: 'none', pipeline: ingestPipeline('none') };
  const writes = [];
  for (const entry of entries) {
    const prepared = await prepareSourceFile({ entry }, context);
    if (prepared.kind !== 'prepared') throw new Error(`${entry.sourcePath} was not prepared`);
    writes.push({ document: prepared.document, passages: prepared.passages, vectors: null, sourceStamp: prepared.sourceStamp });
  }
  await target.reset(null);
  await target.writeDocuments(writes);
  await target.publishSnapshot();
}

describe('index state is checked and repaired on every run (defect 3)', () => {
  it('builds the indexes a killed run never built, although nothing changed', async () => {
    await writeRowsWithoutIndexes(store);
    expect((await verifyIndex(store)).state).toBe('repairable');
    const summary = await ingest();
    expect(summary).toMatchObject({ written: 0, unchanged: 5 });
    expect(summary.repairs).toEqual(expect.arrayContaining([expect.stringMatching(/index on search_text was missing/)]));
    for (const coverage of await store.readIndexCoverage()) expect(coverage).toMatchObject({ unindexed: 0, name: expect.any(String) });
    expect(await verifyIndex(store)).toMatchObject({ state: 'ok', usable: true });
    expect((await store.keywordSearch('softbank', { limit: 3, filter: {} })).length).toBeGreaterThan(0);
  });

  it('folds rows an index does not cover into it', async () => {
    await ingest();
    const connection = await lancedb.connect(indexDir);
    const passages = await connection.openTable('passages');
    const [row] = await passages.query().where(`doc_id = '001_d38a6fc719d6b211'`).limit(1).toArray();
    await passages.delete(`id = '${row.id}'`);
    await passages.add([{ ...row }]);
    store.refresh();
    expect((await store.readIndexCoverage()).find((coverage) => coverage.column === 'search_text')!.unindexed).toBe(1);
    const summary = await ingest();
    expect(summary.repairs.join()).toMatch(/did not cover 1 rows/);
    expect((await store.readIndexCoverage()).every((coverage) => coverage.unindexed === 0)).toBe(true);
  });
});

describe('duplicate rows are found and repaired (defect 4)', () => {
  it('removes duplicate passage and document rows, ending equal to a clean ingest', async () => {
    await ingest();
    const connection = await lancedb.connect(indexDir);
    const documents = await connection.openTable('documents');
    const passages = await connection.openTable('passages');
    // What two writers appending at once left behind.
    await documents.add(await documents.query().where(`doc_id = '002_f81bc478674c16c2'`).toArray());
    await passages.add(await passages.query().where(`doc_id = '003_808edde6372417f9'`).toArray());
    await (await openLanceStore(indexDir)).publishSnapshot(); // as the writers that made them did
    const damaged = await verifyIndex(await openLanceStore(indexDir));
    expect(damaged.duplicateDocIds).toEqual(['002_f81bc478674c16c2', '003_808edde6372417f9']);
    const summary = await ingest();
    expect(summary.repairs.join()).toMatch(/duplicate rows of 2 documents/);
    expect(summary.written).toBe(2);
    expect(await readIndexRows(indexDir)).toEqual(await cleanRows());
  });
});

describe('readers pin a published snapshot (defect 5)', () => {
  it('a running reader sees a later ingest by another writer without restarting', async () => {
    await ingest();
    const reader = await openLanceStore(indexDir, { refreshMs: 0 });
    expect(await reader.getDocument('added')).toBeUndefined();
    await writeFile(path.join(sourceDir, 'added.txt'), 'Added later\n\nThe Korean government will buy 18,000 GPUs.\n');
    await rm(path.join(sourceDir, '004_b31bb813d23850f5.txt'));
    await ingest({}, await openLanceStore(indexDir));
    expect((await reader.getDocument('added'))?.paragraphs[0]?.text).toContain('18,000 GPUs');
    expect(await reader.getDocument('004_b31bb813d23850f5')).toBeUndefined();
  });

  it('never shows new passages beside an old document row when a writer dies between the two commits', async () => {
    await ingest();
    const reader = await openLanceStore(indexDir, { refreshMs: 0 });
    const before = await reader.getDocument('001_d38a6fc719d6b211');
    await writeFile(path.join(sourceDir, '001_d38a6fc719d6b211.txt'), 'SoftBank update\n\nSoftBank sold its zyxquartz holdings in a single afternoon.\n');
    const writer = await openLanceStore(indexDir);
    await expect(ingest({ batchSize: 1 }, {
      ...writer,
      writeDocuments: (batch) => writer.writeDocuments(batch, { afterPassages: () => { throw new Error('killed between commits'); } }),
    })).rejects.toThrow('killed between commits');
    // The latest passages table has the new text, but readers still read the published snapshot.
    expect((await reader.keywordSearch('zyxquartz', { limit: 5, filter: {} }))).toEqual([]);
    expect(await reader.getDocument('001_d38a6fc719d6b211')).toEqual(before);
    // The next run completes the change, and readers see both halves together.
    await ingest({}, await openLanceStore(indexDir));
    expect((await reader.getDocument('001_d38a6fc719d6b211'))!.paragraphs[0]!.text).toContain('zyxquartz');
    expect((await reader.keywordSearch('zyxquartz', { limit: 5, filter: {} }))[0]?.passage.docId).toBe('001_d38a6fc719d6b211');
  });
});

describe('a damaged index is detected, reported and rebuilt (defect 6)', () => {
  const damages = [
    { name: 'documents.lance deleted', damage: () => rm(path.join(indexDir, 'documents.lance'), { recursive: true }) },
    { name: 'the newest passages data file deleted', damage: async () => rm(await newestDataFile(indexDir, 'passages')) },
    { name: 'the newest passages data file truncated', damage: async () => truncateToHalf(await newestDataFile(indexDir, 'passages')) },
    { name: 'the passages _indices deleted', damage: () => rm(path.join(indexDir, 'passages.lance', '_indices'), { recursive: true }) },
  ];

  it.each(damages)('$name: /healthz says 503, --no-repair stops, a normal run rebuilds it', async ({ damage }) => {
    await ingest();
    await damage();
    const damagedStore = await openLanceStore(indexDir, { refreshMs: 0 });
    const verdict = await verifyIndex(damagedStore);
    expect(verdict).toMatchObject({ state: 'damaged', usable: false });
    const { log } = createRecordingLogger();
    const app = createApp({
      answer: { store: damagedStore, embedder: null, model: null, prompts: {} as never, settings: {} as never, log },
      store: damagedStore,
      publicBaseUrl: 'http://assistant.test',
      allowedOrigins: [],
      health: { retrieval: { mode: 'keyword', reason: 'test' }, llm: { mode: 'extractive' } },
      checkIndex: () => verifyIndex(damagedStore),
      log,
    });
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', index: { state: 'damaged' } });

    await expect(ingest({ repair: false }, damagedStore)).rejects.toThrow(/The index is damaged .*without --no-repair/);
    const summary = await ingest({}, damagedStore);
    expect(summary.repairs.join()).toMatch(/rebuilt a damaged index/);
    expect(await verifyIndex(damagedStore)).toMatchObject({ state: 'ok' });
    expect((await app.request('/healthz')).status).toBe(200);
    expect(await readIndexRows(indexDir)).toEqual(await cleanRows());
  });
});
