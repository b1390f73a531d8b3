import { toSimplified, toTraditional } from '../src/core/chinese-script.js';
import type { Language } from '../src/core/types.js';
import { createRandom, pickOne } from './create-random.js';
import type { SeedSentence } from './read-seed-sentences.js';

export interface BenchQuestion {
  question: string;
  language: Language;
}

const englishTemplates = [
  (phrase: string) => `What did the report say about ${phrase}?`,
  (phrase: string) => `Tell me about ${phrase}.`,
  (phrase: string) => `Why does ${phrase} matter?`,
];
const traditionalTemplates = [
  (phrase: string) => `關於${phrase}，報導說了什麼？`,
  (phrase: string) => `${phrase}是怎麼回事？`,
];
const simplifiedTemplates = [
  (phrase: string) => `关于${phrase}，报道说了什么？`,
  (phrase: string) => `${phrase}是怎么回事？`,
];

const hanRun = /\p{Script=Han}{4,}/gu;

function englishPhrase(random: () => number, sentence: string): string | undefined {
  const words = sentence.match(/[A-Za-z][A-Za-z-]{3,}/g) ?? [];
  if (words.length < 2) return undefined;
  const length = 2 + Math.floor(random() * 2);
  const start = Math.floor(random() * Math.max(1, words.length - length));
  return words.slice(start, start + length).join(' ');
}

function hanPhrase(random: () => number, sentence: string): string | undefined {
  const runs = sentence.match(hanRun);
  if (!runs) return undefined;
  const run = pickOne(random, runs);
  const length = Math.min(run.length, 4 + Math.floor(random() * 5));
  const start = Math.floor(random() * (run.length - length + 1));
  return run.slice(start, start + length);
}

/**
 * About `count` questions, a third in each script (English, Traditional, Simplified), each
 * built around a key phrase taken from a seed sentence, so most of them have keyword hits.
 */
export function buildBenchQuestions(sentences: readonly SeedSentence[], count = 51, seed = 7): BenchQuestion[] {
  const random = createRandom(seed);
  const english = sentences.filter((sentence) => sentence.language === 'en');
  const chinese = sentences.filter((sentence) => sentence.language !== 'en');
  const questions: BenchQuestion[] = [];
  const seen = new Set<string>();
  const languages: Language[] = ['en', 'zh-Hant', 'zh-Hans'];
  for (let attempt = 0; questions.length < count && attempt < count * 50; attempt++) {
    const language = languages[questions.length % languages.length]!;
    let question: string | undefined;
    if (language === 'en') {
      const phrase = englishPhrase(random, pickOne(random, english).text);
      if (phrase) question = pickOne(random, englishTemplates)(phrase);
    } else {
      const phrase = hanPhrase(random, pickOne(random, chinese).text);
      if (phrase && language === 'zh-Hant') question = pickOne(random, traditionalTemplates)(toTraditional(phrase));
      if (phrase && language === 'zh-Hans') question = pickOne(random, simplifiedTemplates)(toSimplified(phrase));
    }
    if (!question || seen.has(question)) continue;
    seen.add(question);
    questions.push({ question, language });
  }
  return questions;
}
