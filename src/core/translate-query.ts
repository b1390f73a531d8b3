import type { BilingualLexicon } from './bilingual-lexicon.js';
import { toSimplified } from './chinese-script.js';
import { createKeywordCoverage, isStopToken, matchesToken } from './keyword-coverage.js';
import { normalizeSearchText, searchTokens } from './normalize-search-text.js';

/** One unit of a question's topic, with its renderings in the other language (or script). */
export interface QueryConcept {
  /** The term as the question has it, normalised (lower case; Chinese in Simplified). */
  term: string;
  /** Its weight in the translated coverage: lower for a term with many translations. */
  weight: number;
  /** Renderings of the term: Chinese words for an English term, English glosses or other Chinese names for a Chinese one. */
  translations: string[];
}

export interface QueryTranslation {
  concepts: QueryConcept[];
  /**
   * The question with a name in the other Chinese usage (輝達 → 英伟达), lower case Simplified:
   * same-language passages are scored on these by plain keyword coverage.
   */
  variants: string[];
  /** Terms the question writes as codes or acronyms (GPU, H100, OpenAI), lower case. */
  codes: string[];
  /** The question rendered in the other language, as a search text; empty when nothing translated. */
  searchText: string;
}

export const translationSettings = {
  /** Renderings kept per term. */
  maxTranslations: 6,
  /** Renderings per term put in the search in the other language. */
  maxSearchRenderings: 3,
  /** A term found only through its translation counts this much of a term found as written. */
  translatedCredit: 0.7,
  /**
   * Subtracted from the coverage of a passage reached through translation: translated evidence
   * must clear the relevance floor by this margin, so a question whose answer is missing is
   * still refused when a passage in the other language shares its general words.
   */
  crossingPenalty: 0.15,
  /** Questions rewritten with the other Chinese name (輝達 → 英伟达) kept per question. */
  maxVariants: 2,
  /** Weight of a search in the other language when its ranking is fused with the original's. */
  searchWeight: 0.5,
};

/** Chinese words that carry no topic, beyond the question words the keyword scorer drops. */
const chineseFunctionWords = new Set([
  '什么', '多少', '哪些', '哪个', '哪里', '哪一年', '哪年', '哪天', '几个', '为什么', '怎么', '怎样', '如何', '是否', '是不是',
  '有没有', '请问', '一下', '关于', '根据', '他们', '它们', '我们', '你们', '这个', '那个', '这些', '那些', '其中', '以及',
  '还是', '或者', '可以', '已经', '曾经', '目前', '现在', '当时', '时候', '什么时候', '哪', '多', '少',
]);

/** Characters that join or mark words rather than name anything. */
const functionCharacter = /[的了是在和与及把被对向从给为于也都就还又这那吗呢之而或等将要会有]/u;

/** Irregular English forms a question uses, mapped to the dictionary form CC-CEDICT glosses. */
const irregularForms: Record<string, string> = {
  bought: 'buy', sold: 'sell', held: 'hold', holds: 'hold', made: 'make', built: 'build', said: 'say', told: 'tell',
  paid: 'pay', spent: 'spend', won: 'win', lost: 'lose', led: 'lead', began: 'begin', begun: 'begin', took: 'take',
  taken: 'take', gave: 'give', given: 'give', grew: 'grow', grown: 'grow', rose: 'rise', risen: 'rise', fell: 'fall',
  fallen: 'fall', went: 'go', gone: 'go', met: 'meet', saw: 'see', seen: 'see', chose: 'choose', chosen: 'choose',
  became: 'become', brought: 'bring', thought: 'think', found: 'find', founded: 'found', set: 'set', put: 'put',
  men: 'man', women: 'woman', children: 'child', people: 'people',
  // A nationality adjective is looked up as its country too: "Chinese market" is about 中国.
  chinese: 'china', japanese: 'japan', korean: 'korea', indian: 'india', american: 'america', british: 'britain',
  european: 'europe', taiwanese: 'taiwan', french: 'france', german: 'germany', russian: 'russia', saudi: 'saudi arabia',
};

/** Dictionary forms to try for an English word: itself, then its lemma candidates. */
function englishForms(word: string): string[] {
  const forms = [word];
  const irregular = irregularForms[word];
  if (irregular) forms.push(irregular);
  if (word.length > 3) {
    if (word.endsWith("'s")) forms.push(word.slice(0, -2));
    if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
    if (word.endsWith('es')) forms.push(word.slice(0, -2));
    if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
    if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
    if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  }
  return forms;
}

