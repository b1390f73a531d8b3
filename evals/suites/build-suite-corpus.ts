import type { SquadDataset, SquadQuestion } from './load-squad-dataset.js';

export const suiteNames = ['drcd', 'cmrc', 'squad'] as const;
export type SuiteName = (typeof suiteNames)[number];

export interface CorpusFile {
  docId: string;
  fileName: string;
  text: string;
}

export interface SuiteQuestion extends SquadQuestion {
  suite: SuiteName;
  docId: string;
  /** The dataset paragraph the question was written on, as written into the source file. */
  paragraphText: string;
}

export interface SuiteCorpus {
  files: CorpusFile[];
  questions: Record<SuiteName, SuiteQuestion[]>;
}

/**
 * A paragraph as it is written into a source file, on one line: a line break inside a context
 * could make the cleaner split it, so a break between Han characters is dropped (as the cleaner
 * joins CJK lines) and any other becomes a space.
 */
function toSourceParagraph(context: string): string {
  return context
    .trim()
    .replace(/(?<=\p{Script=Han})[^\S\n]*\n\s*(?=\p{Script=Han})/gu, '')
    .replace(/\s*\n\s*/gu, ' ');
}

/**
 * Lays the articles of every set out as source files for ingest, one mixed corpus: each article
 * a `.txt` file (`<suite>-<article number>.txt`, its title on the first line), each dataset
 * paragraph a paragraph separated by a blank line. Each question remembers its document and the
 * text of its paragraph, so its gold paragraph can be found after cleaning by text, not by number.
 */
export function buildSuiteCorpus(sets: Partial<Record<SuiteName, SquadDataset>>): SuiteCorpus {
  const files: CorpusFile[] = [];
  const questions = { drcd: [], cmrc: [], squad: [] } as Record<SuiteName, SuiteQuestion[]>;
  for (const suite of suiteNames) {
    const dataset = sets[suite];
    if (!dataset) continue;
    const width = String(dataset.articles.length).length;
    const docIds = dataset.articles.map((_, index) => `${suite}-${String(index + 1).padStart(width, '0')}`);
    dataset.articles.forEach((article, index) => {
      const title = article.title.replace(/\s+/gu, ' ').trim();
      files.push({
        docId: docIds[index]!,
        fileName: `${docIds[index]}.txt`,
        text: `${title}\n\n${article.paragraphs.map(toSourceParagraph).join('\n\n')}\n`,
      });
    });
    questions[suite] = dataset.questions.map((question) => ({
      ...question,
      suite,
      docId: docIds[question.articleIndex]!,
      paragraphText: toSourceParagraph(dataset.articles[question.articleIndex]!.paragraphs[question.paragraphIndex]!),
    }));
  }
  return { files, questions };
}

/** A paragraph's text with all whitespace removed: cleaning reflows lines, so only the characters are compared. */
export function paragraphKey(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '');
}

function characterBigrams(key: string): Map<string, number> {
  const counts = new Map<string, number>();
  const characters = [...key];
  for (let index = 0; index + 1 < characters.length; index++) {
    const bigram = characters[index]! + characters[index + 1]!;
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return counts;
}

/** Dice similarity of two texts' character bigram multisets, in [0, 1]. */
function bigramSimilarity(left: string, right: string): number {
  const leftBigrams = characterBigrams(left);
  const rightBigrams = characterBigrams(right);
  let shared = 0;
  let total = 0;
  for (const [bigram, count] of leftBigrams) {
    shared += Math.min(count, rightBigrams.get(bigram) ?? 0);
    total += count;
  }
  for (const count of rightBigrams.values()) total += count;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** How alike a stored paragraph must be to a dataset paragraph when neither holds the other. */
const minimumSimilarity = 0.8;

/**
 * Finds the stored paragraphs of a document that hold a dataset paragraph: those whose text
 * equals it after whitespace removal; else those contained in it or containing it (a paragraph
 * the cleaner split or merged); else the one most alike by character bigrams, if at least 0.8
 * alike (the cleaner strips markup such as `<ref>` and `<nowiki>`). Returns their numbers;
 * empty when cleaning dropped it.
 */
export function matchGoldParagraphs(paragraphText: string, stored: ReadonlyArray<{ n: number; text: string }>): number[] {
  const key = paragraphKey(paragraphText);
  const keyed = stored.map((paragraph) => ({ n: paragraph.n, key: paragraphKey(paragraph.text) }));
  const exact = keyed.filter((paragraph) => paragraph.key === key);
  if (exact.length > 0) return exact.map((paragraph) => paragraph.n);
  const overlapping = keyed.filter((paragraph) => paragraph.key.length >= 20 && (key.includes(paragraph.key) || paragraph.key.includes(key)));
  if (overlapping.length > 0) return overlapping.map((paragraph) => paragraph.n);
  let best: { n: number; similarity: number } | undefined;
  for (const paragraph of keyed) {
    const similarity = bigramSimilarity(key, paragraph.key);
    if (similarity >= minimumSimilarity && similarity > (best?.similarity ?? 0)) best = { n: paragraph.n, similarity };
  }
  return best ? [best.n] : [];
}
