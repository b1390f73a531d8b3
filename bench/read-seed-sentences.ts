import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cleanDocument } from '../src/core/clean/clean-document.js';
import { splitSentences } from '../src/core/split-sentences.js';
import type { Language } from '../src/core/types.js';

export const seedsDir = path.resolve(import.meta.dirname, '../seeds');

export interface SeedSentence {
  text: string;
  language: Language;
  title: string;
  seedId: string;
}

export interface SeedFile {
  fileName: string;
  raw: string;
}

export async function readSeedFiles(directory = seedsDir): Promise<SeedFile[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.txt')).sort();
  return Promise.all(names.map(async (fileName) => ({ fileName, raw: await readFile(path.join(directory, fileName), 'utf8') })));
}

/** Every body sentence of the cleaned seeds, with its document's language and title. */
export async function readSeedSentences(directory = seedsDir): Promise<SeedSentence[]> {
  const sentences: SeedSentence[] = [];
  for (const { fileName, raw } of await readSeedFiles(directory)) {
    const cleaned = cleanDocument(raw, { fileName });
    for (const paragraph of cleaned.paragraphs) {
      if (paragraph.kind !== 'body') continue;
      for (const sentence of splitSentences(paragraph.text)) {
        if (sentence.text.length < 8) continue;
        sentences.push({ text: sentence.text, language: cleaned.metadata.language, title: cleaned.metadata.title, seedId: path.parse(fileName).name });
      }
    }
  }
  return sentences;
}
