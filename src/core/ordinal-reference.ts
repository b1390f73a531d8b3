const chineseNumerals: Record<string, number> = { 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const englishOrdinals: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  firstly: 1, secondly: 2, thirdly: 3, last: -1, lastly: -1, finally: -1,
};
const sequenceWords: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 再者: 3, 最后: -1, 最後: -1 };

function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  if (text.length === 2 && text[0] === '十') return 10 + (chineseNumerals[text[1]!] ?? 0);
  return text.length === 1 ? chineseNumerals[text] : undefined;
}

/** 第二件, 第3點, "the second one", "the 3rd": an ordinal that points into a list. */
const chineseOrdinal = /第\s*([一二两兩三四五六七八九十]{1,2}|\d{1,2})\s*(?:件|個|个|項|项|點|点|條|条|家|位|種|种|款|個問題|个问题|部分|步)?/u;
const englishOrdinal = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b|\b(\d{1,2})(?:st|nd|rd|th)\b/iu;

/**
 * The list position a question points at ("第二件呢？" → 2, "And the third one?" → 3, "the
 * last one" → -1), or undefined when it names none. Pure.
 */
export function readOrdinal(question: string): number | undefined {
  const chinese = question.match(chineseOrdinal);
  if (chinese) return chineseNumber(chinese[1]!);
  for (const [word, position] of Object.entries(sequenceWords)) if (question.includes(word)) return position;
  const english = question.match(englishOrdinal);
  if (!english) return undefined;
  return english[1] ? englishOrdinals[english[1].toLowerCase()] : Number(english[2]);
}

/** The start of a list item: 第二件事, 二是, 其次, "2.", "(2)", "Second,". */
const listItemStart = /^\s*(?:第\s*([一二两兩三四五六七八九十]{1,2}|\d{1,2})|([一二三四五六七八九十])\s*(?:是|、)|(首先|其次|再次|再者|最后|最後)|[(（]?(\d{1,2})\s*[.、)）．]\s|[(（]([一二三四五六七八九十])[)）]|(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|secondly|thirdly|lastly|finally)\b)/iu;

/**
 * The list position a passage opens with, reading its text and, when the text names none, its
 * search text (which begins with the section heading it sits under: 第二件事,…), else undefined.
 */
export function readListItem(passage: { text: string; searchText: string }): number | undefined {
  for (const text of [passage.text, passage.searchText]) {
    const match = text.match(listItemStart);
    if (!match) continue;
    if (match[1]) return chineseNumber(match[1]);
    if (match[2]) return chineseNumerals[match[2]];
    if (match[3]) return sequenceWords[match[3]];
    if (match[4]) return Number(match[4]);
    if (match[5]) return chineseNumerals[match[5]];
    if (match[6]) return englishOrdinals[match[6].toLowerCase()];
  }
  return undefined;
}

/**
 * Moves the earlier question's ordinal to the follow-up's ("…的第一件事是什麼？" with "第二件呢？"
 * gives "…的第二件事是什麼？"), so the topic is kept and the old position not searched for.
 * Returns the topic unchanged when either names no position.
 */
export function replaceOrdinal(topic: string, followUp: string): string {
  const wanted = followUp.match(chineseOrdinal)?.[1];
  if (wanted && chineseOrdinal.test(topic)) return topic.replace(/第\s*([一二两兩三四五六七八九十]{1,2}|\d{1,2})/u, `第${wanted}`);
  const english = followUp.match(englishOrdinal)?.[0];
  if (english && englishOrdinal.test(topic)) return topic.replace(englishOrdinal, english);
  return topic;
}
