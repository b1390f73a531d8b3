import { foldToSimplified } from './fold-to-simplified.js';

/**
 * Bumped whenever normalizeSearchText's tokens change for some text: stored search text is then
 * stale, so ingest writes every document again (see src/ingest/prepare-document.ts).
 */
export const searchTextVersion = 4;

/** A Latin letter with a diacritic (é, ö, ñ, ǎ), or a combining diacritic: the text may need folding. */
const accentedLatin = /[\u00C0-\u024F\u0300-\u036F\u1E00-\u1EFF]/;
/** Combining marks on a Latin letter, once decomposed. */
const marksOnLatin = /(?<=\p{Script=Latin})\p{Mn}+/gu;

/** Hervé → herve, Zürich → zurich: Latin letters lose their diacritics (other scripts keep their marks). */
function foldLatinDiacritics(text: string): string {
  return accentedLatin.test(text) ? text.normalize('NFD').replace(marksOnLatin, '').normalize('NFC') : text;
}

// A word is a run of letters, marks, digits and `_` outside Han, kept whole across an apostrophe,
// full stop or middle dot between two letters and a full stop, comma, semicolon or apostrophe
// between two digits (`softbank's`, `e.g`, `1.8`, `1,000`): Unicode's word-boundary rules
// (UAX #29) as Intl.Segmenter applies them, at regex speed. Han runs become bigrams.
const wordCharacter = String.raw`[[\p{L}\p{M}\p{N}_]--\p{Script=Han}]`;
let wordSegmenter: Intl.Segmenter | undefined;
const segmenterWindow = 2_000;
const surrogate = /[\uD800-\uDBFF]/;
const midLetter = String.raw`(?<=\p{L})[.'’·](?=\p{L})`;
const midNumber = String.raw`(?<=\p{N})[.,;'’](?=\p{N})`;
const tokenPattern = new RegExp(String.raw`(\p{Script=Han}+)|${wordCharacter}+(?:(?:${midLetter}|${midNumber})${wordCharacter}+)*`, 'gv');

/**
 * Normalises text into the whitespace-separated token string that keyword search indexes:
 * NFKC, lower case, Latin letters without diacritics (Hervé → herve), Traditional → Simplified
 * folded one character at a time (foldToSimplified),
 * then every word outside Han and the character bigrams of every Han run (a run of one
 * character stays a unigram). Passages are indexed that way (`hanWords: false`), linear in
 * the text's length and with no word segmentation. Questions and other short texts
 * (the default) also get Intl.Segmenter's Han words of two or more characters, which keyword
 * coverage matches in a passage as the run of the word's bigrams (`高性能` ↔ `高性 性能`).
 * Pure and deterministic; both sides fold alike, which is all search text needs.
 *
 * @example normalizeSearchText('韓國 GPU') // → '韩国 gpu'
 */
export function normalizeSearchText(text: string, options: { hanWords?: boolean } = {}): string {
  const normalized = foldToSimplified(foldLatinDiacritics(text.normalize('NFKC').toLowerCase()));
  const tokens: string[] = [];
  const hanRuns: string[] = [];
  for (const match of normalized.matchAll(tokenPattern)) {
    const run = match[1];
    if (run === undefined) {
      tokens.push(match[0]);
      continue;
    }
    if (run.length > 2) hanRuns.push(run);
    // Step by code point: a Han character outside the BMP is two UTF-16 units.
    const characters = surrogate.test(run) ? [...run] : run;
    if (characters.length === 1) tokens.push(run);
    for (let index = 0; index + 1 < characters.length; index++) tokens.push(characters[index]! + characters[index + 1]!);
  }
  if (options.hanWords !== false) tokens.push(...segmentHanWords(hanRuns));
  return tokens.join(' ');
}

/**
 * The Han words of two or more characters that Intl.Segmenter finds in the runs. The evals lose
 * a same-language hit without a question's words (高性能), while indexing them in passages
 * measured no better and cost most of ingest time. Runs go to the segmenter joined by a comma
 * (no word spans it) in windows of at most `segmenterWindow` characters: the segmenter is
 * superlinear in its input, so a long text is cut (a word across a cut is lost).
 */
function segmentHanWords(hanRuns: string[]): string[] {
  const words: string[] = [];
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const segment = (window: string) => {
    for (const part of wordSegmenter!.segment(window)) if (part.isWordLike && part.segment.length > 1) words.push(part.segment);
  };
  let window = '';
  for (const run of hanRuns) {
    if (window.length + run.length >= segmenterWindow && window) {
      segment(window);
      window = '';
    }
    if (run.length < segmenterWindow) window = window ? `${window}，${run}` : run;
    else for (let start = 0; start < run.length; start += segmenterWindow) segment(run.slice(start, start + segmenterWindow));
  }
  if (window) segment(window);
  return words;
}

/** The distinct tokens of a normalised search text. */
export function searchTokens(searchText: string): string[] {
  return [...new Set(searchText.split(' ').filter(Boolean))];
}
