import { searchTokens } from './normalize-search-text.js';

/** Words that carry no topic: question words and function words in English and Chinese. */
const stopTokens = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'and', 'or', 'is', 'are', 'was',
  'were', 'be', 'been', 'do', 'does', 'did', 'has', 'have', 'had', 'what', 'which', 'who', 'whom', 'whose',
  'when', 'where', 'why', 'how', 'much', 'many', 'it', 'its', 'this', 'that', 'these', 'those', 'about',
  'according', 'say', 'said', 'says', 'tell', 'me', 'i', 'you', 'we', 'they', 'he', 'she', 'his', 'her',
  'their', 'can', 'could', 'would', 'will', 'should', 'any', 'some', 'there', 'as', 'than', 'then', 'so',
  'if', 'into', 'up', 'out', 'also', 'just', 'not', 'no', 'yes', 'please', 'did', 'does', 'more', 'most',
  '什么', '多少', '哪些', '哪个', '哪里', '为什么', '怎么', '如何', '是否', '是什么', '有没有', '吗', '呢', '的',
  '了', '是', '在', '和', '与', '及', '有', '请问', '请', '一下', '关于', '他们', '它们', '我们', '你们',
]);

const hanPattern = /\p{Script=Han}/u;

function tokenWeight(token: string): number {
  if (stopTokens.has(token)) return 0;
  if (hanPattern.test(token)) return token.length >= 2 ? (token.length > 2 ? 1.5 : 1) : 0.25;
  if (/^\d/.test(token)) return 1.5;
  return token.length <= 2 ? 0.5 : 1;
}

function matches(token: string, passageTokens: Set<string>, passageLatin: string[]): boolean {
  if (passageTokens.has(token)) return true;
  // A light stemmer: "invest" matches "investment", "chips" matches "chip".
  if (hanPattern.test(token) || token.length < 4) return false;
  const stem = token.replace(/(?:'s|s|es|ed|ing)$/u, '');
  return stem.length >= 4 && passageLatin.some((word) => word.startsWith(stem) || (word.length >= 4 && stem.startsWith(word)));
}

/**
 * How much of a question's topic a passage covers, in [0, 1]: the weighted share of the
 * question's search tokens found in the passage. Question words and function words weigh
 * nothing; Chinese words weigh more than bigrams. Both arguments are normalised search texts.
 *
 * @example keywordCoverage(normalizeSearchText('SoftBank OpenAI'), normalizeSearchText('SoftBank invested in OpenAI')) // → 1
 */
export function keywordCoverage(questionSearchText: string, passageSearchText: string): number {
  const questionTokens = searchTokens(questionSearchText);
  const passageTokenList = searchTokens(passageSearchText);
  const passageTokens = new Set(passageTokenList);
  const passageLatin = passageTokenList.filter((token) => !hanPattern.test(token));
  let total = 0;
  let covered = 0;
  for (const token of questionTokens) {
    const weight = tokenWeight(token);
    total += weight;
    if (weight > 0 && matches(token, passageTokens, passageLatin)) covered += weight;
  }
  return total === 0 ? 0 : covered / total;
}
