import { cp, mkdtemp, readFile, rm, symlink, unlink, utimes, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest, type IngestReport } from '../src/ingest/run-ingest.js';
import { createEmbedder } from '../src/adapters/create-embedder.js';
import { openLanceStore, type LanceStore } from '../src/adapters/lancedb-store.js';
import { createTransformersEmbedder } from '../src/adapters/transformers-embedder.js';
import { retrieve } from '../src/engine/retrieve.js';
import type { Embedder } from '../src/ports.js';
import { createHashEmbedder } from './support/create-hash-embedder.js';
import { seedsDir } from './support/create-seeded-deps.js';
import { createTinyModel } from '../bench/create-tiny-model.js';

let workDir: string;
let sourceDir: string;
let store: LanceStore;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-ingest-'));
  sourceDir = path.join(workDir, 'sources');
  await cp(seedsDir, sourceDir, { recursive: true });
  store = await openLanceStore(path.join(workDir, 'index'));
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

function ingest(embedder: Embedder | null = null, extra: Partial<Parameters<typeof runIngest>[0]> = {}) {
  return runIngest({ sourceDir, store, embedder, reportPath: path.join(workDir, 'ingest-report.json'), ...extra });
}

/** All passage ids in the index, via a keyword search wide enough to return every row. */
async function passageRows(): Promise<{ total: number; distinctIds: number }> {
  const stats = await store.stats();
  const connection = await (await import('@lancedb/lancedb')).connect(path.join(workDir, 'index'));
  const rows = await (await connection.openTable('passages')).query().select(['id']).toArray();
  return { total: stats.passages, distinctIds: new Set(rows.map((row) => String(row.id))).size };
}

