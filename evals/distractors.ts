import type { DocumentParagraphs } from './resolve-gold.js';
import type { ParagraphRef } from './types.js';

/** A near-duplicate of a gold paragraph, written into an extra source document. */
export interface DistractorParagraph {
  source: ParagraphRef;
  variant: 'numbers' | 'names';
  text: string;
}

/** Every distractor document's file name, and so its docId, starts with this; it sorts after the seeds. */
export const distractorPrefix = '900_distractors_';

export interface DistractorDocument {
  /** A source file name that sorts after the seeds, e.g. `900_distractors_001_d38a6fc719d6b211.txt`. */
  fileName: string;
  text: string;
  paragraphs: DistractorParagraph[];
}

// Longest spellings first, so that `NVIDIA's` is not half-swapped by a shorter entry.
const nameSwaps: [RegExp, string][] = (
  [
    ['SoftBank', 'Rakuten'],
    ['Masayoshi Son', 'Hiroshi Mikitani'],
    ['Jensen Huang', 'Lisa Su'],
    ['NVIDIA', 'Intel'],
    ['Nvidia', 'Intel'],
    ['OpenAI', 'Anthropic'],
    ['Rapidus', 'Kioxia'],
    ['Lasertec', 'Advantest'],
    ['Ishiba', 'Kishida'],
    ['Japanese', 'Korean'],
    ['Japan', 'Korea'],
    ['韓國', '泰國'],
    ['韩国', '泰国'],
    ['印度', '越南'],
    ['沙特', '阿聯酋'],
    ['英偉達', '超微'],
    ['英伟达', '超微'],
    ['輝達', '超微'],
    ['辉达', '超微'],
    ['黃仁勳', '蘇姿豐'],
    ['黄仁勋', '苏姿丰'],
    ['軟銀', '樂天'],
    ['软银', '乐天'],
    ['日本', '新加坡'],
    ['華為', '中興'],
    ['华为', '中兴'],
  ] as const
).map(([name, swap]) => [new RegExp(/^[A-Za-z]/u.test(name) ? `\\b${name}\\b` : name, 'gu'), swap]);

/** 2024 → 2025 for years; otherwise the leading digit moves up by two (500 → 700, 1.8 → 3.8, 9 → 2). */
function changeNumber(number: string): string {
  if (/^(?:19|20)\d\d$/u.test(number)) return String(Number(number) + 1);
  const first = number.search(/[1-9]/u);
  if (first < 0) return number.replace(/0/u, '5');
  const digit = Number(number[first]);
  return `${number.slice(0, first)}${((digit + 1) % 9) + 1}${number.slice(first + 1)}`;
}

/** The paragraph with every number changed; unchanged text when it holds no number. */
export function changeNumbers(text: string): string {
  return text.replace(/\d+(?:[.,]\d+)*/gu, (number) => changeNumber(number));
}

/** The paragraph with known company, person and country names swapped for others. */
export function swapNames(text: string): string {
  return nameSwaps.reduce((swapped, [pattern, replacement]) => swapped.replace(pattern, replacement), text);
}

/**
 * Builds near-duplicate distractors for the gold paragraphs: each one once with its numbers
 * changed and once with its names swapped (when it has any), grouped into one extra document
 * per source document. Deterministic: the same gold gives the same files.
 */
export function buildDistractors(gold: ParagraphRef[], documents: DocumentParagraphs, titles: Map<string, string>): DistractorDocument[] {
  const unique = [...new Map(gold.map((ref) => [`${ref.docId}#${ref.paragraph}`, ref])).values()].sort(
    (left, right) => left.docId.localeCompare(right.docId) || left.paragraph - right.paragraph,
  );
  const byDocument = new Map<string, DistractorParagraph[]>();
  for (const ref of unique) {
    const original = documents.get(ref.docId)?.paragraphs.find((paragraph) => paragraph.n === ref.paragraph)?.text;
    if (!original) continue;
    const variants: DistractorParagraph[] = [
      { source: ref, variant: 'numbers', text: changeNumbers(original) },
      { source: ref, variant: 'names', text: swapNames(original) },
    ];
    const list = byDocument.get(ref.docId) ?? [];
    list.push(...variants.filter((variant) => variant.text !== original));
    byDocument.set(ref.docId, list);
  }
  return [...byDocument]
    .filter(([, paragraphs]) => paragraphs.length > 0)
    .map(([docId, paragraphs]) => ({
      fileName: `${distractorPrefix}${docId}.txt`,
      // Same title as the source: a syndicated copy with changed facts is the realistic trap.
      text: `${titles.get(docId) ?? docId}\n\n${paragraphs.map((paragraph) => paragraph.text).join('\n\n')}\n`,
      paragraphs,
    }));
}
