import type { AnswerKind } from './analyze-question.js';

export interface AnswerSpan {
  kind: AnswerKind;
  start: number;
  end: number;
  text: string;
}

const month = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const weekday = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const hanDigit = '[0-9０-９〇零一二三四五六七八九十百千兩两]';
const measureWord = '(?:(?:平方)?(?:公里|千米|公尺|公分|厘米|英里|英尺|米)|公頃|公顷|公斤|千克|噸|吨|歲|岁|小時|小时|分鐘|分钟|個|个|顆|颗|台|臺|家|名|位|人|款|件|次|張|张|座|所|艘|架|輛|辆|條|条|層|层|筆|笔|項|项|種|种|倍|塊|块|片|枚|部|篇|本|支|隻|只|匹|頭|头|棟|栋|間|间|級|级|代)';
const scaleWord = '(?:萬|万|億|亿|千|百|兆)';
// Not the digits of a model number (GB200, H20).
const number = '(?<![A-Za-z\\d])\\d[\\d,，]*(?:\\.\\d+)?';
const englishScale = '(?:\\s*(?:hundred|thousand|million|billion|trillion|mn|bn|m|b|k)\\b)?';
const approximately = '(?:(?:more than|over|about|around|nearly|almost|some|up to|at least|at most|approximately|roughly|less than|fewer than)\\s+)?';

const datePattern = new RegExp(
  [
    `(?<!\\d)\\d{4}\\s*年(?:\\s*\\d{1,2}\\s*月)?(?:\\s*\\d{1,2}\\s*[日號号])?`,
    `${hanDigit}{2,4}年(?:${hanDigit}{1,3}月)?(?:${hanDigit}{1,3}[日號号])?`,
    `(?<!\\d)\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日號号]`,
    `${hanDigit}{1,3}月${hanDigit}{1,3}[日號号]`,
    `(?<![\\d.])\\d{1,2}\\s*[日號号](?![本元])`,
    `(?<![\\d.])\\d{1,2}\\s*月(?!\\s*\\d)(?![份薪])`,
    `\\b${month}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}(?:,?\\s+\\d{4})?\\b`,
    `\\b${month}\\s+\\d{4}\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)[\\s-]+(?:and\\s+\\d{1,2}(?:st|nd|rd|th)\\s+)?centur(?:y|ies)\\b`,
    `\\b(?:19|20|1[0-8])\\d{2}s?\\b`,
    `\\b${weekday}\\b`,
    `${hanDigit}+\\s*世[紀纪]`,
    `\\d{2,4}\\s*年代`,
    `(?:上|下)半年|明年|去年|今年|前年|(?:next|last|this) (?:year|month|week)|fiscal (?:year )?\\d{4}`,
  ].join('|'),
  'giu',
);

const percentPattern = new RegExp(
  `${approximately}${number}\\s*(?:%|％|percent\\b|per cent\\b|個百分點|个百分点)|百分之${hanDigit}+(?:[.點点]${hanDigit}+)?|[一二三四五六七八九十]成(?![功立为為员員本果績绩长長熟])`,
  'giu',
);

const currencyWord = '(?:yen|dollars?|usd|euros?|yuan|rmb|won|pounds?|美元|美金|日圓|日圆|日元|圓|圆|元|歐元|欧元|英鎊|英镑|新台幣|新台币|台幣|台币|人民幣|人民币|韓元|韩元|港元|港幣)';
const amountPattern = new RegExp(
  [
    `${approximately}(?:US\\$|NT\\$|HK\\$|A\\$|C\\$|\\$|¥|￥|€|£)\\s*${number}${englishScale}`,
    `${approximately}${number}${englishScale}\\s*${currencyWord}`,
    `${number}\\s*${scaleWord}+\\s*${currencyWord}?`,
    `${hanDigit}+${scaleWord}+${currencyWord}`,
  ].join('|'),
  'giu',
);

const countPattern = new RegExp(
  [
    `${approximately}${number}(?:\\s*[-~～至到]\\s*${number})?${englishScale}(?:\\s*${scaleWord}+)?\\s*${measureWord}?`,
    // A number in Chinese numerals is a count where it stands alone or after a word that leads into one (大約兩小時, 共三座).
    `(?:(?<![\\p{Script=Han}])|(?<=[約约近逾達达共有為为是了需要花]))${hanDigit}+${scaleWord}?${measureWord}`,
    `\\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens?|several)\\b`,
  ].join('|'),
  'giu',
);

const personTitle = '(?:董事長|董事长|執行長|执行长|總裁|总裁|首相|總統|总统|總理|总理|部長|部长|主席|創辦人|创办人|創始人|创始人|總經理|总经理|社長|社长|會長|会长|市長|市长|教授|CEO|主任|局長|局长|博士|院士|董事|經理|经理|總監|总监|導演|导演|作家|教練|教练|校長|校长|院長|院长|將軍|将军|國王|国王)';
/**
 * An English name is taken only where something marks it as a person's: a title before it (King
 * Malcolm, Duke Richard II, CEO Jensen Huang), "by" (founded by Shen Yichen), a role or a verb of
 * saying after it ("Jensen Huang, the CEO of NVIDIA", "Masayoshi Son said"), or Chinese text around
 * it. A capitalised run in English text alone is as often a place, a people or an event (Upper
 * Normandy, Some Normans, First Crusade), and a wrong name in bold is worse than none.
 */
