/**
 * Folds a character for quote matching: full-width ASCII and the ideographic space become
 * half-width; nothing else changes (no script conversion, no case folding).
 */
function foldWidth(character: string): string {
  const code = character.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
  if (code === 0x3000) return ' ';
  return character;
}

export interface FoldedText {
  text: string;
  /** For each index in `text`, the offset of that character in the original string. */
  offsets: number[];
}

/**
 * Normalises whitespace (any run becomes one space, edges trimmed) and full-/half-width
 * forms, keeping a map back to original offsets so a match can be reported as a verbatim span.
 */
export function foldForQuoteMatch(original: string): FoldedText {
  let text = '';
  const offsets: number[] = [];
  let pendingSpace = -1;
  let index = 0;
  for (const character of original) {
    const folded = foldWidth(character);
    if (/\s/u.test(folded)) {
      if (text.length > 0 && pendingSpace < 0) pendingSpace = index;
    } else {
      if (pendingSpace >= 0) {
        text += ' ';
        offsets.push(pendingSpace);
        pendingSpace = -1;
      }
      text += folded;
      for (let unit = 0; unit < folded.length; unit++) offsets.push(index + Math.min(unit, character.length - 1));
    }
    index += character.length;
  }
  return { text, offsets };
}

/**
 * Finds `quote` in `passage` after whitespace and width folding. Returns the verbatim span
 * of the passage (`passage.slice(start, end)`), or undefined when it is not there.
 */
export function findQuoteSpan(quote: string, passage: string): { start: number; end: number } | undefined {
  const needle = foldForQuoteMatch(quote).text;
  if (!needle) return undefined;
  const haystack = foldForQuoteMatch(passage);
  const found = haystack.text.indexOf(needle);
  if (found < 0) return undefined;
  const start = haystack.offsets[found]!;
  const lastOffset = haystack.offsets[found + needle.length - 1]!;
  const lastCharacter = passage.codePointAt(lastOffset)!;
  return { start, end: lastOffset + (lastCharacter > 0xffff ? 2 : 1) };
}
