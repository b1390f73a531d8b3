import { maxParagraphChars } from '../split-oversize-lines.js';
import type { PassageKind } from '../types.js';
import { endsSentence, isWideChar, joinWrappedLines, measureWidth } from './measure-width.js';
import type { DraftParagraph, SourceLine } from './types.js';

/** Wrapping tools wrap at 70–80 columns; lines wider than this were never hard-wrapped. */
const maxWrapWidth = 160;
/** Tolerance, in columns, for editors that stop a little short of the wrap width. */
const wrapSlack = 2;

/**
 * Groups lines into paragraphs. Blank lines always separate paragraphs. Inside a block of
 * consecutive lines, the source decides: when it is hard-wrapped (its full lines, those the
 * next line's first word would not have fitted on, cluster near one width under 160 columns
 * and mostly end mid-sentence), a line continues into the next exactly when it is full;
 * otherwise each line is its own paragraph. CJK pieces join with no space, Latin pieces
 * with one. A wrapped paragraph stops growing at `maxParagraphChars` (at a sentence end once it
 * is past half of that), so no later step ever sees a larger one. Linear in the input. Never throws.
 * @example reflowParagraphs([{ line: 1, text: 'one' }, { line: 2, text: 'two' }]).length // 2
 */
export function reflowParagraphs(lines: readonly SourceLine[], kind: PassageKind = 'body'): DraftParagraph[] {
  const blocks = splitBlocks(lines);
  const wrapWidth = findWrapWidth(blocks);
  const paragraphs: DraftParagraph[] = [];
  for (const block of blocks) {
    let current: DraftParagraph | undefined;
    block.forEach((line, index) => {
      if (current) {
        current.lines.push(line.line);
        current.text = joinWrappedLines(current.text, line.text);
      } else {
        current = { lines: [line.line], text: line.text, kind };
      }
      const next = block[index + 1];
      const size = current.text.length;
      const full = size >= maxParagraphChars || (size >= maxParagraphChars / 2 && endsSentence(line.text));
      if (!next || wrapWidth === undefined || !isFullLine(line.text, next.text, wrapWidth) || full) {
        paragraphs.push(current);
        current = undefined;
      }
    });
  }
  return paragraphs;
}

function splitBlocks(lines: readonly SourceLine[]): SourceLine[][] {
  const blocks: SourceLine[][] = [];
  let block: SourceLine[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/** The width the source was hard-wrapped at, or undefined when it was not hard-wrapped. */
function findWrapWidth(blocks: SourceLine[][]): number | undefined {
  const multiLine = blocks.filter((block) => block.length > 1);
  let width = 0;
  for (const block of multiLine) for (const line of block) width = Math.max(width, measureWidth(line.text));
  if (width === 0 || width > maxWrapWidth) return undefined;
  let candidates = 0;
  let wrapped = 0;
  for (const block of multiLine) {
    for (let index = 0; index < block.length - 1; index++) {
      const text = block[index]?.text ?? '';
      candidates++;
      if (isFullLine(text, block[index + 1]?.text ?? '', width) && !endsSentence(text)) wrapped++;
    }
  }
  return wrapped >= 2 && wrapped * 2 >= candidates ? width : undefined;
}

/** A line is full when the next line's first word would not have fitted after it. */
function isFullLine(text: string, next: string, wrapWidth: number): boolean {
  return measureWidth(text) + measureFirstWord(next) > wrapWidth - wrapSlack;
}

function measureFirstWord(text: string): number {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 32);
  if (isWideChar(first)) return 2;
  let width = 1;
  for (const char of text) {
    if (/\s/u.test(char) || isWideChar(char)) break;
    width++;
  }
  return width;
}
