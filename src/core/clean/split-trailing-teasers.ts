import { endsMidWord, endsWithEllipsis, measureWidth } from './measure-width.js';
import type { DraftParagraph } from './types.js';

/** Lines at least this wide that stop mid-word were cut off; shorter ones are headings. */
const minTeaserWidth = 80;
/** Below this many long paragraphs, a document is too short to call unpunctuated. */
const minParagraphsToJudge = 6;
const numberedItem = /^\d{1,2}\s*[\s.、．)]\s*\S/u;

/** The article's own paragraphs and the teaser block found after them. */
export interface TrailingTeasers {
  kept: DraftParagraph[];
  teasers: DraftParagraph[];
  /** `'sidebar headline'` for a numbered list of headlines, else `'teaser of another story'`. */
  reason: string;
}

/**
 * Splits off the block of teasers for other stories that scraped pages append after an
 * article: one-line paragraphs that are cut short (ending in `...`/`…`, or stopping mid-word
 * in a line at least 80 columns wide) or are numbered headline items. The block is read
 * backwards from the last paragraph, which must be such a teaser; it may contain single
 * complete lines sitting between teasers, ends at the first two complete paragraphs in a
 * row, and only counts when it holds at least two cut-short lines. When most long paragraphs
 * (six or more) of the document stop mid-word (text without punctuation), only ellipses count as cuts.
 * Never throws.
 */
export function splitTrailingTeasers(paragraphs: readonly DraftParagraph[]): TrailingTeasers {
  const long = paragraphs.filter((paragraph) => measureWidth(paragraph.text) >= minTeaserWidth);
  const unpunctuated =
    long.length >= minParagraphsToJudge && long.filter((paragraph) => endsMidWord(paragraph.text)).length * 2 > long.length;
  const isCut = (paragraph: DraftParagraph): boolean =>
    paragraph.lines.length === 1 &&
    (endsWithEllipsis(paragraph.text) ||
      (!unpunctuated && endsMidWord(paragraph.text) && measureWidth(paragraph.text) >= minTeaserWidth));
  const isTeaser = (paragraph: DraftParagraph): boolean =>
    isCut(paragraph) || (paragraph.lines.length === 1 && numberedItem.test(paragraph.text));

  let start = paragraphs.length;
  let gap = 0;
  for (let index = paragraphs.length - 1; index >= 0; index--) {
    const paragraph = paragraphs[index];
    if (!paragraph) break;
    if (isTeaser(paragraph)) {
      start = index;
      gap = 0;
    } else if (start === paragraphs.length || paragraph.lines.length > 1 || ++gap > 1) {
      break;
    }
  }
  const teasers = paragraphs.slice(start);
  if (teasers.filter(isCut).length < 2) return { kept: [...paragraphs], teasers: [], reason: '' };
  const numbered = teasers.filter((paragraph) => numberedItem.test(paragraph.text)).length;
  return {
    kept: paragraphs.slice(0, start),
    teasers,
    reason: numbered >= 2 ? 'sidebar headline' : 'teaser of another story',
  };
}
