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

/** Whether a search token is a question word or function word, which carries no topic. */
export function isStopToken(token: string): boolean {
  return stopTokens.has(token);
}

function tokenWeight(token: string): number {
  if (stopTokens.has(token)) return 0;
  if (hanPattern.test(token)) return token.length >= 2 ? (token.length > 2 ? 1.5 : 1) : 0.25;
  if (/^\d/.test(token)) return 1.5;
  return token.length <= 2 ? 0.5 : 1;
}

/** Whether a token occurs as a whole word of the padded search text (` a b c `). */
function containsWord(paddedText: string, word: string): boolean {
  return paddedText.includes(` ${word} `);
}

/** ` 高性 性能 ` for `高性能`: how a Han word appears in a passage indexed as bigrams. */
function bigramChain(word: string): string {
  const characters = [...word];
  return characters.slice(1).map((character, index) => characters[index]! + character).join(' ');
}

/** Whether a search token occurs in the padded search text (` a b c `), English words lightly stemmed. */
export function matchesToken(token: string, paddedText: string): boolean {
  if (containsWord(paddedText, token)) return true;
  if (hanPattern.test(token) && token.length > 2) return containsWord(paddedText, bigramChain(token));
  // A light stemmer: "invest" matches "investment", "chips" matches "chip".
  if (hanPattern.test(token) || token.length < 4) return false;
  const stem = token.replace(/(?:'s|s|es|ed|ing)$/u, '');
  if (stem.length < 4) return false;
  if (paddedText.includes(` ${stem}`)) return true;
  for (let length = 4; length < stem.length; length++) {
    if (containsWord(paddedText, stem.slice(0, length))) return true;
  }
  return false;
}

/**
 * Prepares a question for scoring many passages: the question's tokens and weights are
 * worked out once, then each passage costs a few substring searches.
 */
export function createKeywordCoverage(questionSearchText: string): (passageSearchText: string) => number {
  const weighted = searchTokens(questionSearchText)
    .map((token) => ({ token, weight: tokenWeight(token) }));
  const total = weighted.reduce((sum, entry) => sum + entry.weight, 0);
  return (passageSearchText) => {
    if (total === 0) return 0;
    const padded = ` ${passageSearchText} `;
    let covered = 0;
    for (const { token, weight } of weighted) {
      if (weight > 0 && matchesToken(token, padded)) covered += weight;
    }
    return covered / total;
  };
}

/**
 * How much of a question's topic a passage covers, in [0, 1]: the weighted share of the
 * question's search tokens found in the passage. Question words and function words weigh
 * nothing; Chinese words weigh more than bigrams. Both arguments are normalised search texts.
 *
 * @example keywordCoverage(normalizeSearchText('SoftBank OpenAI'), normalizeSearchText('SoftBank invested in OpenAI')) // → 1
 */
export function keywordCoverage(questionSearchText: string, passageSearchText: string): number {
  return createKeywordCoverage(questionSearchText)(passageSearchText);
}