const englishPersonCue = '(?:(?:King|Queen|Duke|Duchess|Prince|Princess|Emperor|Empress|Pope|Bishop|Archbishop|Count|Countess|Earl|Lord|Lady|Sir|Dame|Saint|President|Chancellor|Senator|Governor|Mayor|General|Admiral|Captain|Professor|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|CEO|founder|chairman|director|minister|leader|by|named)\\s)';
const englishNameWord = "(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\\.|[IVX]{1,4}\\b)";
const personPattern = new RegExp(
  [
    `(?<=${personTitle})(?![的之和與与及或在于於为為了着著也都而并並等是])\\p{Script=Han}{2,3}(?=[，,。、（(表說说指稱称在於于與与和也則则曾將将]|$)`,
    `(?<=\\b${englishPersonCue})[A-Z][a-z]+(?:\\s+(?:(?:de|van|von|bin|al)\\s+)?${englishNameWord})*`,
    // A name the text itself says is a person's: "Jensen Huang, the CEO of NVIDIA", "Masayoshi Son said".
    `\\b[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)+(?=,\\s+(?:the\\s+|a\\s+|its\\s+)?(?:CEO|president|founder|co-founder|chairman|chairwoman|chief|director|head|leader|minister|governor|mayor|king|queen|duke|son|daughter|wife|husband|brother|sister|father|mother)\\b|\\s+(?:said|says|told|stated|announced|added|explained|wrote)\\b)`,
    // In Chinese text, a name of two or more Latin words is a foreign person's more often than not (莱昂纳尔·里奇(Lionel Richie)).
    `(?<=\\p{Script=Han}[（(“"「]{0,2}\\s?)[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)+`,
  ].join('|'),
  'gu',
);

/**
 * A Chinese place: after a word of location (位于, 在, 来自, 出生于…) or a copula, a run of names each
 * ending in a unit of place (省, 市, 县, 国, 岛, 区, 站…): 位于「山东省北部环渤海地区」, 是「美国得克萨斯州」. An English one: a capitalised run after "in", "at", "from"…, not a month or a day.
 */
const chinesePlaceCue = '(?:位于|位於|地处|地處|坐落于|坐落於|来自|來自|出生于|出生於|生于|生於|設在|设在|定居|遷居|迁居|在|于|於|是|為|为)';
/** A character of a place name: Han, and not a word of grammar (的, 一个, 和, 是…), so a place never runs on into the sentence. */
const chinesePlaceChar = '(?:(?![的之一个個是和與与及或在于於为為了着著也都而并並])\\p{Script=Han})';
const chinesePlaceUnit = '(?:省|市|縣|县|州|國|国|島|岛|鎮|镇|村|區|区|鄉|乡|郡|灣|湾|洲|站|港|城|山|河|江|湖|海)';
const placePattern = new RegExp(
  [
    `(?<=${chinesePlaceCue})(?![这這那该該此其各每本全])(?:${chinesePlaceChar}{0,6}?${chinesePlaceUnit})+(?![\\p{Script=Han}]{0,1}(?:長|长|民|家|際|际|內|内|外|上|下|中|大|小|学|學|人|员|員|兵|军|軍|水|口))`,
    `(?<=\\b(?:in|at|from|to|near|into)\\s)(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b)[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)*`,
  ].join('|'),
  'gu',
);

function collect(text: string, pattern: RegExp, kind: AnswerKind): AnswerSpan[] {
  const spans: AnswerSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const trimmed = match[0].replace(/[\s,，]+$/u, '');
    if (!trimmed || !/[\p{L}\p{N}]/u.test(trimmed)) continue;
    spans.push({ kind, start: match.index, end: match.index + trimmed.length, text: trimmed });
  }
  return spans;
}

function overlaps(span: AnswerSpan, others: AnswerSpan[]): boolean {
  return others.some((other) => span.start < other.end && other.start < span.end);
}

/**
 * Finds the spans of a text that could answer a question of the given kind: counts with their
 * unit (`1.8萬個`, `2,000 GPUs`), amounts of money (`$500 million`, `920億日圓`), shares
 * (`80%`, `八成`), dates (`2024年1月24日`, `November 13th`), people (`執行長黃仁勳` → `黃仁勳`,
 * `Jensen Huang`) and places. Counts never include a date or an amount of money. Offsets are
 * into `text`, so every span is a verbatim slice. Returns [] for `open`. Pure; never throws.
 */
export function findAnswerSpans(text: string, kind: AnswerKind): AnswerSpan[] {
  switch (kind) {
    case 'date':
      return collect(text, datePattern, 'date');
    case 'percent':
      return collect(text, percentPattern, 'percent');
    case 'amount': {
      const amounts = collect(text, amountPattern, 'amount');
      // Not every amount names its currency: "a fund of 10 trillion" still answers "how much".
      return amounts.length > 0 ? amounts : findAnswerSpans(text, 'count').map((span) => ({ ...span, kind: 'amount' }));
    }
    case 'count': {
      // "By how much?" is answered by a share too; a date never counts anything.
      const shares = collect(text, percentPattern, 'count');
      const dates = collect(text, datePattern, 'date');
      const counts = collect(text, countPattern, 'count').filter((span) => !overlaps(span, [...dates, ...shares]));
      return [...shares, ...counts].sort((left, right) => left.start - right.start);
    }
    case 'person':
      return collect(text, personPattern, 'person');
    case 'place':
      // 「設在熊本縣」: the place is 熊本縣, not the preposition before it.
      return collect(text, placePattern, 'place').map((span) => {
        const lead = /^[在於于到至從从往向的]+/u.exec(span.text)?.[0].length ?? 0;
        return lead > 0 && lead < span.text.length ? { ...span, start: span.start + lead, text: span.text.slice(lead) } : span;
      });
    case 'open':
      return [];
  }
}

/** Amounts that name a currency or a scale (`$500 million`, `170億美元`, `1.8萬`): what a question about a price or revenue needs. */
export function findMoneySpans(text: string): AnswerSpan[] {
  return collect(text, amountPattern, 'amount');
}

