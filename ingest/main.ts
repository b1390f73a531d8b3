import '../src/adapters/drop-empty-environment.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createEmbedder } from '../src/adapters/create-embedder.js';
import { openLanceStore } from '../src/adapters/lancedb-store.js';
import { isAppError } from '../src/core/app-error.js';
import { parseConfig } from '../src/config.js';
import { embedderConfigFrom, indexDirectory, ingestReportPath, sourceReadOptionsFrom } from '../src/create-node-deps.js';
import type { IngestReport } from '../src/ingest/run-ingest.js';
import { runIngest } from '../src/ingest/run-ingest.js';
import { runPublishCommand } from './publish-cloudflare.js';
import { readFile } from 'node:fs/promises';

const usage = `Usage: npm run ingest -- [--dir <folder>] [--rebuild] [--print-dropped] [--target lancedb|cloudflare]

  --dir <folder>     source folder of .txt, .md and .html files (default: SEEDS_DIR or ./seeds)
  --target <where>   lancedb (default): the local index; cloudflare: publish to D1 + Vectorize
                     through Cloudflare's REST API (see docs-workers.md)
  --rebuild          drop the index and ingest everything again
  --print-dropped    print every line that cleaning dropped, with its reason
  --help             show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      'print-dropped': { type: 'boolean', default: false },
      target: { type: 'string', default: 'lancedb' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const config = parseConfig(process.env);
  const sourceDir = path.resolve(values.dir ?? config.SEEDS_DIR);
  if (values.target === 'cloudflare') {
    await runPublishCommand({ sourceDir, rebuild: values.rebuild, keywordOnly: config.EMBEDDINGS === 'none', environment: process.env, print: console.log });
    return;
  }
  if (values.target !== 'lancedb') throw new Error(`--target must be lancedb or cloudflare, not "${values.target}"`);
  const { embedder, reason } = await createEmbedder(
    embedderConfigFrom(config),
    { warn: (message) => console.warn(`Warning: ${message}`) },
  );
  console.log(`Embeddings: ${reason}`);
  const store = await openLanceStore(indexDirectory(config));
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar({ format: 'Ingesting [{bar}] {value}/{total} documents  {docId}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let started = false;
  const summary = await runIngest({
    sourceDir,
    store,
    embedder,
    rebuild: values.rebuild,
    reportPath: ingestReportPath(config),
    read: sourceReadOptionsFrom(config),
    onProgress: ({ done, total, docId }) => {
      if (!bar) return;
      if (!started) bar.start(total, 0, { docId });
      started = true;
      bar.update(done, { docId });
    },
  });
  bar?.stop();

  console.log(`Documents: ${summary.documents} (${summary.written} written, ${summary.unchanged} unchanged, ${summary.deleted} removed)${summary.rebuilt ? ' — index rebuilt' : ''}`);
  console.log(`Passages: ${summary.passages}`);
  console.log(`Dropped lines: ${summary.droppedLines} (see ${path.relative(process.cwd(), ingestReportPath(config))})`);
  console.log(`Skipped files: ${summary.skipped.length}`);
  for (const skipped of summary.skipped) console.log(`  - ${skipped.sourcePath}: ${skipped.reason}`);
  console.log(`Embedder: ${summary.embedder}`);
  console.log(`Time: ${(summary.ms / 1000).toFixed(2)} s`);

  if (values['print-dropped']) {
    const report = JSON.parse(await readFile(ingestReportPath(config), 'utf8')) as IngestReport;
    for (const document of report.documents) {
      if (document.dropped.length === 0) continue;
      console.log(`\n${document.docId} (${document.dropped.length} dropped lines)`);
      for (const line of document.dropped) console.log(`  ${String(line.line).padStart(4)}  [${line.reason}]  ${line.text.slice(0, 100)}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
