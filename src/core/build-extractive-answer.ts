import { analyzeQuestion, type QuestionAnalysis } from './analyze-question.js';
import { toSimplified } from './chinese-script.js';
import { createEssentialCheck } from './check-essential-terms.js';
import { answerTexts } from './answer-texts.js';
import { findAnswerSpans } from './find-answer-spans.js';
import { createKeywordCoverage, matchesToken, weighQuestionTokens } from './keyword-coverage.js';
import { normalizeSearchText } from './normalize-search-text.js';
import { readListItem, readOrdinal } from './ordinal-reference.js';
import { splitSentences } from './split-sentences.js';
import type { Language, RetrievedPassage } from './types.js';

const quoteMarkPairs: Record<'en' | 'zh', Array<[string, string]>> = {
  en: [['“', '”'], ['「', '」'], ['『', '』']],
  zh: [['「', '」'], ['『', '』'], ['“', '”']],
};

/** One quote of an answer: `- “text”[k]`, verbatim, with the marker of its passage. */
function quoteLine(quote: { text: string; passageNumber: number }, language: Language): string {
  const [open, close] = quoteMarksFor(quote.text, language);
  return `- ${open}${quote.text}${close}[${quote.passageNumber}]`;
}

/** Quote marks that do not occur in the quoted text, so the quote's end is unambiguous. */
function quoteMarksFor(text: string, language: Language): [string, string] {
  const pairs = quoteMarkPairs[language === 'en' ? 'en' : 'zh'];
  return pairs.find(([open, close]) => !text.includes(open) && !text.includes(close)) ?? pairs[0]!;
}

const quantityQuestion = /\b(?:how (?:much|many|big|large|long|far|fast)|what (?:(?:is|was|are|were) the )?(?:share|percentage|proportion|amount|number))\b|多少|(?<!哪)(?:幾|几)(?:個|个|家|名|款|件|次|倍|成|萬|万|億|亿|百|千|十)|多大|多高|多久|百分之|比例|份額|份额|占有率|佔有率|市占率|市佔率/iu;
const quantityText = /\d|[一二三四五六七八九十兩两百千萬万億亿]+\s*(?:個|个|萬|万|億|亿|倍|成|%|％|家|名|款|件|次|年)|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|thousands?|millions?|billions?|dozens?|several)\b/iu;

function asksForQuantity(question: string): boolean {
  return quantityQuestion.test(question);
}

/** Dates and times are numbers too, but never the answer to "how many": "November 13th", "2024年1月24日". */
const dateText = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:19|20)\d{2}\b|\b(?:in|since|until|till|by|around|circa|c\.) 1\d{3}\b(?![,.]?\d| ?%)|(?<![\d.])(?:\d{1,4}\s*年|\d{1,2}\s*(?:月|日|號|号|時|时|點|点))(?:\d+\s*(?:月|日|號|号))*/giu;

/** "When…?", "哪天", "哪一年": asks for a date, so a sentence without one does not answer it. */
const dateQuestion = /\b(?:when|what (?:year|date|day)|which (?:year|date|day))\b|哪天|哪一天|哪一年|哪年|什么时候|什麼時候|何时|何時|几月|幾月|几号|幾號|哪个月|哪個月/iu;

/**
 * Years of any century and their decades (the 1050s), "3 May", weekdays and relative days, beyond what `dateText` reads; and
 * the times of day, seasons and periods that answer "when does it come out?" (夜间, "in winter").
 */
const otherDateText = /\b(?:1\d|20)\d{2}s?\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:january|february|march|april|june|july|august|september|october|november|december|today|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|今天|昨天|去年|今年|明年|上月|下月|本月|年初|年底|月初|月底|\b(?:morning|afternoon|evening|night|nights|nighttime|dawn|dusk|noon|midnight|spring|summer|autumn|winter|century|centuries|decade)\b|[一二三四五六七八九十〇零]+(?:年|月|日|號|号)|早上|上午|中午|下午|傍晚|晚上|夜間|夜间|夜晚|夜裡|夜里|白天|白晝|白昼|清晨|黃昏|黄昏|凌晨|深夜|春天|春季|夏天|夏季|秋天|秋季|冬天|冬季|世紀|世纪|年代|時期|时期|期間|期间|朝代/iu;

