import { segmentInWindows } from './segment-in-windows.js';

/**
 * The largest paragraph cleaning and splitting ever handle (characters). Real paragraphs are far
 * shorter (the seeds' longest is under 1,000); a file with one huge paragraph (no blank lines)
 * is cut into paragraphs of this size at most, before any step that is not linear.
 */
export const maxParagraphChars = 20_000;

/**
 * Cuts every line longer than `maxChars` into windows (at sentence ends where possible, else
 * whitespace or punctuation) and separates them with blank lines, so each becomes a paragraph.
 * Each piece keeps the raw line number it came from. Lines that fit are passed through as they
 * are. Linear in the input. Never throws.
 *
 * @example splitOversizeLines([{ line: 1, text: 'a. '.repeat(10) }], 12).length // 5: 3 pieces, 2 blanks
 */
export function splitOversizeLines<Line extends { line: number; text: string }>(lines: readonly Line[], maxChars = maxParagraphChars): Line[] {
  if (lines.every((line) => line.text.length <= maxChars)) return [...lines];
  return lines.flatMap((line) => {
    if (line.text.length <= maxChars) return [line];
    return segmentInWindows(line.text, { maxChars, preferSentences: true }).flatMap((window, index) => {
      const piece = { ...line, text: line.text.slice(window.start, window.end) };
      return index === 0 ? [piece] : [{ ...line, text: '' }, piece];
    });
  });
}
