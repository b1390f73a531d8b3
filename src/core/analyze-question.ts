import { toSimplified } from './chinese-script.js';
import { readNumbers } from './read-numbers.js';

/**
 * The kind of span a question asks for. `open` questions ("What did X say?") are answered by a
 * quote alone; the others need a matching span inside the quote.
 */
export type AnswerKind = 'count' | 'amount' | 'percent' | 'date' | 'person' | 'place' | 'open';

export interface QuestionAnalysis {
  kind: AnswerKind;
  /**
   * Terms the quoted window must contain for the quote to answer this question, each a list of
   * acceptable forms in search-text spelling (lower case, Simplified): named entities and
   * model numbers (`nvidia`, `h20`), years (`2025`) and the asked-about attribute (`employees`, `太太`).
   */
  essentialTerms: EssentialTerm[];
  /** Whether the question is written in Chinese (a Chinese name inside an English question does not count). */
  questionHasHan: boolean;
}

export interface EssentialTerm {
  /** The term as it appears in the question, for messages. */
  text: string;
  /** Lower-case, Simplified forms; any one of them in the window counts. */
  forms: string[];
  role: 'entity' | 'year' | 'number' | 'attribute';
  /** For `number`: the value, which any spelling of it in the window matches (18,000 = 1.8萬). */
  value?: number;
  /** Latin-script entities can only be checked in text that is itself in Latin script. */
  script: 'latin' | 'han';
}

// Patterns run on NFKC, lower-cased, Simplified text: one spelling serves both Chinese scripts.
const percentQuestion = /\b(?:what|which) (?:(?:is|was|are|were) the )?(?:percentage|percent|share|proportion|fraction)\b|(?:'s|s'|\bits|\btheir) (?:market )?(?:share|percentage|proportion) of\b|\bmarket share\b|占.{0,12}的?多少(?!钱|美元|元)|百分之几|百分比|比例|份额|占有率|市占率|占比|几成|多少成/u;
const amountQuestion = /\bhow much (?:money|funding|capital|revenue|profit)\b|\bhow much\b(?! of)|(?:拨款|投资|花了?|支付|融资|募集|赚了?|损失|补助|资助|捐款?|出资|筹集)了?多少|\bhow much (?:did|does|do|will|would|has|have|had|was|is|were|are)\b[^?]*\b(?:invest|pay|spend|cost|raise|earn|worth|fund|allocat|lend|borrow|sell|sold|bought|buy|charge|price|budget)|\bwhat (?:is|was|were|are) (?:the |its |their )?(?:price|cost|revenue|value|valuation|budget|salary|income|sales)\b|多少钱|售价|价格|价钱|营收|收入|营业额|金额|预算|市值|估值|薪水|工资|多少(?:美元|美金|日元|日圆|元|块|欧元|英镑|新台币|台币|人民币)/u;
const countQuestion = /\bhow many\b|\bhow much\b|\bhow (?:big|large|long|far|fast|tall|high|old|heavy)\b|\bwhat (?:(?:is|was|are|were) the )?(?:number|amount|size)\b|多少|(?<!哪)几(?:个|家|名|款|件|次|倍|万|亿|百|千|十|颗|台|位|人|种|项|座|所|艘|架|辆|条|张|层|公里|米|岁)|多大|多高|多久|多长|多远|多重/u;
const dateQuestion = /\bwhen\b|\bwhat (?:year|date|day|month|time)\b|\bwhich (?:year|date|day|month)\b|\bin what year\b|\bhow long ago\b|何时|什么时候|哪(?:一)?(?:年|天|日|月)|哪几天|几月|几号|几年级|日期|年份|什么时间|哪个时间|多少年(?!前)/u;
const personQuestion = /\bwho\b|\bwhom\b|\bwhose\b|\bwhich (?:person|man|woman|ceo|president|leader|company|firm)\b|谁|哪位|何人|哪个人|哪一位/u;
const placeQuestion = /\bwhere\b|\b(?:which|what) (?:country|city|region|state|province|place|town|county|continent|island|area)\b|哪里|哪儿|在哪|何处|何地|哪个(?:国家|城市|地区|省|县|地方|州)|哪(?:国|座城市|一国)/u;

