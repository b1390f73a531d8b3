// East Asian wide and full-width characters take two columns in a fixed-width layout.
const wideChar =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

const sentenceEnd = /[。！？!?.…;；]$/u;
const closingMarks = /[\s」』”’"'）)\]】》〉]+$/u;

/**
 * Measures a line's display width in columns: CJK and full-width characters count 2, others 1.
 * Hard-wrapped sources (forums, e-mail) wrap at a column width, so this is what wrapping sees.
 * @example measureWidth('GPU給日本') // 3 + 3 × 2 = 9
 */
export function measureWidth(text: string): number {
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x1100) width += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: wide when it is in the supplementary ideographic planes.
      width += code >= 0xd840 && code <= 0xd8bf ? 2 : 1;
      index++;
    } else width += isWideCode(code) ? 2 : 1;
  }
  return width;
}

/** Tells whether a single character is East Asian wide or full-width. */
export function isWideChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20000 ? code <= 0x3fffd : code >= 0x1100 && isWideCode(code);
}

function isWideCode(code: number): boolean {
  return wideChar.test(String.fromCharCode(code));
}

/** Tells whether text ends a sentence (。！？.!?… ;), looking through closing quotes and brackets. */
export function endsSentence(text: string): boolean {
  return sentenceEnd.test(text.replace(closingMarks, ''));
}

/** Tells whether text stops on a letter or digit, as a line cut off mid-word does. */
export function endsMidWord(text: string): boolean {
  return /[\p{L}\p{N}]$/u.test(text);
}

/** Tells whether text ends with an ellipsis (`...`, `…`), the usual mark of a shortened teaser. */
export function endsWithEllipsis(text: string): boolean {
  return /(\.{2,}|…+)$/u.test(text.trimEnd());
}

/**
 * Joins two pieces of a wrapped line: no space next to CJK text or after a hyphenated
 * word break, one space between Latin words.
 */
export function joinWrappedLines(left: string, right: string): string {
  if (left === '') return right;
  if (right === '') return left;
  const last = left.at(-1) ?? '';
  const first = String.fromCodePoint(right.codePointAt(0) ?? 32);
  // Only the end of `left` is looked at: a paragraph grows line by line, and a regex over all
  // of it on every line made reflowing a long paragraph quadratic.
  if (isWideChar(last) || isWideChar(first) || /\p{L}-$/u.test(left.slice(-3))) return left + right;
  return `${left} ${right}`;
}
