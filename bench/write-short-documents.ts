import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRandom, pickOne } from './create-random.js';
import type { SeedSentence } from './read-seed-sentences.js';

/** Files written at once: enough to keep the disk busy, few enough to bound open handles. */
const writeConcurrency = 64;

/**
 * The text of short document `index`: a title line, then 2–3 paragraphs of 2–4 sentences
 * recombined from one language's seed sentences (languages in turn: en, zh-Hans, zh-Hant), the
 * shape of a help centre, wiki or news archive. Deterministic per index, so a corpus grown in
 * stages equals one written in a single go.
 */
export function buildShortDocument(byLanguage: ReadonlyMap<string, readonly SeedSentence[]>, index: number): string {
  const languages = [...byLanguage.keys()].sort();
  const random = createRandom(7_919 * (index + 1));
  const pool = byLanguage.get(languages[index % languages.length]!)!;
  const latin = pool[0]!.language === 'en';
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 2) }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => pickOne(random, pool).text).join(latin ? ' ' : ''));
  const title = `${pickOne(random, pool).title.slice(0, 50)} ${index}`;
  return `${title}\n\n${paragraphs.join('\n\n')}\n`;
}

export function groupByLanguage(sentences: readonly SeedSentence[]): Map<string, SeedSentence[]> {
  const byLanguage = new Map<string, SeedSentence[]>();
  for (const sentence of sentences) byLanguage.set(sentence.language, [...(byLanguage.get(sentence.language) ?? []), sentence]);
  return byLanguage;
}

/**
 * Writes short documents `first … first + count - 1` (see buildShortDocument) into `directory`
 * as `short-000123.txt`. Returns the folder.
 */
export async function writeShortDocuments(directory: string, sentences: readonly SeedSentence[], count: number, first = 0): Promise<string> {
  await mkdir(directory, { recursive: true });
  const byLanguage = groupByLanguage(sentences);
  let next = first;
  const end = first + count;
  async function writeNext(): Promise<void> {
    while (next < end) {
      const index = next++;
      await writeFile(path.join(directory, `short-${String(index).padStart(7, '0')}.txt`), buildShortDocument(byLanguage, index));
    }
  }
  await Promise.all(Array.from({ length: writeConcurrency }, writeNext));
  return directory;
}