describe('ingest', () => {
  it('ingests the seeds, writes the report, and skips unchanged documents on the next run', async () => {
    const first = await ingest();
    expect(first).toMatchObject({ documents: 5, written: 5, unchanged: 0, deleted: 0, rebuilt: true, skipped: [] });
    expect(first.passages).toBeGreaterThan(100);
    expect(first.droppedLines).toBeGreaterThan(20);
    const report = JSON.parse(await readFile(path.join(workDir, 'ingest-report.json'), 'utf8')) as IngestReport;
    expect(report.documents.map((document) => document.docId)).toContain('003_808edde6372417f9');
    expect(report.documents.find((document) => document.docId.startsWith('003'))!.dropped.some((line) => line.reason === 'sidebar headline')).toBe(true);

    const second = await ingest();
    expect(second).toMatchObject({ documents: 5, written: 0, unchanged: 5, rebuilt: false });
    expect(await passageRows()).toEqual({ total: first.passages, distinctIds: first.passages });
  });

  it('never cleans an unchanged file again: not read when size and mtime match, not cleaned when its raw bytes hash the same', async () => {
    const first = await ingest();
    expect(first.cleaned).toBe(5);
    const untouched = await ingest();
    expect(untouched).toMatchObject({ cleaned: 0, written: 0, unchanged: 5, documents: 5, passages: first.passages, droppedLines: first.droppedLines });

    // Touched, same bytes: read and hashed, but not cleaned.
    const touched = path.join(sourceDir, '000_cf95bdbf7017c740.txt');
    await utimes(touched, new Date(), new Date(Date.now() + 5_000));
    expect(await ingest()).toMatchObject({ cleaned: 0, written: 0, unchanged: 5 });

    // Edited: cleaned and written again.
    await appendFile(touched, '\n補充段落：這是一段新加入的測試文字。\n');
    expect(await ingest()).toMatchObject({ cleaned: 1, written: 1, unchanged: 4 });
  });

  it('prepares files on worker threads exactly as on the calling thread', async () => {
    const inline = await ingest(null, { workers: 0 });
    const inlineReport = await readFile(path.join(workDir, 'ingest-report.json'), 'utf8');
    const threaded = await ingest(null, { workers: 2, rebuild: true });
    expect(threaded).toMatchObject({ documents: inline.documents, passages: inline.passages, cleaned: 5, written: 5 });
    const threadedReport = await readFile(path.join(workDir, 'ingest-report.json'), 'utf8');
    expect(JSON.parse(threadedReport).documents).toEqual(JSON.parse(inlineReport).documents);
    const hits = await retrieve({ store, embedder: null }, '韩国计划扩充多少个高性能GPU');
    expect(hits.passages[0]!.passage.text).toContain('1.8萬個高性能GPU');
  });

  it('replaces a changed document, deletes a removed one, and never duplicates passages', async () => {
    const first = await ingest();
    await appendFile(path.join(sourceDir, '004_b31bb813d23850f5.txt'), '\n補充段落：這是一段新加入的測試文字，提到光子晶片的未來。\n');
    await appendFile(path.join(sourceDir, '003_808edde6372417f9.txt'), '\n补充段落：这是一段新加入的测试文字，提到量子芯片。\n');
    await unlink(path.join(sourceDir, '001_d38a6fc719d6b211.txt'));
    const second = await ingest();
    expect(second).toMatchObject({ documents: 4, written: 2, unchanged: 2, deleted: 1 });
    const updated = await retrieve({ store, embedder: null }, '量子芯片');
    expect(updated.passages[0]!.passage.text).toContain('量子芯片');
    expect(await store.getDocument('001_d38a6fc719d6b211')).toBeUndefined();
    const changed = await store.getDocument('004_b31bb813d23850f5');
    expect(changed!.paragraphs.at(-1)!.text).toContain('光子晶片的未來');
    const rows = await passageRows();
    expect(rows.total).toBe(rows.distinctIds);
    expect(rows.total).toBe(second.passages);
    expect(rows.total).toBeLessThan(first.passages);
    const hits = await retrieve({ store, embedder: null }, 'SoftBank OpenAI $500 million');
    expect(hits.passages.filter((hit) => hit.passage.docId === '001_d38a6fc719d6b211')).toEqual([]);
  });

  it('skips unreadable, empty, binary and non-UTF-8 files with a reason and keeps the rest', async () => {
    await writeFile(path.join(sourceDir, 'empty.txt'), '');
    await writeFile(path.join(sourceDir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]));
    await writeFile(path.join(sourceDir, 'latin1.txt'), Buffer.from('caf\xe9 cr\xe8me', 'latin1'));
    await symlink(path.join(workDir, 'missing-target.txt'), path.join(sourceDir, 'broken.txt'));
    await writeFile(path.join(sourceDir, 'notes.pdf'), 'ignored: not a source extension');
    const summary = await ingest();
    expect(summary.documents).toBe(5);
    expect(summary.skipped.map((file) => [path.basename(file.sourcePath), file.reason.split(/[:(]/)[0]!.trim()])).toEqual([
      ['binary.txt', 'binary file'],
      ['broken.txt', 'unreadable'],
      ['empty.txt', 'empty file'],
      ['latin1.txt', 'not valid UTF-8'],
    ]);
  });

  it('completes a run that crashed halfway without duplicates', async () => {
    let writes = 0;
    const crashingStore: LanceStore = {
      ...store,
      async writeDocuments(batch) {
        if (++writes === 3) throw new Error('simulated crash');
        return store.writeDocuments(batch);
      },
    };
    // A batch of one passage: every document is its own commit, so the crash lands mid-run.
    await expect(ingest(null, { store: crashingStore, batchSize: 1 })).rejects.toThrow('simulated crash');
    const resumed = await ingest();
    expect(resumed.written).toBe(3);
    expect(resumed.unchanged).toBe(2);
    const rows = await passageRows();
    expect(rows).toEqual({ total: resumed.passages, distinctIds: resumed.passages });
  });

  it('re-embeds everything when the embedding model changes, and records the model with the table', async () => {
    const small = createHashEmbedder(8);
    await ingest(small);
    expect((await store.stats()).embedding).toEqual({ modelId: 'test/hash-8', dimension: 8 });
    const unchanged = await ingest(small);
    expect(unchanged.written).toBe(0);
    const large = createHashEmbedder(12);
    const switched = await ingest(large);
    expect(switched).toMatchObject({ rebuilt: true, written: 5 });
    expect((await store.stats()).embedding).toEqual({ modelId: 'test/hash-12', dimension: 12 });
    const hits = await store.vectorSearch(await large.embedQuery('SoftBank OpenAI'), { limit: 3, filter: {} });
    expect(hits).toHaveLength(3);
  });

  it('runs hybrid retrieval when vectors exist: keyword and vector rankings are fused', async () => {
    const embedder = createHashEmbedder(32);
    await ingest(embedder);
    const result = await retrieve({ store, embedder }, 'How much did SoftBank invest in OpenAI?');
    expect(result.mode).toBe('hybrid');
    expect(result.passages.slice(0, 3).some((hit) => hit.passage.text.includes('$500 million'))).toBe(true);
    expect(result.passages.some((hit) => hit.vectorRank !== undefined && hit.keywordRank !== undefined)).toBe(true);
  });

  it('embeds through the real transformers.js path with a tiny generated model', async () => {
    const modelsDir = path.join(workDir, 'models');
    const modelId = await createTinyModel(modelsDir);
    const embedder = await createTransformersEmbedder({ modelId, dtype: 'q8', modelsDir, allowRemote: false });
    const summary = await ingest(embedder);
    expect(summary.embedder).toBe(`${modelId} (8-d)`);
    expect((await store.stats()).embedding).toEqual({ modelId, dimension: 8 });
    const hits = await store.vectorSearch(await embedder.embedQuery('city council budget'), { limit: 5, filter: {} });
    expect(hits).toHaveLength(5);
    expect(hits[0]!.score).toBeGreaterThan(-1);
    await embedder.dispose();
  });

  it('falls back to a keyword-only index with one warning when the model cannot be had', async () => {
    const warnings: string[] = [];
    const choice = await createEmbedder(
      { embeddings: 'local', modelsDir: path.join(workDir, 'no-models'), allowRemoteModels: false },
      { warn: (message) => warnings.push(message) },
    );
    expect(choice.embedder).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/models:pull/);
    const summary = await ingest(choice.embedder);
    expect(summary.embedder).toBe('none (keyword-only)');
    const result = await retrieve({ store, embedder: null }, '韩国计划扩充多少个高性能GPU');
    expect(result.mode).toBe('keyword');
    expect(result.passages[0]!.passage.text).toContain('1.8萬個高性能GPU');
  });
});

