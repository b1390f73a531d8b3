export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const sentenceEnd = /[。！？!?]+[」』”’"）)]*|\.(?=\s|$)[」』”’"）)]*/gu;
const abbreviation = /\b(?:mr|mrs|ms|dr|prof|st|no|vs|inc|ltd|co|corp|jr|sr|u\.s|e\.g|i\.e|approx)$/i;
/**
 * An initial of a name: "John B. Weller", "J. R. R. Tolkien" (a capital letter alone, after a name,
 * an initial or nothing). Not "I", a regnal number more often than an initial ("Richard I. His son…").
 */
const initial = /(?:^\s*|\b[A-Z][a-z]+\s|\b[A-Z]\.\s?)[A-HJ-Z]$/u;
/** A full stop followed by a word in lower case ends no sentence: "Washington, D.C. with", "etc. and". */
const lowerCaseNext = /^\s+[a-z]+\b(?![A-Z])/u;

/**
 * Splits text into sentences, keeping offsets so every sentence is a verbatim slice.
 * Chinese sentences end at 。！？, English ones at . ! ? followed by space (a semicolon
 * joins clauses of one sentence).
 * Decimal points (`1.8`), common abbreviations (`Mr.`), initials (`John B. Weller`), a stop
 * before a word in lower case (`D.C. with`) and closing quotes after the end mark are handled. Leading/trailing whitespace is trimmed from each span.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let sentenceStart = 0;
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviationStop(text.slice(sentenceStart, match.index), text.slice(end, end + 40))) continue;
    pushTrimmed(spans, text, sentenceStart, end);
    sentenceStart = end;
  }
  pushTrimmed(spans, text, sentenceStart, text.length);
  return spans;
}

/** Whether a full stop marks an abbreviation or an initial rather than a sentence's end. */
function isAbbreviationStop(before: string, after: string): boolean {
  return abbreviation.test(before) || initial.test(before) || lowerCaseNext.test(after);
}

function pushTrimmed(spans: SentenceSpan[], text: string, start: number, end: number): void {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ text: text.slice(start, end), start, end });
}
