
/** Words that carry no topic: question words and function words in English and Chinese. */
const stopTokens = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'and', 'or', 'is', 'are', 'was',
  'were', 'be', 'been', 'do', 'does', 'did', 'has', 'have', 'had', 'what', 'which', 'who', 'whom', 'whose',
  'when', 'where', 'why', 'how', 'much', 'many', 'it', 'its', 'this', 'that', 'these', 'those', 'about',
  'according', 'say', 'said', 'says', 'tell', 'me', 'i', 'you', 'we', 'they', 'he', 'she', 'his', 'her',
  'their', 'can', 'could', 'would', 'will', 'should', 'any', 'some', 'there', 'as', 'than', 'then', 'so',
  'if', 'into', 'up', 'out', 'also', 'just', 'not', 'no', 'yes', 'please', 'did', 'does', 'more', 'most',
  '什么', '什么时候', '时候', '何时', '多少', '哪些', '哪个', '哪一', '哪里', '为什么', '怎么', '如何', '是否', '是什么', '有没有', '吗', '呢', '的',
  '了', '是', '在', '和', '与', '及', '有', '请问', '请', '一下', '关于', '他们', '它们', '我们', '你们',
]);

const hanPattern = /\p{Script=Han}/u;

/** Whether a search token is a question word or function word, which carries no topic. */
export function isStopToken(token: string): boolean {
  return stopTokens.has(token);
}

/** Characters that mostly do grammatical work; a bigram holding one says little about the topic. */
const functionCharacters = new Set([...'的了是在和与及有吗呢么什谁哪几何为被把将从对于已并也都就而之其这那个些吧啊呀着过会能要还又才所']);

function tokenWeight(token: string): number {
  if (stopTokens.has(token)) return 0;
  if (hanPattern.test(token)) return token.length >= 2 ? (token.length > 2 ? 1.5 : 1) : 0.25;
  if (/^\d/.test(token)) return 1.5;
  return token.length <= 2 ? 0.5 : 1;
}

/**
 * The question's distinct search tokens with their weights. Question and function words weigh
 * nothing, numbers and long Chinese words more. A normalised search text holds the segmenter's
 * Han words and then the bigrams of every Han run, so a two-character word occurs twice and a
 * bigram that is no word once. A bigram-only token whose first character closes a word of the
 * question (or is a function character) and whose second opens one (or is a function
 * character) straddles a word boundary, as "么爱" in "什么|爱好" or "业会" in "企业|会": it weighs
 * nothing, or it would count as missing from every passage that holds both words, and a long
 * question would cover little of itself. A bigram-only token holding a function character
 * ("恩有") weighs a quarter. Other bigram-only tokens weigh in full: they are how names the
 * segmenter cuts into characters ("尚恩", "金靴", "伟达" of "英伟|达") are matched.
 *
 * @example weighQuestionTokens(normalizeSearchText('尚恩有什么爱好')) // 尚恩 1, 爱好 1, 恩有 0.25, 么爱 0, 什么 0 …
 */
export function weighQuestionTokens(questionSearchText: string): Array<{ token: string; weight: number }> {
  const counts = new Map<string, number>();
  for (const token of questionSearchText.split(' ')) if (token) counts.set(token, (counts.get(token) ?? 0) + 1);
  const isBigramOnly = (token: string) => hanPattern.test(token) && [...token].length === 2 && counts.get(token) === 1;
  const words = [...counts.keys()].filter((token) => hanPattern.test(token) && [...token].length >= 2 && !isBigramOnly(token));
  const closesWord = (character: string) => functionCharacters.has(character) || words.some((word) => word.endsWith(character));
  const opensWord = (character: string) => functionCharacters.has(character) || words.some((word) => word.startsWith(character));
  return [...counts.keys()].map((token) => {
    const weight = tokenWeight(token);
    if (weight === 0 || !isBigramOnly(token)) return { token, weight };
    const [first, second] = [...token] as [string, string];
    if (closesWord(first) && opensWord(second)) return { token, weight: 0 };
    if (functionCharacters.has(first) || functionCharacters.has(second)) return { token, weight: 0.25 };
    return { token, weight };
  });
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
  // An ending that leaves under four letters was part of the word: "feed" is not "fe" + "ed".
  const stripped = token.replace(/(?:'s|s|es|ed|ing)$/u, '');
  const stem = stripped.length >= 4 ? stripped : token;
  if (paddedText.includes(` ${stem}`)) return true;
  for (let length = 4; length < stem.length; length++) {
    if (containsWord(paddedText, stem.slice(0, length))) return true;
  }
  return false;
}

function scoreCoverage(weighted: ReadonlyArray<{ token: string; weight: number }>): (passageSearchText: string) => number {
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
 * Prepares a question for scoring many passages: the question's tokens and weights
 * (`weighQuestionTokens`) are worked out once, then each passage costs a few substring searches.
 */
export function createKeywordCoverage(questionSearchText: string): (passageSearchText: string) => number {
  return scoreCoverage(weighQuestionTokens(questionSearchText));
}

/**
 * How the weights of `createRelevanceCoverage` follow a token's rarity among the candidates:
 * `rank` scales every weight by `ln(1 + N / (1 + n))` for a token found in n of N candidates, as
 * BM25's IDF does; `floor` only lowers the weight of tokens found in more than about a quarter of
 * them, so a question word the sources never use (a paraphrase, a typo) does not sink every passage.
 */
export type RarityWeighting = 'rank' | 'floor';

/** Below this many candidates, `createRelevanceCoverage` weighs tokens as `createKeywordCoverage` does. */
export const minimumCandidatesForRarity = 10;

/**
 * Prepares a question for judging candidate passages: its weighted coverage, with each token's
 * weight also following how rare the token is among `candidates` (the search texts of the
 * passages the searches returned; at least `minimumCandidatesForRarity`). A token every candidate holds ("英伟达" in a corpus about
 * NVIDIA) says little about which passage answers; with `floor`, a passage holding only such
 * tokens stays under the score floor when the question's specific term ("Blackwell") is nowhere.
 *
 * @example createRelevanceCoverage(normalizeSearchText('尚恩有什么爱好'), candidateSearchTexts, 'rank')
 */
export function createRelevanceCoverage(
  questionSearchText: string,
  candidates: readonly string[],
  rarity: RarityWeighting,
): (passageSearchText: string) => number {
  const padded = candidates.map((text) => ` ${text} `);
  const quarterRarity = Math.log(5);
  return scoreCoverage(
    weighQuestionTokens(questionSearchText).map(({ token, weight }) => {
      // A handful of candidates says nothing about how common a token is.
      if (weight === 0 || padded.length < minimumCandidatesForRarity) return { token, weight };
      const found = padded.filter((text) => matchesToken(token, text)).length;
      const scale = Math.log(1 + padded.length / (1 + found));
      return { token, weight: weight * (rarity === 'rank' ? scale : Math.min(1, scale / quarterRarity)) };
    }),
  );
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