/** The lists' first items, then their second items, and so on, without repeats. */
function interleave(lists: ReadonlyArray<readonly string[]>): string[] {
  const merged = new Set<string>();
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let index = 0; index < longest; index++) for (const list of lists) if (index < list.length) merged.add(list[index]!);
  return [...merged];
}

const latinPhrase = /[a-z0-9][a-z0-9'’.\- ]*/g;
const hanRun = /\p{Script=Han}+/gu;
const digit = /\d/;
/** A code or acronym: two capitals, or letters with digits (GPU, H100, OpenAI). */
const latinWord = /\b[A-Za-z][A-Za-z0-9]+\b/g;
const hanPattern = /\p{Script=Han}/u;
/** A plural acronym: capitals or digits, then a lower-case s (GPUs, H100s). */
const pluralCode = /^[A-Z][A-Z0-9]+s$/;
const codeLike = /\b(?=[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{2,}\b/g;

function englishWeight(words: string[]): number {
  if (words.length > 1) return 1.5;
  const word = words[0]!;
  if (digit.test(word)) return 1.5;
  return word.length <= 2 ? 0.5 : 1;
}

/** The English terms of a text, longest dictionary phrases first ("south korea", "prime minister"). */
function englishConcepts(text: string, lexicon: BilingualLexicon): Array<{ term: string; weight: number; found: string[] }> {
  const concepts: Array<{ term: string; weight: number; found: string[] }> = [];
  for (const match of text.matchAll(latinPhrase)) {
    const words = match[0]
      .replace(/[’]/g, "'")
      .split(/\s+/)
      .map((word) => word.replace(/^[.'-]+|[.'-]+$/g, ''))
      // A hyphenated word is looked up whole ("mass-produce"), else part by part ("optical-computing").
      .flatMap((word) => (word.includes('-') && lexicon.chineseFor(word).length === 0 ? word.split('-') : [word]))
      .filter(Boolean);
    let index = 0;
    while (index < words.length) {
      let taken = 0;
      for (let size = Math.min(lexicon.maxEnglishWords, words.length - index); size >= 2 && taken === 0; size--) {
        // A phrase that opens or ends with a question or function word ("how many", "invest in")
        // is a dictionary idiom, not the question's topic: its words are looked up on their own.
        if (isStopToken(words[index]!) || isStopToken(words[index + size - 1]!)) continue;
        const head = words.slice(index, index + size - 1).join(' ');
        for (const last of englishForms(words[index + size - 1]!)) {
          const found = lexicon.chineseFor(`${head} ${last}`);
          if (found.length > 0) {
            concepts.push({ term: words.slice(index, index + size).join(' '), weight: englishWeight(words.slice(index, index + size)), found: [...found] });
            taken = size;
            break;
          }
        }
      }
      if (taken === 0) {
        const word = words[index]!;
        taken = 1;
        if (isStopToken(word) || word.length < 2) {
          index += taken;
          continue;
        }
        // "chips" is both 薯片 and the plural of "chip": every dictionary form counts, taken in turn.
        const found = interleave(englishForms(word).map((form) => lexicon.chineseFor(form)));
        concepts.push({ term: word, weight: englishWeight([word]), found });
      }
      index += taken;
    }
  }
  return concepts;
}

/** The Chinese words of a text by forward maximum matching against the lexicon; unknown stretches stay whole. */
function chineseConcepts(text: string, lexicon: BilingualLexicon): Array<{ term: string; weight: number; found: string[] }> {
  const concepts: Array<{ term: string; weight: number; found: string[] }> = [];
  for (const match of text.matchAll(hanRun)) {
    const run = match[0];
    let unknown = '';
    const flushUnknown = () => {
      // Words the lexicon does not know (软银, 率是): split at function characters, kept from two characters.
      for (const piece of unknown.split(functionCharacter)) {
        if (piece.length >= 2 && !chineseFunctionWords.has(piece)) concepts.push({ term: piece, weight: 1, found: [] });
      }
      unknown = '';
    };
    let index = 0;
    while (index < run.length) {
      let word = '';
      for (let size = Math.min(lexicon.maxChineseLength, run.length - index); size >= 2; size--) {
        const candidate = run.slice(index, index + size);
        if (lexicon.englishFor(candidate).length > 0 || chineseFunctionWords.has(candidate)) {
          word = candidate;
          break;
        }
      }
      if (!word) {
        unknown += run[index];
        index++;
        continue;
      }
      flushUnknown();
      index += word.length;
      if (chineseFunctionWords.has(word) || isStopToken(word)) continue;
      concepts.push({ term: word, weight: word.length > 2 ? 1.5 : 1, found: [...chineseRenderings(word, lexicon)] });
    }
    flushUnknown();
  }
  return concepts;
}

/**
 * English glosses of a Chinese word, plus the other Chinese names of the same thing when a gloss
 * is a name the corpus writes in both languages: 輝達 → nvidia → 英伟达 (Taiwan ⇄ mainland).
 * Dictionary synonyms are not followed: they would reorder same-language results.
 */
function chineseRenderings(word: string, lexicon: BilingualLexicon): string[] {
  const glosses = lexicon.englishFor(word);
  const renderings = [...glosses];
  for (const gloss of glosses) {
    if (!lexicon.isAlias(gloss)) continue;
    const others = lexicon.chineseFor(gloss);
    for (const other of others) if (other !== word && !renderings.includes(other)) renderings.push(other);
  }
  return renderings;
}

/**
 * Renders a question's terms in the other language with a bilingual lexicon, for searching
 * passages written in it: English words and phrases become Chinese words, Chinese words become
 * English glosses and, through names seen in both languages, the other Chinese name (輝達 ⇄
 * 英偉達). Question and function words are dropped; a term with many translations weighs less.
 * Pure and cheap: a few map look-ups per word.
 *
 * @example translateQuery('How many chips did Saudi Arabia buy?', lexicon).searchText // → '芯片 … 沙特 …' tokens
 */
export function translateQuery(question: string, lexicon: BilingualLexicon): QueryTranslation {
  // One answer translates the same texts several times (search, relevance, ranking, quotes).
  let recent = recentTranslations.get(lexicon);
  if (!recent) recentTranslations.set(lexicon, (recent = new Map()));
  const known = recent.get(question);
  if (known) return known;
  const translation = translateUncached(question, lexicon);
  if (recent.size >= 64) recent.delete(recent.keys().next().value!);
  recent.set(question, translation);
  return translation;
}

const recentTranslations = new WeakMap<BilingualLexicon, Map<string, QueryTranslation>>();

function translateUncached(question: string, lexicon: BilingualLexicon): QueryTranslation {
  const normalized = question.normalize('NFKC');
  const text = toSimplified(normalized.toLowerCase());
  // GPU, H100, OpenAI: written alike in both languages, so their translations do not make them
  // vaguer. In a Chinese question every Latin word is such a name (Blackwell, Rapidus).
  const writtenCodes = [...normalized.matchAll(hanPattern.test(normalized) ? latinWord : codeLike)].map((match) => match[0]);
  const codes = new Set(writtenCodes.map((code) => code.toLowerCase()));
  // A plural code is searched in the singular, as the other language writes it: GPUs → gpu.
  const singularCodes = new Map(writtenCodes.filter((code) => pluralCode.test(code)).map((code) => [code.toLowerCase(), code.slice(0, -1).toLowerCase()]));
  const found = [...englishConcepts(text, lexicon), ...chineseConcepts(text, lexicon)];
  const concepts: QueryConcept[] = found.map(({ term, weight, found: translations }) => ({
    term,
    // Structured query translation: all renderings of a term are one term, weighed down by their number.
    weight: translations.length > 0 && !codes.has(term) ? weight / Math.sqrt(Math.min(translations.length, 9)) : weight,
    translations: translations.slice(0, translationSettings.maxTranslations),
  }));
  const variants = concepts
    .filter((concept) => isHan.test(concept.term))
    .flatMap((concept) => concept.translations.filter((rendering) => isHan.test(rendering)).map((rendering) => text.replace(concept.term, rendering)))
    .slice(0, translationSettings.maxVariants);
  if (!concepts.some((concept) => concept.translations.length > 0)) return { concepts, variants, codes: [...codes], searchText: '' };
  // Codes and numbers are searched as written too: a text in the other language writes H100,
  // 2027 or AI alike (Chinese news writes "AI", not 人工智能). Other terms by their likeliest
  // renderings only, each token once: a full-text query costs per token.
  const words = concepts.flatMap((concept) => [
    ...(codes.has(concept.term) || digit.test(concept.term) ? [singularCodes.get(concept.term) ?? concept.term] : []),
    ...concept.translations.slice(0, translationSettings.maxSearchRenderings),
  ]);
  return { concepts, variants, codes: [...codes], searchText: searchTokens(normalizeSearchText(words.join(' '))).join(' ') };
}

const isHan = /\p{Script=Han}/u;

/** Whether a term (English words or a Chinese word) occurs in a padded passage search text. */
function containsTerm(term: string, paddedText: string): boolean {
  if (isHan.test(term)) {
    if (term.length < 2) return false;
    for (let index = 0; index + 1 < term.length; index++) {
      if (!paddedText.includes(` ${term.slice(index, index + 2)} `)) return false;
    }
    return true;
  }
  const words = term.split(/[\s-]+/).filter((word) => word && !isStopToken(word));
  return words.length > 0 && words.every((word) => matchesToken(word, paddedText));
}

/**
 * Whether a passage names every name a question asks about (`names`: each a list of acceptable
 * forms, as `analyzeQuestion` gives them: `['nvidia']`, `['jensen', 'huang']`): as written, or in
 * a passage of the other language through a rendering of the question term that holds the name
 * (China's → 中国, Jensen Huang → 黄仁勋). Without a translation only the written forms count.
 */
export function createNameCheck(names: ReadonlyArray<readonly string[]>, translation?: QueryTranslation): (passageSearchText: string) => boolean {
  const renderingsOf = names.map((forms) => (translation?.concepts ?? [])
    .filter((concept) => forms.some((form) => concept.term === form || englishForms(concept.term).includes(form) || concept.term.split(' ').includes(form)))
    .flatMap((concept) => concept.translations));
  return (passageSearchText) => {
    const padded = ` ${passageSearchText} `;
    return names.every((forms, index) => forms.some((form) => matchesToken(form, padded)) || renderingsOf[index]!.some((rendering) => containsTerm(rendering, padded)));
  };
}

/**
 * Scores passages against a translated question, in [0, 1]: the weighted share of its terms a
 * passage holds, as written (full credit) or through a translation (`translatedCredit`). By
 * default a passage reached through no translation scores 0, so the relevance of same-language
 * passages stays their plain keyword coverage; `anyPassage` scores every passage alike, which
 * keeps a ranking by this score fair between the two.
 */
export function createTranslatedCoverage(translation: QueryTranslation, options: { anyPassage?: boolean } = {}): (passageSearchText: string) => number {
  const total = translation.concepts.reduce((sum, concept) => sum + concept.weight, 0);
  const translated = translation.concepts.filter((concept) => concept.translations.length > 0);
  if (total === 0 || translated.length === 0) return () => 0;
  // A name in Latin letters with no translation (Blackwell, H100) is written alike in both languages.
  const names = translation.concepts.filter((concept) => concept.translations.length === 0 && translation.codes.includes(concept.term));
  return (passageSearchText) => {
    const padded = ` ${passageSearchText} `;
    let covered = 0;
    let crossed = false;
    if (!options.anyPassage && names.some((name) => !containsTerm(name.term, padded))) return 0;
    for (const concept of translation.concepts) {
      if (containsTerm(concept.term, padded)) covered += concept.weight;
      else if (concept.translations.some((rendering) => isHan.test(rendering) !== isHan.test(concept.term) && containsTerm(rendering, padded))) {
        covered += concept.weight * translationSettings.translatedCredit;
        crossed = true;
      }
    }
    if (!crossed) return options.anyPassage ? covered / total : 0;
    return Math.max(0, covered / total - translationSettings.crossingPenalty);
  };
}

/**
 * A question's coverage of a passage, in [0, 1]: its keyword coverage, or with a lexicon the
 * coverage through translated terms when that is higher (a passage in the other language).
 */
export function createQueryCoverage(
  question: string,
  lexicon: BilingualLexicon | null,
  options: { anyPassage?: boolean } = {},
): (passageSearchText: string) => number {
  const keyword = createKeywordCoverage(normalizeSearchText(question));
  if (!lexicon) return keyword;
  const translation = translateQuery(question, lexicon);
  const translated = createTranslatedCoverage(translation, options);
  const variants = translation.variants.map((variant) => createKeywordCoverage(normalizeSearchText(variant)));
  return (passageSearchText) => {
    const asWritten = keyword(passageSearchText);
    let best = Math.max(asWritten, translated(passageSearchText));
    // What the other name adds counts as a translated term does.
    for (const variant of variants) best = Math.max(best, asWritten + translationSettings.translatedCredit * (variant(passageSearchText) - asWritten));
    return best;
  };
}
