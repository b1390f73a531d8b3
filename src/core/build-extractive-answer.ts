import { answerTexts } from './answer-texts.js';
import { keywordCoverage } from './keyword-coverage.js';
import { normalizeSearchText } from './normalize-search-text.js';
import { splitSentences } from './split-sentences.js';
import type { Language, RetrievedPassage } from './types.js';

const quoteMarkPairs: Record<'en' | 'zh', Array<[string, string]>> = {
  en: [['“', '”'], ['「', '」'], ['『', '』']],
  zh: [['「', '」'], ['『', '』'], ['“', '”']],
};

/** Quote marks that do not occur in the quoted text, so the quote's end is unambiguous. */
function quoteMarksFor(text: string, language: Language): [string, string] {
  const pairs = quoteMarkPairs[language === 'en' ? 'en' : 'zh'];
  return pairs.find(([open, close]) => !text.includes(open) && !text.includes(close)) ?? pairs[0]!;
}

export interface ExtractiveOptions {
  /** How many top passages to take sentences from. */
  passages?: number;
  maxQuotes?: number;
  /** A sentence must cover at least this share of the question to be quoted. */
  minCoverage?: number;
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
): string | undefined {
  const { passages = 4, maxQuotes = 3, minCoverage = 0.2 } = options;
  const questionSearchText = normalizeSearchText(question);
  const scored: Array<{ text: string; passageNumber: number; score: number; order: number }> = [];
  retrieved.slice(0, passages).forEach((hit, passageIndex) => {
    for (const sentence of splitSentences(hit.passage.text)) {
      if (sentence.text.length < 6) continue;
      const coverage = keywordCoverage(questionSearchText, normalizeSearchText(sentence.text));
      if (coverage < minCoverage) continue;
      // Prefer higher-ranked passages a little, and shorter sentences when coverage ties.
      const score = coverage - passageIndex * 0.05 - Math.min(sentence.text.length, 400) / 40_000;
      scored.push({ text: sentence.text, passageNumber: passageIndex + 1, score, order: scored.length });
    }
  });
  if (scored.length === 0) return undefined;
  const best = scored[0] && Math.max(...scored.map((candidate) => candidate.score));
  const chosen = scored
    .filter((candidate) => candidate.score >= (best ?? 0) * 0.6)
    .sort((left, right) => right.score - left.score)
    .filter((candidate, index, all) => all.findIndex((other) => other.text === candidate.text) === index)
    .slice(0, maxQuotes);
  const lines = chosen.map((candidate) => {
    const [open, close] = quoteMarksFor(candidate.text, language);
    return `- ${open}${candidate.text}${close}[${candidate.passageNumber}]`;
  });
  return `${answerTexts[language].lead}\n\n${lines.join('\n')}`;
}