/** The Latin names (Capitalised, or with a digit) of a question written mostly in Chinese, lower-cased. */
function latinNamesInChineseQuestion(question: string): string[] {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = question.match(/[A-Za-z]/gu)?.length ?? 0;
  if (han === 0 || 2 * han < latin) return [];
  return [...new Set((question.normalize('NFKC').match(/[A-Za-z][A-Za-z0-9-]*/gu) ?? []).filter((word) => /\d/u.test(word) || (/^[A-Z][a-z]{2,}/u.test(word))).map((word) => word.toLowerCase()))];
}

function containsDate(text: string): boolean {
  dateText.lastIndex = 0;
  return dateText.test(text) || otherDateText.test(text);
}

/**
 * A sentence that opens by pointing back ("This solves the problem…", "It was approved by 75%",
 * "這項技術…"): it says nothing on its own about what it points to, which the sentence before names.
 * An "it" that announces a clause ("It is believed that…") points nowhere.
 */
const pointsBack = /^(?:(?:this|these|that|those|they|their|them|he|his|she|her|such)\b|it\b(?! (?:is|was|has been) \w+ (?:that|to)\b)|its\b)|^(?:他|她|它|這|这|該|该|其(?!他|它|實|实|餘|余))/iu;

/** "Today", "right now": archived articles answer it only where they say so themselves. */
const liveQuestion = /\b(?:today|right now|currently)\b|今天|今日|現在|现在|此刻/iu;
const liveText = /\b(?:today|now|currently)\b|今天|今日|現在|现在|目前|此刻/iu;

function containsQuantity(text: string): boolean {
  return quantityText.test(text.replace(dateText, ' '));
}


export interface ExtractiveAnswer {
  /** Markdown: a lead line, then verbatim quotes each followed by its marker `[k]`; meant for `verifyCitations`. */
  text: string;
  /** Set when the answer is a refusal that quotes what the sources say nearby: why it refuses. */
  refusal?: string;
}

export interface ExtractiveOptions {
  /** How many top passages to take sentences from. */
  passages?: number;
  maxQuotes?: number;
  /** A sentence must cover at least this share of the question to be quoted. */
  minCoverage?: number;
  /** For a follow-up: the earlier question it leans on. */
  conversation?: string;
  /** How a text covers a passage's search text (the `minCoverage` gate); defaults to plain keyword coverage. Retrieval passes its own, which crosses languages. */
  createCoverage?: (text: string) => (passageSearchText: string) => number;
  /** The question read by `analyzeQuestion`, when the caller has read it already. */
  analysis?: QuestionAnalysis;
  /** The coverage sentences are ranked by, when it differs from the gate's (retrieval's, fair to either language). */
  createRankingCoverage?: (text: string) => (passageSearchText: string) => number;
  /**
   * Whether a passage names every name the question asks about, in either language (retrieval's
   * `namesAll`). When some passage does, only its windows are quoted: "When did Jensen Huang visit
   * Shanghai?" is not answered by the day he met Japan's prime minister.
   */
  namesAll?: (passageSearchText: string) => boolean;
}

/**
 * Builds an offline answer: a short lead line in the question's language, then the 1–3
 * sentences of the top passages that best cover the question, each quoted verbatim with a
 * marker `[k]` naming its passage (1-based index into `retrieved`). Returns undefined when no
 * sentence covers the question, so the caller refuses. The output is meant to go through
 * `verifyCitations` like any model answer.
 */
