// Resolves every gold anchor in evals/questions.jsonl against the cleaned seed documents and
// writes the paragraph numbers back. `--check` writes nothing and exits 1 if the file is stale.
//
//   npx tsx evals/fill-gold.ts [--check] [--seeds seeds] [--questions evals/questions.jsonl]
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanDocument } from '../src/core/clean/clean-document.js';
import { parseQuestions, serializeQuestions } from './parse-questions.js';
import { fillGold, type DocumentParagraphs } from './resolve-gold.js';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    seeds: { type: 'string', default: 'seeds' },
    questions: { type: 'string', default: 'evals/questions.jsonl' },
  },
});
const seedsDirectory = values.seeds;
const questionsPath = values.questions;

const documents: DocumentParagraphs = new Map();
for (const fileName of (await readdir(seedsDirectory)).filter((name) => name.endsWith('.txt')).sort()) {
  const raw = await readFile(path.join(seedsDirectory, fileName), 'utf8');
  const cleaned = cleanDocument(raw, { fileName });
  documents.set(path.basename(fileName, '.txt'), { paragraphs: cleaned.paragraphs });
}

const original = await readFile(questionsPath, 'utf8');
const { questions, changes, problems } = fillGold(parseQuestions(original), documents);
const updated = serializeQuestions(questions);

for (const change of changes) console.log(`changed  ${change}`);
for (const problem of problems) console.error(`problem  ${problem}`);

if (values.check) {
  if (updated !== original) console.error(`${questionsPath} is stale: run npx tsx evals/fill-gold.ts`);
  process.exitCode = updated === original && problems.length === 0 ? 0 : 1;
} else {
  if (updated !== original) await writeFile(questionsPath, updated);
  console.log(`${questions.length} questions, ${changes.length} gold changes, ${problems.length} problems`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