const questionWords = new Set([
  'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'do', 'does',
  'did', 'can', 'could', 'will', 'would', 'should', 'has', 'have', 'had', 'according', 'in', 'on', 'at', 'the', 'a',
  'an', 'and', 'or', 'of', 'for', 'to', 'by', 'as', 'i', 'tell', 'please', 'name', 'list', 'give', 'mr', 'ms', 'mrs', 'dr',
]);

/** Words a question uses for its topic that are too general to require verbatim. */
const generalNouns = new Set([
  'people', 'person', 'times', 'time', 'things', 'thing', 'ways', 'way', 'kinds', 'kind', 'types', 'type', 'years',
  'year', 'days', 'day', 'months', 'month', 'ones', 'one', 'parts', 'part', 'units', 'percent', 'much', 'many', 'number',
  'amount', 'total', 'some', 'other', 'more', 'most', 'items', 'steps', 'reasons', 'examples', 'cases',
]);

/**
 * Nouns that name the kind of answer ("in what country", "which company"), not a thing the
 * sources must mention: France answers "what country" without the word "country".
 */
const answerCategories = new Set([
  'country', 'countries', 'city', 'cities', 'state', 'region', 'place', 'town', 'continent', 'island', 'area', 'province',
  'year', 'years', 'century', 'decade', 'month', 'date', 'day', 'time', 'period', 'era', 'company', 'companies', 'firm',
  'person', 'people', 'man', 'woman', 'group', 'team', 'organization', 'organisation', 'language', 'name', 'type', 'kind',
]);

const englishAttributeAfterHowMany = /\bhow many ([a-z][a-z-]+(?: [a-z][a-z-]+)?)/u;
const englishWhichNoun = /\b(?:which|what) ((?:[a-z][a-z-]+ ){0,2}[a-z][a-z-]+)(?= (?:did|does|do|will|would|is|are|was|were|has|have|had|can|could)\b)/u;
const auxiliaryVerb = /^(?:did|does|do|will|would|is|are|was|were|has|have|had|can|could)$/u;

/**
 * `黃仁勳的太太叫什麼`, `H20芯片的售价是多少`: the possessed noun before a copula and a question
 * word is the asked-about attribute. Only the possessive form is read: without 的, the two
 * characters before 是 are as often the end of a verb phrase (去掉頭會是什麼) as a noun.
 */
const chineseAttributeBeforeCopula = /的(\p{Script=Han}{2})(?:是|有|为|叫|约|达)(?:多少|几|什么|哪|谁)/u;
/** `多少颗GPU`, `几家公司`: the counted thing after the number word. */
const chineseCountedThing = /(?<!哪)(?:多少|几)(?:(?:个|家|名|款|件|颗|台|位|种|项|座|所|艘|架|辆|条|张|层|笔)(?:\p{Script=Han}{0,3}?([a-z][a-z0-9-]*)|(\p{Script=Han}{2,}))|([a-z][a-z0-9-]*))/u;
const chineseStop = new Set(['什么', '多少', '哪些', '哪个', '东西', '事情', '地方', '时候', '名字', '情况', '问题', '方面', '内容', '原因', '方式', '部分', '结果', '时间', '数量', '金额']);
/**
 * Essential terms kept per question: a real question names a few things; a pasted text that
 * names hundreds would cost a check (and a keyword search) per name and quote for each.
 */
export const maxEssentialTerms = 12;

/**
 * Reads what a question asks for: the kind of answer span it needs and the terms a quote must
 * contain to answer it. Pure; never throws. Works on English and both Chinese scripts.
 *
 * @example analyzeQuestion('How many employees does NVIDIA have?')
 * // → { kind: 'count', essentialTerms: [nvidia (entity), employees (attribute)] }
 */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const folded = toSimplified(question.normalize('NFKC')).toLowerCase();
  return {
    kind: answerKindOf(folded),
    questionHasHan: isMostlyChinese(question),
    essentialTerms: dedupeTerms([...entityTerms(question), ...organisationTerms(folded), ...yearTerms(folded), ...numberTerms(folded), ...attributeTerms(folded)]).slice(0, maxEssentialTerms),
  };
}

