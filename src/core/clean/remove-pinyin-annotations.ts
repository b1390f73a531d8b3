const tonedVowels = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const pinyinSyllable = `[a-zü${tonedVowels}]{1,7}`;
const tonedVowel = new RegExp(`[${tonedVowels}]`, 'u');
const vowel = new RegExp(`[aeiouü${tonedVowels}]`, 'u');

// `國(guó)`: a character annotated with its reading.
const annotatedHan = new RegExp(`(\\p{Script=Han})\\((${pinyinSyllable})\\)`, 'gu');
// One token at a time: an annotated character, a mangled group `?guó)` (the `(` and, often,
// the character itself were lost to a bad encoding), or a stray letter annotated `r(jià)`.
const annotationToken = new RegExp(`(\\p{Script=Han})\\((${pinyinSyllable})\\)|\\?(${pinyinSyllable})\\)|([A-Za-z])\\((${pinyinSyllable})\\)`, 'gu');
const nextIsGroup = new RegExp(`^(?:\\?${pinyinSyllable}\\)|[\\p{Script=Han}A-Za-z]\\(${pinyinSyllable}\\))`, 'u');
const nextIsCharThenGroup = new RegExp(`^\\p{Script=Han}\\?${pinyinSyllable}\\)`, 'u');
// Left-over `?` marks of undecodable bytes next to Chinese text, e.g. `機會?!` from `機會。”`.
const leftoverMarks = /(?<=[\p{Script=Han}\p{P}])\?[?!]*|\?[?!]*(?=\p{Script=Han})/gu;

/** Documents with fewer toned annotations than this are left alone. */
const minAnnotations = 3;

/**
 * Removes pinyin reading annotations from the lines of a page that prints them after each
 * character (`中國(guó)` → `中國`), and repairs the mangled forms a bad encoding leaves:
 * a `?pinyin)` group directly followed by another group is garbage and goes; the last group
 * of a run stands for a lost character, which is restored from the readings annotated
 * elsewhere in the same document when they name exactly one character, and dropped otherwise.
 * Only applies when the document has at least three toned annotations, so ordinary text with
 * parentheses is untouched. Returns one output line per input line; never throws.
 * @example removePinyinAnnotations(['報(bào)告', '日?qǐng)?bào)']) // ['報告', '日報'] (after 2 more annotations)
 */
export function removePinyinAnnotations(lines: readonly string[]): string[] {
  const readings = collectReadings(lines);
  if (readings.annotationCount < minAnnotations) return [...lines];
  return lines.map((line) => repairLine(line, readings.characterFor));
}

function collectReadings(lines: readonly string[]): {
  annotationCount: number;
  characterFor: (pinyin: string) => string;
} {
  const characters = new Map<string, Set<string>>();
  let annotationCount = 0;
  for (const line of lines) {
    for (const match of line.matchAll(annotatedHan)) {
      const [, character = '', pinyin = ''] = match;
      if (!vowel.test(pinyin)) continue;
      if (tonedVowel.test(pinyin)) annotationCount++;
      const known = characters.get(pinyin) ?? new Set<string>();
      known.add(character);
      characters.set(pinyin, known);
    }
  }
  const characterFor = (pinyin: string): string => {
    const known = characters.get(pinyin);
    return known?.size === 1 ? [...known][0] ?? '' : '';
  };
  return { annotationCount, characterFor };
}

function repairLine(line: string, characterFor: (pinyin: string) => string): string {
  if (!line.includes(')')) return line;
  let output = '';
  let cursor = 0;
  let afterGarbage = false;
  for (const match of line.matchAll(annotationToken)) {
    const start = match.index;
    if (start < cursor) continue;
    const end = start + match[0].length;
    const adjacent = start === cursor;
    output += line.slice(cursor, start);
    cursor = end;
    const [, character, , lostReading, letter, letterReading] = match;
    if (character !== undefined) {
      output += character;
      afterGarbage = false;
      continue;
    }
    if (letter !== undefined) {
      // A stray letter annotated right after a garbage group is the remains of a lost character.
      output += afterGarbage && adjacent ? characterFor(letterReading ?? '') : match[0];
      afterGarbage = false;
      continue;
    }
    const rest = line.slice(end);
    if (nextIsGroup.test(rest)) {
      afterGarbage = true;
      continue;
    }
    if (nextIsCharThenGroup.test(rest)) {
      // `?yōu)閲?guó)`: the character between two groups is mojibake as well.
      cursor = end + (String.fromCodePoint(rest.codePointAt(0) ?? 0).length);
      afterGarbage = true;
      continue;
    }
    output += characterFor(lostReading ?? '');
    afterGarbage = false;
  }
  output += line.slice(cursor);
  return output.replace(leftoverMarks, '');
}