describe('ingest of oversize paragraphs', () => {
  // The fault suite repeats this with 2 MB; before the fix 200 KB ran for over a minute.
  it('ingests a 400 KB file with no blank line in seconds, as bounded paragraphs', async () => {
    const { makeLongParagraph } = await import('./support/make-long-paragraph.js');
    await writeFile(path.join(sourceDir, 'long.txt'), makeLongParagraph(400_000));
    const started = performance.now();
    const summary = await ingest();
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(summary.skipped).toEqual([]);
    const document = (await store.getDocument('long'))!;
    expect(document.paragraphs.length).toBeGreaterThan(15);
    for (const paragraph of document.paragraphs) expect(paragraph.text.length).toBeLessThanOrEqual(20_000);
  }, 60_000);

  it('skips a file over the processing budget with a reason, and ingests the rest', async () => {
    const { makeLongParagraph } = await import('./support/make-long-paragraph.js');
    await ingest(); // warms up OpenCC's dictionaries, which the first file would pay for
    await writeFile(path.join(sourceDir, 'long.txt'), makeLongParagraph(1_000_000, { wrapped: true }));
    await appendFile(path.join(sourceDir, '001_d38a6fc719d6b211.txt'), '\n\nA paragraph added later.\n');
    const summary = await ingest(null, { fileBudgetMs: 100 });
    expect(summary.skipped).toEqual([{ sourcePath: path.join(sourceDir, 'long.txt'), reason: expect.stringMatching(/^over the processing budget: .* > 0\.1 s/) }]);
    expect(summary).toMatchObject({ documents: 5, written: 1 });
    expect(await store.getDocument('long')).toBeUndefined();
  }, 60_000);
});
