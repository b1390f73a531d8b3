import { analyzeQuestion, type EssentialTerm, type QuestionAnalysis } from './analyze-question.js';
import { toSimplified } from './chinese-script.js';
import { findAnswerSpans, findMoneySpans } from './find-answer-spans.js';
import { matchesToken } from './keyword-coverage.js';
import { normalizeSearchText } from './normalize-search-text.js';
import type { Passage } from './types.js';

/**
 * What a quoted window is to a question, beyond sharing its words:
 * - `answers`: it holds what the question cannot do without;
 * - `other-year`: it speaks of another year than the one asked, which its passage never names;
 * - `misses-name`: it lacks a name the question asks about (a wider window may hold it);
 * - `misses`: it lacks a sum of money or a share the question asks for, or its passage never
 *   names what the question counts ("how many employees").
 */
export type WindowVerdict = 'answers' | 'other-year' | 'misses-name' | 'misses';

/** Asks for a sum of money: a price, a revenue, a cost, "how much … pay". */
const moneyQuestion = /\b(?:price|cost|revenue|sales|salary|valuation|market cap)\b[^?]*\b(?:how much|what)\b|\b(?:how much|what)\b[^?]*\b(?:price|cost|costs|revenue|sales|salary|valuation|worth)\b|\bhow much\b[^?]*\b(?:pay|paid|spend|spent|invest|invested|raise|raised|earn|earned|charge|charged)\b|(?:售价|价格|价钱|营收|营业额|金额|预算|市值|估值|薪水|工资|净利|利润)[^？?]{0,6}(?:多少|几何)|多少钱/u;

/** A share in words rather than digits: half, a third, most; 一半, 三分之一, 大部分. */
const shareInWords = /\b(?:half|thirds?|quarters?|fifths?|tenths?|majority|minority|most|all|none)\b|[一二三四五六七八九十百千万\d]+分之[一二三四五六七八九十\d]+|一半|半数|半數|大半|大部分|多数|多數|绝大多数|絕大多數|過半|过半|全部/u;

/** The noun right after "how many" (`how many employees`). */
const howManyNoun = /\bhow many ([a-z][a-z-]+)/u;

/** A year written as digits in a text (1066, 2025年): its neighbours are not digits. */
const yearInText = /(?<!\d[.,]?)(?:1\d|20)\d{2}(?![.,]?\d)/u;

/**
 * Whether a word of the text is another form of a word: the two share all but their last three
 * letters, and at least five (combinatory ⇄ combinatorial, employees ⇄ employment).
 */
function holdsWordForm(word: string, words: readonly string[]): boolean {
  const stem = word.slice(0, Math.max(5, word.length - 3));
  return word.length >= 6 && words.some((other) => other.startsWith(stem));
}

/** A text's search tokens, for `holdsTerm`: normalised once per text, whatever the number of terms. */
function tokenView(text: string): { padded: string; words: string[] } {
  const searchText = normalizeSearchText(text, { hanWords: false });
  return { padded: ` ${searchText} `, words: searchText.split(' ') };
}

/** Whether a text holds one of a term's forms, as a search token (lightly stemmed: NVIDIA's, Stearns, combinatorial). */
function holdsTerm(view: { padded: string; words: string[] }, term: EssentialTerm): boolean {
  return term.forms.some((form) => normalizeSearchText(form, { hanWords: false }).split(' ').every((token) => matchesToken(token, view.padded) || holdsWordForm(token, view.words)));
}

/** A pronoun that stands for someone or something named before: "in 1081 he led an army". */
const anaphor = /\b(?:he|she|they|his|her|their|its|him|them)\b/iu;
/** How far back a pronoun's antecedent is looked for, in characters: about two sentences. */
const antecedentReach = 300;

/**
 * Whether a window that lacks the question's names refers back to them: it holds a pronoun,
 * and the passage names every missing name in the text just before the window ("Robert
 * continued his campaign. … in 1081 he led an army of 30,000 men").
 */
function refersBack(window: string, passageText: string, missing: readonly EssentialTerm[]): boolean {
  if (!anaphor.test(window)) return false;
  const start = passageText.indexOf(window);
  if (start <= 0) return false;
  const before = tokenView(passageText.slice(Math.max(0, start - antecedentReach), start));
  return missing.every((term) => holdsTerm(before, term));
}

/**
 * Prepares a question's checks on quoted windows (`WindowVerdict`). Names are checked on the
 * window itself and what is counted on the passage, both only in English passages: a Latin name may be written otherwise in Chinese
 * ("How has British art survived in Normandy?" is not answered by a sentence on Norman art in
 * England that never says Normandy). A year is checked on the whole passage, since the window may
 * say "that year"; only a window naming another year is set aside, to be cited in a refusal
 * ("the sources give 2024, not 2025"). Pure.
 */
export function createEssentialCheck(
  question: string,
  analysis: Pick<QuestionAnalysis, 'kind' | 'essentialTerms'> = analyzeQuestion(question),
): (window: string, passage: Pick<Passage, 'text' | 'title' | 'language'>) => WindowVerdict {
  const terms = analysis.essentialTerms;
  const years = terms.filter((term) => term.role === 'year').map((term) => term.forms[0]!);
  const names = terms.filter((term) => term.role === 'entity' && term.script === 'latin');
  // "How many employees…?": what is counted must be named in the passage. ("Which tactic…?",
  // "what size…?" name no such thing: sources answer them in other words.)
  const counted = howManyNoun.exec(question.normalize('NFKC').toLowerCase())?.[1];
  const askedThings = terms.filter((term) => term.role === 'attribute' && term.script === 'latin' && counted !== undefined && term.forms.includes(counted));
  const wantsMoney = moneyQuestion.test(toSimplified(question.normalize('NFKC')).toLowerCase());
  // One answer checks many windows of the same few passages: each passage is normalised once.
  const passageViews = new Map<string, ReturnType<typeof tokenView>>();
  const passageView = (passageText: string) => {
    let view = passageViews.get(passageText);
    if (!view) passageViews.set(passageText, (view = tokenView(passageText)));
    return view;
  };
  return (window, passage) => {
    const passageText = `${passage.title} ${passage.text}`;
    if (wantsMoney && findMoneySpans(window).length === 0) return 'misses';
    // "What share of the market…?" is not answered by a sentence with a count and no share.
    if (analysis.kind === 'percent' && findAnswerSpans(window, 'percent').length === 0 && !shareInWords.test(window)) return 'misses';
    if (passage.language === 'en' && askedThings.length > 0 && askedThings.some((term) => !holdsTerm(passageView(passageText), term))) return 'misses';
    if (passage.language === 'en' && names.length > 0) {
      const view = tokenView(window);
      const missing = names.filter((term) => !holdsTerm(view, term));
      if (missing.length > 0 && !refersBack(window, passage.text, missing)) return 'misses-name';
    }
    if (years.length > 0 && !years.some((year) => passageText.includes(year)) && yearInText.test(window)) return 'other-year';
    return 'answers';
  };
}