export function buildExtractiveAnswer(
  question: string,
  retrieved: RetrievedPassage[],
  language: Language,
  options: ExtractiveOptions = {},
): ExtractiveAnswer | undefined {
  const { passages = 4, maxQuotes = 3, minCoverage = 0.3 } = options;
  const wantsQuantity = asksForQuantity(question);
  const wantsDate = dateQuestion.test(question);
  const latinNames = latinNamesInChineseQuestion(question);
  const wantsLive = liveQuestion.test(question);
  const analysis = options.analysis ?? analyzeQuestion(question);
  const checkWindow = createEssentialCheck(question, analysis);
  const questionTokens = weighQuestionTokens(normalizeSearchText(question)).filter((entry) => entry.weight > 0);
  const askedYears = analysis.essentialTerms.filter((term) => term.role === 'year').map((term) => term.text);
  // The best window that would answer but for its year: quoted in the refusal, as what the sources do give.
  let yearOnly: { text: string; passageNumber: number; score: number } | undefined;
  // A follow-up that points into a list ("第二件呢？") is answered by the first paragraph of that item.
  const ordinal = options.conversation ? readOrdinal(question) : undefined;
  const itemOpening = ordinal === undefined
    ? undefined
    : retrieved.slice(0, passages).map((hit) => hit.passage).filter((passage) => readListItem(passage) === ordinal)
      .sort((left, right) => left.paragraph - right.paragraph || left.chunk - right.chunk)[0]?.id;
  const createCoverage = options.createCoverage ?? ((text: string) => createKeywordCoverage(normalizeSearchText(text)));
  // A follow-up's own words count fully; the earlier question's topic counts for half.
  const coverageFrom = (create: (text: string) => (passageSearchText: string) => number) => {
    const questionCoverage = create(question);
    const conversationCoverage = options.conversation ? create(`${question} ${options.conversation}`) : () => 0;
    return (searchText: string) => Math.max(questionCoverage(searchText), conversationCoverage(searchText) / 2);
  };
  const coverageIn = coverageFrom(createCoverage);
  // `text` is the window judged; `antecedent` and `continuation` are quoted around it (`surroundingsOf`).
  const scored: Array<{ text: string; antecedent?: string; continuation?: string; passageNumber: number; score: number; naming: boolean }> = [];
  // Sentences are compared by a coverage that counts terms alike in either language, when given.
  const rankingIn = options.createRankingCoverage ? coverageFrom(options.createRankingCoverage) : coverageIn;
  retrieved.slice(0, passages).forEach((hit, passageIndex) => {
    const sentences = splitSentences(hit.passage.text);
    const passageText = `${hit.passage.title} ${hit.passage.text}`.normalize('NFKC').toLowerCase();
    // A sentence is read with what its passage said before it: "体长可达76公分" is about the fish
    // the passage named first, "in 1081 he led an army" about the Robert named before. Question
    // words found only earlier in the passage (or in its title) count for part of their weight.
    const ownCoverageOf = (text: string) => coverageIn(normalizeSearchText(text));
    const readInContext = new Map<string, { own: number; added: number }>();
    const coverageWithContext = (text: string, credit: number) => {
      let read = readInContext.get(text);
      if (!read) {
        const own = ownCoverageOf(text);
        const start = hit.passage.text.indexOf(text);
        // The title, the passage's first sentence (where it names its subject) and the sentence just before.
        const previous = sentences.findLast((sentence) => sentence.end <= start);
        const context = [hit.passage.title, sentences[0] && sentences[0].end <= start ? sentences[0].text : '', previous && previous !== sentences[0] ? previous.text : ''];
        const added = own >= 1 ? 0 : Math.max(0, ownCoverageOf(`${context.join(' ')} ${text}`) - own);
        readInContext.set(text, (read = { own, added }));
      }
      return read.own + credit * read.added;
    };
    const coverageOf = (text: string) => coverageWithContext(text, contextCredit.ranking);
    // What a window is quoted with, beyond itself (it is judged alone): the sentence before, when the
    // window opens by pointing back to it ("This solves the problem…"); the sentence after, when that
    // one goes on about the window's subject and holds an asked-about word the window lacks ("This
    // hypothesis is called…"). Both only while the quote stays within `maxQuoteLength`.
    const surroundingsOf = (text: string): { antecedent?: string; continuation?: string } => {
      const start = hit.passage.text.indexOf(text);
      const end = start + text.length;
      const previous = sentences.findLast((sentence) => sentence.end <= start);
      const antecedent = pointsBack.test(text) && previous && end - previous.start <= maxQuoteLength ? hit.passage.text.slice(previous.start, start) : undefined;
      const next = sentences.find((sentence) => sentence.start >= end);
      const addsWords = next && pointsBack.test(next.text) && (antecedent?.length ?? 0) + next.end - start <= maxQuoteLength
        && ownCoverageOf(hit.passage.text.slice(start, next.end)) > ownCoverageOf(text) + 0.005;
      return { antecedent, continuation: addsWords ? hit.passage.text.slice(end, next.end) : undefined };
    };
    const singles = sentences.map((sentence) => coverageOf(sentence.text));
    const passageCoverage = rankingIn(hit.passage.searchText);
    const passageNames = options.namesAll?.(hit.passage.searchText) ?? true;
    sentences.forEach((sentence, index) => {
      // A lead-in sentence and the one after it ("stocks fell on Tuesday. Lasertec dropped 4%")
      // are quoted together when together they cover clearly more of the question.
      const next = sentences[index + 1];
      const pair = next ? { text: hit.passage.text.slice(sentence.start, next.end), coverage: coverageOf(hit.passage.text.slice(sentence.start, next.end)) } : undefined;
      const single = { text: sentence.text, coverage: singles[index]! };
      const pairAddsCoverage = pair !== undefined && pair.coverage >= Math.max(single.coverage, singles[index + 1]!) + 0.15;
      // "How much…?" answered by "Stocks fell on Tuesday. Lasertec dropped 4%": the number is next door.
      const pairAddsNumber = pair !== undefined && wantsQuantity && !containsQuantity(single.text) && containsQuantity(next!.text);
      const preferred = pair && pair.text.length <= maxQuoteLength && (pairAddsCoverage || pairAddsNumber) ? pair : single;
      // A window that lacks a name the question asks about widens by a sentence to take it in
      // ("The fund was proposed in 2023. It gave Rapidus 920 billion yen"), if that is enough.
      const previous = sentences[index - 1];
      let candidate = preferred;
      let verdict = checkWindow(preferred.text, hit.passage);
      for (const widerText of [pair?.text, previous && hit.passage.text.slice(previous.start, sentence.end)]) {
        if (verdict !== 'misses-name' || !widerText || widerText === preferred.text || widerText.length > maxQuoteLength) continue;
        const widerVerdict = checkWindow(widerText, hit.passage);
        if (widerVerdict === 'answers' || widerVerdict === 'other-year') [candidate, verdict] = [{ text: widerText, coverage: coverageOf(widerText) }, widerVerdict];
      }
      // "第二件呢？": the opening sentence of the item it points at states that item, whatever its words.
      const opensItem = index === 0 && hit.passage.id === itemOpening;
      if (opensItem) candidate.coverage = 1;
      if (candidate.text.length < 6) return;
      // A question that asks for a number is not answered by a sentence without one.
      if (wantsQuantity && !containsQuantity(candidate.text)) return;
      if (wantsDate && !containsDate(candidate.text)) return;
      // A Latin name or model number written inside a Chinese question (Blackwell, H20) is written
      // so in Chinese sources too: a passage without it is about something else.
      if (latinNames.some((name) => !passageText.includes(name))) return;
      if (wantsLive && !liveText.test(candidate.text)) return;
      if (verdict === 'misses' || verdict === 'misses-name') return;
      // The window must cover the question with little help from the passage before it.
      if (!opensItem && coverageWithContext(candidate.text, contextCredit.gate) < minCoverage) return;
      // Prefer higher-ranked passages a little, and shorter sentences when coverage ties. The
      // passage's own coverage (its search text includes its section heading) counts for a third.
      const ranking = opensItem || rankingIn === coverageIn ? candidate.coverage : Math.max(candidate.coverage, rankingIn(normalizeSearchText(candidate.text)));
      const score = (2 * ranking + passageCoverage) / 3 - passageIndex * 0.05 - Math.min(candidate.text.length, maxQuoteLength) / 40_000;
      if (verdict === 'other-year') {
        if (!yearOnly || score > yearOnly.score) yearOnly = { text: candidate.text, passageNumber: passageIndex + 1, score };
        return;
      }
      scored.push({ text: candidate.text, ...surroundingsOf(candidate.text), passageNumber: passageIndex + 1, score, naming: passageNames });
    });
  });
  if (scored.length === 0) {
    if (!yearOnly) return undefined;
    // Sentences that would answer but for the year: a refusal that says what the sources do cover, cited.
    return { text: `${answerTexts[language].otherYear(askedYears.join(', '))}\n\n${quoteLine(yearOnly, language)}`, refusal: `no quote names ${askedYears.join(', ')}` };
  }
  const naming = scored.some((candidate) => candidate.naming) ? scored.filter((candidate) => candidate.naming) : scored;
  const best = Math.max(...naming.map((candidate) => candidate.score));
  const pool = naming
    .filter((candidate) => candidate.score >= best * 0.75)
    .sort((left, right) => right.score - left.score)
    // A quote that repeats or overlaps a better one (a two-sentence window and its parts) adds nothing.
    .filter((candidate, index, all) => !all.slice(0, index).some((better) => better.text.includes(candidate.text) || candidate.text.includes(better.text)));
  const chosen = pickInformative(pool, maxQuotes, questionTokens);
  // A quote's surroundings are shown unless another quote of its passage holds them already.
  const shown = chosen.map((candidate) => {
    const quotedElsewhere = (extra: string | undefined) => extra === undefined || chosen.some((other) => other !== candidate && other.passageNumber === candidate.passageNumber && other.text.includes(extra.trim()));
    return `${quotedElsewhere(candidate.antecedent) ? '' : candidate.antecedent}${candidate.text}${quotedElsewhere(candidate.continuation) ? '' : candidate.continuation}`;
  });
  const lines = chosen.map((candidate, index) => quoteLine({ text: shown[index]!, passageNumber: candidate.passageNumber }, language));
  // The span is looked for in the window judged first, then in the sentence shown before it.
  const span = answerSpanOf(question, analysis, chosen[0]!.text, questionTokens) ?? answerSpanOf(question, analysis, shown[0]!, questionTokens);
  return { text: `${span ? answerLeads[language](span) : answerTexts[language].lead}\n\n${lines.join('\n')}` };
}

