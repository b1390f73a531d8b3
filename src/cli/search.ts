import '../adapters/drop-empty-environment.js';
import { parseArgs } from 'node:util';
import { isAppError } from '../core/app-error.js';
import { parseConfig } from '../config.js';
import { createNodeDeps } from '../create-node-deps.js';
import { retrieve } from '../engine/retrieve.js';
import type { PassageKind } from '../core/types.js';

const usage = `Usage: npm run search -- "question" [--json] [--top-k N] [--doc <docId>] [--comments]`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'top-k': { type: 'string' },
      doc: { type: 'string', multiple: true },
      comments: { type: 'boolean', default: false },
    },
  });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error(usage);
    process.exit(2);
  }
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const topK = values['top-k'] === undefined ? config.TOP_K : Number(values['top-k']);
  if (!Number.isInteger(topK) || topK < 1 || topK > 50) {
    console.error(`--top-k must be a whole number from 1 to 50, not "${values['top-k']}"`);
    process.exit(2);
  }
  const deps = await createNodeDeps(config, { ingest: true });
  const kinds: PassageKind[] = values.comments ? ['body', 'comment'] : ['body'];
  const result = await retrieve(deps.answer, question, {
    topK,
    filter: { docIds: values.doc, kinds },
    scoreFloor: config.SCORE_FLOOR,
    vectorScoreFloor: config.VECTOR_SCORE_FLOOR,
  });
  if (values.json) {
    console.log(JSON.stringify({
      question,
      mode: result.mode,
      ms: result.ms,
      passages: result.passages.map((hit) => ({
        docId: hit.passage.docId, paragraph: hit.passage.paragraph, chunk: hit.passage.chunk,
        score: hit.score, relevance: hit.relevance, title: hit.passage.title, text: hit.passage.text,
      })),
    }, null, 2));
    return;
  }
  console.log(`${result.passages.length} passages (${result.mode} retrieval, ${result.ms.toFixed(1)} ms)\n`);
  result.passages.forEach((hit, index) => {
    console.log(`${index + 1}. ${hit.passage.docId} p-${hit.passage.paragraph}${hit.passage.chunk ? `.${hit.passage.chunk}` : ''}  score ${hit.score.toFixed(4)}  relevance ${hit.relevance.toFixed(2)}  — ${hit.passage.title}`);
    console.log(`   ${hit.passage.text.slice(0, 300)}${hit.passage.text.length > 300 ? '…' : ''}\n`);
  });
  if (result.passages.length === 0) console.log('Nothing in the sources is relevant enough: the assistant would refuse.');
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
