import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CleanedDocument, Language } from '../src/core/types.js';
import { parseQuestions, serializeQuestions } from './parse-questions.js';
import { resolveGold, type DocumentParagraphs } from './resolve-gold.js';
import { languages, questionTypes } from './types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const questions = parseQuestions(readFileSync(path.join(root, 'evals/questions.jsonl'), 'utf8'));
const seedFiles = readdirSync(path.join(root, 'seeds')).filter((name) => name.endsWith('.txt')).sort();
const rawSeeds = new Map(seedFiles.map((name) => [path.basename(name, '.txt'), readFileSync(path.join(root, 'seeds', name), 'utf8')]));

const documentLanguages: Record<string, Language> = {
  '000_cf95bdbf7017c740': 'zh-Hant',
  '001_d38a6fc719d6b211': 'en',
  '002_f81bc478674c16c2': 'zh-Hant',
  '003_808edde6372417f9': 'zh-Hans',
  '004_b31bb813d23850f5': 'zh-Hant',
};

// Until the cleaner lands: raw lines with pinyin annotations such as `(guó)` removed. Matching
// inside one raw line guarantees that an anchor does not straddle a hard wrap.
const pinyinAnnotation = /\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]+)\)/gu;

describe('questions.jsonl', () => {
  it('holds enough questions of every type and language', () => {
    expect(questions.length).toBeGreaterThanOrEqual(72);
    for (const type of questionTypes) {
      expect(questions.filter((question) => question.type === type).length, type).toBeGreaterThanOrEqual(8);
    }
    for (const language of languages) {
      const sameLanguage = questions.filter((question) => question.type === 'same-language' && question.language === language);
      expect(sameLanguage.length, language).toBeGreaterThanOrEqual(8);
    }
  });

  it('is stored in the canonical form that fill-gold writes', () => {
    expect(serializeQuestions(questions)).toBe(readFileSync(path.join(root, 'evals/questions.jsonl'), 'utf8'));
  });

  it('names only seed documents', () => {
    expect(Object.keys(documentLanguages).sort()).toEqual([...rawSeeds.keys()]);
  });

  it.each(questions.filter((question) => question.answerable).map((question) => [question.id, question] as const))(
    '%s: anchors sit verbatim inside one line of the seed, with a consistent type',
    (_id, question) => {
      for (const gold of question.gold) {
        const lines = (rawSeeds.get(gold.docId) ?? '').replace(pinyinAnnotation, '').split('\n');
        const hits = new Set(lines.filter((line) => line.includes(gold.anchor)));
        expect(hits.size, `${gold.docId}#${gold.anchor}`).toBe(1);

        const documentLanguage = documentLanguages[gold.docId];
        const expectedRelation = {
          'same-language': 'same',
          'cross-script': 'script',
          'cross-lingual': 'lingual',
        }[question.type as string];
        const relation =
          documentLanguage === question.language
            ? 'same'
            : documentLanguage === 'en' || question.language === 'en'
              ? 'lingual'
              : 'script';
        if (expectedRelation) expect(relation, `${question.type} on ${gold.docId}`).toBe(expectedRelation);
      }
    },
  );
});

// Runs once the cleaner exists (it is being written concurrently); the path is a variable so
// that type checking does not depend on it.
const cleanerPath = '../src/core/clean/clean-document.js';
const cleaner = await import(cleanerPath).catch(() => null) as {
  cleanDocument: (raw: string, source: { fileName: string }) => CleanedDocument;
} | null;

describe.skipIf(!cleaner)('questions.jsonl against the real cleaner', () => {
  it('resolves every gold anchor to a body paragraph', () => {
    const documents: DocumentParagraphs = new Map();
    for (const [docId, raw] of rawSeeds) {
      const cleaned = cleaner!.cleanDocument(raw, { fileName: `${docId}.txt` });
      documents.set(docId, { paragraphs: cleaned.paragraphs.filter((paragraph) => paragraph.kind === 'body') });
    }
    const problems = questions.flatMap((question) =>
      resolveGold(question, documents)
        .filter((resolution) => resolution.status !== 'resolved')
        .map((resolution) => `${question.id}: ${JSON.stringify(resolution)}`),
    );
    expect(problems).toEqual([]);
  });
});