/** The longest window of two sentences quoted together, in characters; one long sentence is quoted whole. */
const maxQuoteLength = 400;

/**
 * The share of its weight a question word gets in a sentence's coverage when the passage names
 * it only before the sentence: when sentences are ranked, and at the relevance gate. The gate's
 * is small: more would let sentences of a passage on the topic answer what it never says (it
 * cost SQuAD 2.0's unanswerable refusals 0.16 → 0.13 at 0.25 and more).
 */
const contextCredit = { ranking: 0.5, gate: 0.15 };

/** How much a quote's new question words count against its score when the second and third quotes are chosen. */
const newWordsWeight = 0.3;

/**
 * Picks up to `count` quotes, best first: the top-scoring one, then each time the one whose score
 * plus the share of the question's words it adds to those picked is highest. Beside a quote that
 * names the subject, one that holds the asked-about words ("毕业 … 大学") comes before another
 * that only names the subject again.
 */
export function pickInformative<Quote extends { text: string; score: number }>(candidates: readonly Quote[], count: number, questionTokens: ReadonlyArray<{ token: string; weight: number }>): Quote[] {
  const totalWeight = questionTokens.reduce((sum, entry) => sum + entry.weight, 0);
  const left = [...candidates];
  const picked: Quote[] = [];
  while (picked.length < count && left.length > 0) {
    const paddedPicked = ` ${normalizeSearchText(picked.map((entry) => entry.text).join(' '))} `;
    const newWords = (text: string): number => {
      if (picked.length === 0 || totalWeight === 0) return 0;
      const padded = ` ${normalizeSearchText(text)} `;
      return questionTokens.reduce((sum, entry) => sum + (!matchesToken(entry.token, paddedPicked) && matchesToken(entry.token, padded) ? entry.weight : 0), 0) / totalWeight;
    };
    let bestIndex = 0;
    let bestValue = -Infinity;
    left.forEach((entry, index) => {
      const value = entry.score + newWordsWeight * newWords(entry.text);
      if (value > bestValue) [bestIndex, bestValue] = [index, value];
    });
    picked.push(left.splice(bestIndex, 1)[0]!);
  }
  return picked;
}

