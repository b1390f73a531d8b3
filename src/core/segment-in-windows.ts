/** The window size normalisation and oversize-paragraph splitting use (characters). */
export const defaultWindowChars = 2_000;

export interface TextWindow {
  start: number;
  end: number;
}

type BreakTest = (text: string, index: number) => boolean;

const isWhitespace: BreakTest = (text, index) => /\s/u.test(text[index]!);
const isSentenceEnd: BreakTest = (text, index) =>
  /[。！？!?]/u.test(text[index]!) || (text[index] === '.' && /\s/u.test(text[index + 1] ?? ' '));
/** Marks after which a word never continues: CJK and fullwidth punctuation, `;`, `,`, `!`, `?`. */
const isSafePunctuation: BreakTest = (text, index) => /[。！？!?；;，,、：」』）》〉】…]/u.test(text[index]!);

/**
 * Cuts `text` into consecutive windows of at most `maxChars` UTF-16 units that cover it
 * exactly (`text.slice(start, end)` joined back gives the text). Each cut is made in the second
 * half of the window, at the last sentence end when `preferSentences` is set, else at the last
 * whitespace, else after the last punctuation mark that never sits inside a word (CJK
 * punctuation, `;`, `,`, `!`, `?`), else at `maxChars` (never inside a surrogate pair).
 * Linear in the text's length. Throws RangeError when `maxChars` is below 2.
 *
 * @example segmentInWindows('aaa bbb ccc', { maxChars: 8 }) // [{ start: 0, end: 8 }, { start: 8, end: 11 }]
 */
export function segmentInWindows(text: string, options: { maxChars?: number; preferSentences?: boolean } = {}): TextWindow[] {
  const maxChars = options.maxChars ?? defaultWindowChars;
  if (maxChars < 2) throw new RangeError('maxChars must be at least 2');
  const windows: TextWindow[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const end = findCut(text, start, start + maxChars, options.preferSentences ?? false);
    windows.push({ start, end });
    start = end;
  }
  if (start < text.length || windows.length === 0) windows.push({ start, end: text.length });
  return windows;
}

/** The best cut in (start + half, limit]: the position after the chosen character. */
function findCut(text: string, start: number, limit: number, preferSentences: boolean): number {
  const floor = start + Math.floor((limit - start) / 2);
  const tests = preferSentences ? [isSentenceEnd, isWhitespace, isSafePunctuation] : [isWhitespace, isSafePunctuation];
  for (const test of tests) {
    for (let index = limit - 1; index >= floor; index--) {
      if (test(text, index)) return index + 1;
    }
  }
  // No natural break: cut at the limit, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
