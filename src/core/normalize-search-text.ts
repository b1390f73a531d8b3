import { toSimplified } from './chinese-script.js';
import { segmentInWindows } from './segment-in-windows.js';

const hanRun = /\p{Script=Han}+/gu;
const isHan = /\p{Script=Han}/u;
let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Normalises text into the whitespace-separated token string that keyword search indexes:
 * NFKC, lower case, Traditional → Simplified, then words from `Intl.Segmenter` plus
 * character bigrams (and lone characters) of every Han run, so that a segmentation
 * difference between question and passage still matches.
 * Pure and deterministic; the same function serves passages and questions. Linear in the
 * text's length: `Intl.Segmenter` is superlinear (55 s for 200 KB), so it runs over windows of
 * at most 2,000 characters cut at whitespace or punctuation, where a word never spans the cut.
 *
 * @example normalizeSearchText('韓國 GPU') // → '韩国 gpu' plus bigram '韩国'
 */
export function normalizeSearchText(text: string): string {
  const normalized = toSimplified(text.normalize('NFKC').toLowerCase());
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const tokens: string[] = [];
  for (const window of segmentInWindows(normalized)) {
    for (const segment of wordSegmenter.segment(normalized.slice(window.start, window.end))) {
      if (!segment.isWordLike) continue;
      // A Han word of one character is covered by the unigrams below.
      if (isHan.test(segment.segment) && segment.segment.length < 2) continue;
      tokens.push(segment.segment);
    }
  }
  for (const match of normalized.matchAll(hanRun)) {
    const run = match[0];
    if (run.length === 1) tokens.push(run);
    for (let index = 0; index + 1 < run.length; index++) tokens.push(run.slice(index, index + 2));
  }
  return tokens.join(' ');
}

/** The distinct tokens of a normalised search text. */
export function searchTokens(searchText: string): string[] {
  return [...new Set(searchText.split(' ').filter(Boolean))];
}