function isMostlyChinese(question: string): boolean {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = question.match(/[A-Za-z]/gu)?.length ?? 0;
  return han > 0 && 2 * han >= latin;
}

/** An English question's own wh-word, when it opens the question: "Who led the troops when Cyprus fell?" asks for a person. */
const openingWhWord = /^\s*(?:(?:and|but|so|then|ok|okay),?\s+)?(who|whom|whose|where)\b/u;

function answerKindOf(folded: string): AnswerKind {
  const opening = openingWhWord.exec(folded)?.[1];
  if (opening === 'where') return 'place';
  if (opening !== undefined) return 'person';
  if (dateQuestion.test(folded)) return 'date';
  if (percentQuestion.test(folded)) return 'percent';
  if (amountQuestion.test(folded)) return 'amount';
  if (countQuestion.test(folded)) return 'count';
  if (personQuestion.test(folded)) return 'person';
  if (placeQuestion.test(folded)) return 'place';
  return 'open';
}

/** A word in a script other than Han (NVIDIA's, Deutschösterreich, GB200), kept whole beside the Han around it. */
const latinWord = new RegExp(String.raw`[\p{L}--\p{Script=Han}][[\p{L}\p{N}\&.'’\-]--\p{Script=Han}]*[[\p{L}\p{N}]--\p{Script=Han}]|[\p{L}--\p{Script=Han}]`, 'gv');

/**
 * Capitalised words after the first, acronyms, CamelCase and model numbers (`H20`, `B200`). A run
 * of capitalised words is one name, and any of its words names it: "Masayoshi Son" is also "Son".
 */