/** The answer first, in bold, in the asker's language: the quotes below bear it out. */
const answerLeads: Record<Language, (span: string) => string> = {
  en: (span) => `**${span}**, according to the sources:`,
  'zh-Hant': (span) => `根據資料來源：**${span}**`,
  'zh-Hans': (span) => `根据资料来源：**${span}**`,
};

/** The unit a Chinese question counts in, by its first character (多少公里, 几座, 多少平方米), or the thing an English one counts ("how many megaregions"). */
const askedUnit = /(?:多少|几|幾)(\p{Script=Han})|\bhow many ([a-z]{3,})/u;

/** How far from a span its question's words still count, in characters (fading with the distance). */
const spanContextReach = { han: 15, latin: 50 } as const;

/**
 * The span of the best quote that answers a question asking for a count, an amount, a share, a
 * date, a person or a place (`analyzeQuestion`); the question's own names are never its answer
 * ("In what country is Normandy?" is not "Normandy"). Of several, the one in the unit the question
 * counts in comes first (多少公里 → 364.6公里, not 49座), then the one with most of the question's
 * words around it ("何時成功連任" → the year beside 連任, not the first year). Undefined when the
 * question asks for none or the quote holds none.
 */
function answerSpanOf(question: string, analysis: QuestionAnalysis, quote: string, questionTokens: ReadonlyArray<{ token: string; weight: number }>): string | undefined {
  const named = new Set(analysis.essentialTerms.filter((term) => term.role === 'entity').flatMap((term) => term.forms));
  const questionText = question.normalize('NFKC').toLowerCase();
  const spans = findAnswerSpans(quote, analysis.kind).filter((span) => !named.has(span.text.toLowerCase()) && !questionText.includes(span.text.toLowerCase()));
  if (spans.length <= 1) return spans[0]?.text;
  const unitMatch = askedUnit.exec(toSimplified(questionText));
  const unit = unitMatch?.[1] ?? unitMatch?.[2]?.replace(/s$/u, '');
  // Where each of the question's words stands in the quote (a Latin word by its first letters, so "normans" finds "Normans'").
  const foldedQuote = toSimplified(quote.normalize('NFKC').toLowerCase());
  const positions = questionTokens.filter((entry) => entry.weight > 0).map((entry) => {
    const needle = /\p{Script=Han}/u.test(entry.token) ? entry.token : entry.token.slice(0, Math.max(4, entry.token.length - 2));
    const found: number[] = [];
    for (let at = foldedQuote.indexOf(needle); at >= 0; at = foldedQuote.indexOf(needle, at + 1)) found.push(at);
    return { weight: entry.weight, found, length: needle.length };
  });
  const valueOf = (span: (typeof spans)[number]) => {
    const reach = /\p{Script=Han}/u.test(quote.slice(Math.max(0, span.start - 2), span.end + 2)) ? spanContextReach.han : spanContextReach.latin;
    // Each word counts the more, the nearer it stands to the span.
    const nearWords = positions.reduce((sum, { weight, found, length }) => {
      const gap = Math.min(Infinity, ...found.map((at) => Math.max(0, span.start - (at + length), at - span.end)));
      return sum + weight * Math.max(0, 1 - gap / reach);
    }, 0);
    const inUnit = unit !== undefined && toSimplified(quote.slice(span.start, span.end + unit.length + 2).normalize('NFKC').toLowerCase()).includes(unit);
    return (inUnit ? 100 : 0) + nearWords;
  };
  return spans.reduce((best, span) => (valueOf(span) > valueOf(best) ? span : best)).text;
}
