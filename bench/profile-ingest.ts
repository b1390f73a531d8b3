// Keyword-only ingest of one corpus shape, once, for profiling:
//   node --cpu-prof --cpu-prof-dir bench/out/profile --import tsx bench/profile-ingest.ts [--shape short|long] [--documents N] [--rerun]
// Prints the ingest time and throughput; with --rerun, a second run over the unchanged folder too.
process.env.LANCEDB_LOG ??= 'error';
const { parseArgs } = await import('node:util');
const { mkdtemp, rm } = await import('node:fs/promises');
const { tmpdir } = await import('node:os');
const path = await import('node:path');
const { openLanceStore } = await import('../src/adapters/lancedb-store.js');
const { runIngest } = await import('../src/ingest/run-ingest.js');
const { readSeedFiles, readSeedSentences } = await import('./read-seed-sentences.js');
const { writeShortDocuments } = await import('./write-short-documents.js');
const { writeSyntheticSources } = await import('./write-synthetic-sources.js');

const { values } = parseArgs({ options: { shape: { type: 'string', default: 'short' }, documents: { type: 'string' }, rerun: { type: 'boolean', default: false } } });
const workDir = await mkdtemp(path.join(tmpdir(), 'profile-ingest-'));
try {
  const sourceDir = path.join(workDir, 'sources');
  const documents = Number(values.documents ?? (values.shape === 'short' ? 10_000 : 200));
  if (values.shape === 'short') await writeShortDocuments(sourceDir, await readSeedSentences(), documents);
  else await writeSyntheticSources(sourceDir, await readSeedFiles(), documents);
  const store = await openLanceStore(path.join(workDir, 'index'));
  for (const label of values.rerun ? ['first run', 'no-change re-run'] : ['first run']) {
    const started = performance.now();
    const summary = await runIngest({ sourceDir, store, embedder: null, reportPath: path.join(workDir, 'ingest-report.json') });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${values.shape} shape, ${label}: ${summary.documents} documents, ${summary.passages} passages, ${summary.written} written, ${seconds.toFixed(2)} s, ${Math.round(summary.passages / seconds)} passages/s`);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
