import { toSimplified } from './chinese-script.js';

/** A name written in both languages in the corpus: 輝達(Nvidia Corp.) gives { chinese: '輝達', english: 'Nvidia Corp.' }. */
export interface AliasPair {
  chinese: string;
  english: string;
}

/** Chinese ⇄ English word lookup: CC-CEDICT plus the aliases mined from the corpus. */
export interface BilingualLexicon {
  /** English glosses (lower case) of a Simplified Chinese word, aliases first. */
  englishFor(word: string): readonly string[];
  /** Simplified Chinese words for a lower-case English word or phrase, the likeliest first. */
  chineseFor(phrase: string): readonly string[];
  /** Whether the English phrase is an alias mined from the corpus (a name, not a dictionary gloss). */
  isAlias(phrase: string): boolean;
  /** The longest Chinese headword, in characters. */
  readonly maxChineseLength: number;
  /** The longest English key, in words. */
  readonly maxEnglishWords: number;
}

const corporateSuffix = /\s+(?:corp|corporation|inc|incorporated|co|company|ltd|limited|group|plc|llc|holdings)\.?$/u;

/** The lookup keys of an English name: "Nvidia Corp." → ["nvidia corp", "nvidia"]. */
export function englishAliasKeys(english: string): string[] {
  const key = english.normalize('NFKC').toLowerCase().replace(/[.,]+$/u, '').replace(/\s+/g, ' ').trim();
  if (!key) return [];
  const short = key.replace(corporateSuffix, '').trim();
  return short && short !== key ? [key, short] : [key];
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** A read-only string map: a `Map`, or the file-backed index the lexicon loader builds. */
export interface KeyedLookup {
  get(key: string): string | undefined;
}

/** CC-CEDICT in both directions, list values joined with "|" (as `compactCedict`/`invertCedict` make them). */
export interface DictionaryMaps {
  /** Simplified headword → "gloss|gloss". */
  englishByChinese: KeyedLookup;
  /** Lower-case English gloss → "word|word", likeliest first. */
  chineseByEnglish: KeyedLookup;
}

/**
 * Builds the lexicon from CC-CEDICT and the aliases mined from the corpus; aliases come before
 * dictionary words in both directions. Look-ups split the joined lists on demand, so building
 * costs only the aliases.
 */
export function createBilingualLexicon(dictionary: DictionaryMaps, aliases: readonly AliasPair[] = []): BilingualLexicon {
  const aliasEnglish = new Map<string, string[]>();
  const aliasChinese = new Map<string, string[]>();
  for (const alias of aliases) {
    const chinese = toSimplified(alias.chinese.normalize('NFKC')).trim();
    if (!chinese) continue;
    for (const key of englishAliasKeys(alias.english)) {
      push(aliasEnglish, chinese, key);
      push(aliasChinese, key, chinese);
    }
  }
  let maxChineseLength = 8;
  for (const word of aliasEnglish.keys()) maxChineseLength = Math.max(maxChineseLength, word.length);
  let maxEnglishWords = 3;
  for (const key of aliasChinese.keys()) maxEnglishWords = Math.max(maxEnglishWords, key.split(' ').length);

  const none: readonly string[] = [];
  const lookUp = (fromAliases: string[] | undefined, joined: string | undefined): readonly string[] => {
    const fromDictionary = joined ? joined.split('|') : undefined;
    if (!fromAliases) return fromDictionary ?? none;
    return fromDictionary ? [...new Set([...fromAliases, ...fromDictionary])] : fromAliases;
  };
  return {
    englishFor: (word) => lookUp(aliasEnglish.get(word), dictionary.englishByChinese.get(word)),
    chineseFor: (phrase) => lookUp(aliasChinese.get(phrase), dictionary.chineseByEnglish.get(phrase)),
    isAlias: (phrase) => aliasChinese.has(phrase),
    maxChineseLength: Math.min(maxChineseLength, 12),
    maxEnglishWords: Math.min(maxEnglishWords, 4),
  };
}
