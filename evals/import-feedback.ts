import '../src/adapters/drop-empty-environment.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FeedbackRecord } from '../src/ports.js';
import { feedbackFilePath, rotatedFeedbackFilePath } from '../src/adapters/jsonl-feedback-store.js';
import { parseConfig } from '../src/config.js';
import { feedbackToCandidates } from './feedback-to-candidates.js';
import { parseQuestions, serializeQuestions } from './parse-questions.js';

const usage = `Usage: npm run eval:import-feedback -- [--file <feedback.jsonl>] [--out <candidates.jsonl>]

Reads the feedback log (default: DATA_DIR/feedback.jsonl and its rotated files
feedback.jsonl.N … .1, oldest first) and writes candidate eval questions
(default: evals/feedback-candidates.jsonl) for review. Move reviewed lines into evals/questions.jsonl.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) return console.log(usage);
  const config = parseConfig(process.env);
  const feedbackPath = path.resolve(values.file ?? feedbackFilePath(config.DATA_DIR));
  const outPath = path.resolve(values.out ?? 'evals/feedback-candidates.jsonl');
  let text: string;
  try {
    text = await readFile(feedbackPath, 'utf8');
  } catch (error) {
    throw new Error(`No feedback log at ${feedbackPath} (${(error as NodeJS.ErrnoException).code}). Feedback is written there by the widget and the Slack bot.`);
  }
  // Rotated files hold the older records; with --file only that file is read.
  const logs: { name: string; text: string }[] = [];
  for (let n = 100; n >= 1 && !values.file; n -= 1) {
    const rotatedPath = rotatedFeedbackFilePath(feedbackPath, n);
    const rotated = await readFile(rotatedPath, 'utf8').catch(() => undefined);
    if (rotated !== undefined) logs.push({ name: path.basename(rotatedPath), text: rotated });
  }
  logs.push({ name: path.basename(feedbackPath), text });
  const records: FeedbackRecord[] = [];
  const unreadable: string[] = [];
  for (const log of logs) {
    log.text.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      try {
        records.push(JSON.parse(line) as FeedbackRecord);
      } catch {
        unreadable.push(`${log.name}:${index + 1}`);
      }
    });
  }
  const existing = parseQuestions(await readFile(path.resolve('evals/questions.jsonl'), 'utf8'));
  const candidates = feedbackToCandidates(records, existing);
  await writeFile(outPath, candidates.length ? `${serializeQuestions(candidates)}\n` : '');
  console.log(`${records.length} feedback records → ${candidates.length} candidate questions in ${path.relative(process.cwd(), outPath)}`);
  if (unreadable.length) console.log(`Skipped unreadable lines: ${unreadable.join(', ')}`);
  console.log('Each candidate is marked REVIEW in its notes: check it, add key facts, then move it into evals/questions.jsonl.');
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
