import { toSimplified, toTraditional } from './chinese-script.js';
import { isFollowUp } from './rewrite-follow-up.js';
import { keywordCoverage } from './keyword-coverage.js';
import { normalizeSearchText } from './normalize-search-text.js';
import { splitSentences } from './split-sentences.js';
import type { Language, PassageKind } from './types.js';

/** A question drafted from a cited document, with the words an answer to it must hold. */
export interface FollowUpDraft {
  question: string;
  /** The source's own words the question is about; a passage that answers it holds them. */
  keyText: string;
  /** The paragraph the question was drafted from. */
  docId: string;
  paragraph: number;
}

export interface FollowUpSource {
  /** The question that was answered (standalone), and earlier user questions: never suggested again. */
  asked: string[];
  /** The asker's language: drafts are written in it, from documents in the same language. */
  language: Language;
  /** The cited paragraphs, nearest first. */
  cited: Array<{ docId: string; paragraph: number }>;
  /** The cited documents. */
  documents: Array<{ docId: string; language: Language; paragraphs: Array<{ n: number; kind: PassageKind; text: string }> }>;
}

/** How many paragraphs either side of a cited one are mined for names and figures. */
const neighbourhood = 2;

const han = /\p{Script=Han}/u;

/** A short body line with no sentence end, followed by a longer paragraph: a section heading. */
function isHeading(text: string, next: string | undefined): boolean {
  const length = [...text].length;
  const chinese = han.test(text);
  if (!next || [...next].length < 2 * length) return false;
  // Three characters ("稳市场") or one word name a section too loosely to ask about.
  if (chinese ? length < 4 || length > 30 : text.split(/\s+/u).length < 2 || text.split(/\s+/u).length > 10) return false;
  return !/[。！？!?.…:：，,;；、]$/u.test(text);
}

