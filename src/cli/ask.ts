import '../adapters/drop-empty-environment.js';
import { parseArgs } from 'node:util';
import { isAppError } from '../core/app-error.js';
import { parseConfig } from '../config.js';
import { createNodeDeps } from '../create-node-deps.js';
import { streamAnswer } from '../engine/answer-question.js';

const usage = `Usage: npm run ask -- "question"`;

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error(usage);
    process.exit(2);
  }
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await createNodeDeps(config, { ingest: true });
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  for await (const event of streamAnswer(deps.answer, { question, baseUrl: deps.publicBaseUrl, signal: controller.signal })) {
    if (event.type === 'text-delta') process.stdout.write(event.delta);
    if (event.type === 'error') process.stdout.write(`\n[${event.message}]`);
    if (event.type === 'finish') {
      const { answer } = event;
      process.stdout.write('\n\n');
      if (answer.citations.length) console.log('Sources:');
      for (const citation of answer.citations) {
        console.log(`  [${citation.n}] ${citation.title} — ${citation.url}`);
        console.log(`      “${citation.quote}”`);
      }
      console.log(`\n(${answer.mode} mode, ${answer.retrieval.mode} retrieval, prompt ${answer.promptVersion}${answer.fallbackReason ? `, fell back: ${answer.fallbackReason}` : ''})`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