function entityTerms(question: string): EssentialTerm[] {
  const terms: EssentialTerm[] = [];
  const text = question.normalize('NFKC');
  let previousEnd = -2;
  for (const match of text.matchAll(latinWord)) {
    const word = match[0].replace(/['’]s$/u, '');
    // A lone letter is a shape or a unit (T形, 40M), not a name.
    if (word.length < 2) {
      previousEnd = -2;
      continue;
    }
    const lower = word.toLowerCase();
    const hasDigit = /\d/u.test(word);
    const acronym = /^[A-Z]{2,}/u.test(word) || /[a-z][A-Z]/u.test(word);
    const sentenceStart = match.index === 0 || /[.?!。？！]\s*$/u.test(text.slice(0, match.index));
    const capitalised = /^[A-Z]/u.test(word) && !sentenceStart;
    // Two-letter acronyms (AI, US) name a topic, not a subject: "artificial intelligence" is AI too.
    const topicAcronym = /^[A-Z]{2}$/u.test(word);
    if (questionWords.has(lower) || topicAcronym || !(hasDigit || acronym || capitalised)) {
      previousEnd = -2;
      continue;
    }
    const forms = /[A-Z]s$/u.test(word) ? [lower, lower.slice(0, -1)] : [lower];
    const previous = terms.at(-1);
    // A model number in a Chinese question is an entity too: 英伟达H20芯片.
    if (previous && previousEnd === match.index - 1 && text[previousEnd] === ' ' && !hasDigit) {
      previous.text += ` ${word}`;
      previous.forms.push(...forms.filter((form) => form.length >= 3));
    } else {
      terms.push({ text: word, forms, role: 'entity', script: 'latin' });
    }
    previousEnd = match.index + match[0].length;
  }
  return terms;
}

/** Chinese organisation names end in a kind of organisation: 苹果公司, 软银集团, 台湾大学. */
const organisationSuffix = /(\p{Script=Han}{2,4}?)(?:公司|集团|银行|大学|政府|协会|基金会|研究院|研究所|委员会)/gu;

function organisationTerms(folded: string): EssentialTerm[] {
  return [...folded.matchAll(organisationSuffix)]
    .map((match) => match[1]!.replace(/^(?:的|和|与|及|在|是|从|把|被|让|对|向|给)/u, ''))
    // A name holds no grammatical characters: in 参加了公司的年会, 参加了 is no company.
    .filter((name) => [...name].length >= 2 && !chineseStop.has(name) && !/[的了在是和与及把被对向给从为于也都就而之其这那个些着过会能要还又才所已并将分别]/u.test(name))
    .map((name) => ({ text: name, forms: [name], role: 'entity' as const, script: 'han' as const }));
}

/** Quantities the question names ("its 18,000-GPU facility"): large or scaled numbers, not years. */
function numberTerms(folded: string): EssentialTerm[] {
  const withoutYears = folded.replace(yearPattern, ' ');
  return readNumbers(withoutYears)
    .filter((value) => value >= 10)
    .map((value) => ({ text: String(value), forms: [String(value)], role: 'number' as const, script: 'han' as const, value }));
}

/** 2019, 2024年, 401年: a number of years written as a year. */
const yearPattern = /(?<!\d[.,]?)((?:19|20)\d{2}(?![\d]|[.,]\d)|\d{3,4}(?=\s*年(?!代|前|后|後|间|間)))/gu;

function yearTerms(folded: string): EssentialTerm[] {
  return [...folded.matchAll(yearPattern)].map((match) => ({
    text: match[1]!,
    forms: [match[1]!],
    role: 'year' as const,
    script: 'han' as const,
  }));
}

function attributeTerms(folded: string): EssentialTerm[] {
  const terms: EssentialTerm[] = [];
  const english = englishAttributeAfterHowMany.exec(folded) ?? englishWhichNoun.exec(folded);
  for (const word of english?.[1]!.split(' ') ?? []) {
    if (questionWords.has(word) || auxiliaryVerb.test(word) || generalNouns.has(word) || answerCategories.has(word) || word.length < 3) continue;
    terms.push({ text: word, forms: englishForms(word), role: 'attribute', script: 'latin' });
  }
  const beforeCopula = chineseAttributeBeforeCopula.exec(folded)?.[1];
  const countedMatch = chineseCountedThing.exec(folded);
  const counted = countedMatch?.[1] ?? countedMatch?.[2] ?? countedMatch?.[3];
  for (const candidate of [beforeCopula && lastChineseWord(beforeCopula), counted && firstWord(counted)]) {
    if (!candidate || chineseStop.has(candidate)) continue;
    const latin = /^[a-z]/u.test(candidate);
    if (!latin && [...candidate].length < 2) continue;
    terms.push({ text: candidate, forms: latin ? englishForms(candidate) : [candidate], role: 'attribute', script: latin ? 'latin' : 'han' });
  }
  return terms;
}

/** The word before a copula, as its last two characters (the segmenter splits 营收 into 营 + 收). */
function lastChineseWord(run: string): string | undefined {
  const chars = [...run.replace(/[的了之]+$/u, '')];
  return chars.length >= 2 ? chars.slice(-2).join('') : undefined;
}

/** The counted thing: a Latin word within a short adjective of the number word, else two characters. */
function firstWord(run: string): string | undefined {
  return /^[a-z]/u.test(run) ? run : [...run].slice(0, 2).join('');
}

/** Singular and plural spellings: `employees` ⇄ `employee`, `chips` ⇄ `chip`. */
function englishForms(word: string): string[] {
  const forms = new Set([word]);
  if (word.endsWith('ies')) forms.add(`${word.slice(0, -3)}y`);
  else if (/(?:ses|xes|ches|shes)$/u.test(word)) forms.add(word.slice(0, -2));
  else if (word.endsWith('s') && !word.endsWith('ss')) forms.add(word.slice(0, -1));
  else forms.add(`${word}s`);
  return [...forms];
}

function dedupeTerms(terms: EssentialTerm[]): EssentialTerm[] {
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = term.forms[0]!;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
