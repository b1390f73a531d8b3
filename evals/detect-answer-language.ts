import { isScriptNeutral } from '../src/core/chinese-script.js';
import { detectLanguage } from '../src/core/detect-language.js';
import type { Language } from '../src/core/types.js';

// Quotes stay in the source's script, so they say nothing about the language the answer speaks.
const quotedSpan = /「[^」]*」|『[^』]*』|“[^”]*”/gu;
const citationMarker = /\[\d+\]/gu;
const letter = /[\p{L}]/u;

/**
 * The language an answer is written in: its own prose, with quoted spans (「…」, 『…』, “…”) and
 * `[n]` markers removed. Chinese prose written the same in both scripts (曦智科技去年4月完成了)
 * is in the script the question was asked in, when that is given. When no prose remains (an
 * answer made only of quotes), the lead line decides. Never throws.
 *
 * @example detectAnswerLanguage('软银投资了「5億美元」[1]。') === 'zh-Hans'
 */
export function detectAnswerLanguage(answer: string, asked?: Language): Language {
  const prose = answer.replace(quotedSpan, ' ').replace(citationMarker, ' ');
  if (letter.test(prose)) {
    const detected = detectLanguage(prose);
    const eitherScript = detected !== 'en' && isScriptNeutral(prose);
    return eitherScript && asked !== undefined && asked !== 'en' ? asked : detected;
  }
  const leadLine = answer.split('\n').find((line) => line.trim() !== '') ?? answer;
  return detectLanguage(leadLine);
}