// English: "Masayoshi Son, the founder of SoftBank, said" → What did Masayoshi Son say?
const speakerPattern = /\b((?:[A-Z][a-z]+|[A-Z]{2,})(?: (?:[A-Z][a-z]+|[A-Z]{2,}))+)(?:, [^,.;"“”]{1,80},)? (said|stated|noted|added|explained|announced|revealed)\b/gu;
// A title ("Prime Minister, Shigeru Ishiba, announced") names an office, not a speaker.
const titleWord = /\b(?:Prime|Minister|President|Chairman|Secretary|Director|Officer|Government|Ministry)\b/u;
const speakerVerbs: Record<string, string> = { said: 'say', stated: 'say', noted: 'say', added: 'say', explained: 'say', announced: 'announce', revealed: 'reveal' };

// English: "Lasertec dropped by more than 4%" → How much did Lasertec drop?
const amountVerbs: Record<string, string> = {
  rose: 'rise', fell: 'fall', dropped: 'drop', increased: 'increase', decreased: 'decrease', grew: 'grow', declined: 'decline',
  jumped: 'jump', climbed: 'climb', contributed: 'contribute', invested: 'invest', raised: 'raise', spent: 'spend', paid: 'pay',
  promised: 'promise', pledged: 'pledge', earned: 'earn', lost: 'lose',
};
const amount = String.raw`(?:by )?(?:(?:more than|over|about|around|nearly|almost|approximately|at least) )?[$¥€£]?\d[\d.,]*(?: ?%| (?:million|billion|trillion|thousand))?(?: (?:yen|dollars|yuan|euros|points))?`;
const amountPattern = new RegExp(String.raw`\b((?:[A-Z][\w&-]*)(?: [A-Z][\w&-]*)*) (${Object.keys(amountVerbs).join('|')}) ${amount}([^.;:,"“”]{0,60})`, 'gu');

// Chinese: a clause with a figure and its unit; Chinese asks in place, so the figure becomes 多少.
const counted = String.raw`\d[\d.,]*(?:[萬万億亿千百])*(?=(?:多)?(?:個|个|倍|美元|日圓|日元|人民幣|人民币|元|台|張|张|家|名|人|款|次|%|％))`;
const chineseFigure = new RegExp(String.raw`(?<![-~～至到\d.])(?:大約|大约|約|约|近|超過|超过|逾)?${counted}`, 'u');
const anyFigure = new RegExp(counted, 'gu');
// A clause that opens with a pronoun or a preposition has its subject elsewhere: asked alone, it means nothing.
const subjectless = /^(?:去年|今年|明年|前年|當天|当天|同年|\d|其|該|该|他|她|它|這|这|此|在|將|将|較|较|比|對|对|從|从|以|為|为|于|於|至|到)/u;

/** The figure in a Chinese clause replaced by 多少, or undefined when it has no counted figure. */
function askChineseFigure(clause: string): string | undefined {
  // One figure only: "從14%激增至34.6%" or "20-30倍" asked about one of them reads as a riddle.
  if ((clause.match(anyFigure) ?? []).length !== 1 || subjectless.test(clause)) return undefined;
  const match = chineseFigure.exec(clause);
  if (!match) return undefined;
  const before = clause.slice(0, match.index);
  // A subject and a verb before the figure: at least five Han characters.
  if ((before.match(/\p{Script=Han}/gu) ?? []).length < 5) return undefined;
  let after = clause.slice(match.index + match[0].length).replace(/^多/u, '');
  if (/^[%％]/u.test(after)) after = after.slice(1).replace(/^的/u, '');
  after = after.replace(/(?:並|并|且|而).*$/u, '').replace(/(?:左右|以上|多)$/u, '');
  if (/的$/u.test(after)) return undefined;
  return `${before}多少${after}`;
}

function chineseClauses(text: string): string[] {
  return text
    .split(/[，。；：！？,;:!?（）()]/u)
    .map((clause) => clause.trim().replace(/^(?:而|但|並|并|且|其中|此外|另外|同時|同时|目前|當時|当时|不過|不过|此前)/u, '').replace(/^(?:稱|称|說|说)?[“「『"]/u, ''))
    // A quote cut open by the clause's end loses its marks.
    .map((clause) => ((clause.match(/[“「『]/gu) ?? []).length === (clause.match(/[”」』]/gu) ?? []).length ? clause : clause.replace(/[“”「」『』]/gu, '')))
    .filter((clause) => [...clause].length >= 8 && [...clause].length <= 40);
}

const templates: Record<Language, { about: (topic: string) => string; say: (name: string, verb: string) => string; ask: (question: string) => string }> = {
  en: {
    about: (topic) => `What does the article say about ${topic}?`,
    say: (name, verb) => `What did ${name} ${verb}?`,
    ask: (question) => `${question}?`,
  },
  'zh-Hant': {
    about: (topic) => `關於「${topic}」，報導說了什麼？`,
    say: () => '',
    ask: (question) => `${question}？`,
  },
  'zh-Hans': {
    about: (topic) => `关于“${topic}”，报道说了什么？`,
    say: () => '',
    ask: (question) => `${question}？`,
  },
};

function draftsFromParagraph(text: string, language: Language): Array<{ question: string; keyText: string }> {
  const template = templates[language];
  const drafts: Array<{ question: string; keyText: string }> = [];
  if (language === 'en') {
    const subjects = new Set<string>();
    for (const sentence of splitSentences(text)) {
      for (const match of sentence.text.matchAll(amountPattern)) {
        const [, subject, verb, rest] = match as unknown as [string, string, string, string];
        // "Advantest and Tokyo Electron fell by 3.2% and 2.8%": one of several subjects, one of several figures.
        if (/(?:\band|,) $/u.test(sentence.text.slice(0, match.index)) || subjects.has(subject)) continue;
        subjects.add(subject);
        const tail = rest.trim().replace(/(?:^|\s+)(?:while|and|but|which|as|respectively)\b.*$/u, '');
        drafts.push({ question: template.ask(`How much did ${subject} ${amountVerbs[verb]}${tail ? ` ${tail}` : ''}`), keyText: `${subject} ${verb} ${tail}` });
      }
      for (const match of sentence.text.matchAll(speakerPattern)) {
        const [, name, verb] = match as unknown as [string, string, string];
        if (titleWord.test(name)) continue;
        drafts.push({ question: template.say(name, speakerVerbs[verb]!), keyText: `${name} ${verb}` });
      }
    }
    return drafts;
  }
  for (const clause of chineseClauses(text)) {
    const asked = askChineseFigure(clause);
    if (asked) drafts.push({ question: template.ask(asked), keyText: asked.replace('多少', ' ') });
  }
  return drafts;
}

/** Chinese text in the asker's script; English as it is. */
function inScript(text: string, language: Language): string {
  if (language === 'zh-Hant') return toTraditional(text);
  if (language === 'zh-Hans') return toSimplified(text);
  return text;
}

/**
 * Drafts follow-up questions from the cited documents, never from anywhere else: the section
 * headings of the cited documents ("What does the article say about <heading>?"), figures in the
 * cited paragraphs and their neighbours turned into questions (Chinese asks in place, so
 * "營收為170億美元" becomes "營收為多少美元？"; English takes "X rose by 4%" → "How much did X
 * rise?"), and English speakers ("What did Masayoshi Son say?"). Drafts come nearest to a cited
 * paragraph first, in the asker's language and script, from documents in that language only;
 * one that repeats a question already asked, or that would be read as a follow-up of it, is left
 * out. Drafts are unverified: the engine keeps those retrieval can answer. Pure; never throws.
 *
 * @example draftFollowUps({ asked: ['How much did SoftBank invest in OpenAI?'], language: 'en', cited, documents })
 */
export function draftFollowUps(source: FollowUpSource): FollowUpDraft[] {
  const { language } = source;
  const sameLanguage = (documentLanguage: Language) => (documentLanguage === 'en') === (language === 'en');
  const askedSearchTexts = source.asked.map((question) => normalizeSearchText(question));
  const history = source.asked.map((content) => ({ role: 'user' as const, content }));
  const ranked: Array<FollowUpDraft & { distance: number }> = [];
  for (const document of source.documents) {
    if (!sameLanguage(document.language)) continue;
    const body = document.paragraphs.filter((paragraph) => paragraph.kind === 'body');
    const citedHere = source.cited.filter((cited) => cited.docId === document.docId).map((cited) => cited.paragraph);
    if (!citedHere.length) continue;
    const distanceOf = (n: number) => Math.min(...citedHere.map((paragraph) => Math.abs(paragraph - n) + (n < paragraph ? 0.5 : 0)));
    body.forEach((paragraph, index) => {
      const distance = distanceOf(paragraph.n);
      const text = paragraph.text.trim();
      const add = (question: string, keyText: string, extra = 0) =>
        ranked.push({ question: inScript(question, language), keyText: inScript(keyText, language), docId: document.docId, paragraph: paragraph.n, distance: distance + extra });
      if (isHeading(text, body[index + 1]?.text)) {
        // A heading is about the paragraphs after it: rank it by the nearest of them.
        const topic = text.replace(/^第[一二三四五六七八九十\d]+[件個个點点][事]?[，,、：:\s]*/u, '');
        add(templates[language].about(topic), topic, -0.25);
        return;
      }
      if (distance > neighbourhood) return;
      for (const draft of draftsFromParagraph(text, language)) if (draft.question) add(draft.question, draft.keyText);
    });
  }
  ranked.sort((left, right) => left.distance - right.distance);
  const seen = new Set<string>();
  const drafts: FollowUpDraft[] = [];
  for (const { distance: _distance, ...draft } of ranked) {
    const searchText = normalizeSearchText(draft.question);
    if (seen.has(searchText)) continue;
    seen.add(searchText);
    // Already asked: the earlier question covers the draft's words (or the draft covers its).
    if (askedSearchTexts.some((asked) => keywordCoverage(searchText, asked) >= 0.8 || keywordCoverage(asked, searchText) >= 0.8)) continue;
    // Clicked, it is sent after the answer: it must stand alone, not lean on the conversation.
    if (isFollowUp(draft.question, history)) continue;
    drafts.push(draft);
  }
  return drafts;
}
