import { toSimplified, toTraditional } from './chinese-script.js';
import type { Language } from './types.js';

type Convert = (text: string) => string;

const hanCharacter = /\p{Script=Han}/u;
const latinLetter = /[A-Za-z\u00C0-\u024F]/u;
/** Enough characters to tell the scripts apart; longer texts are sampled from the start. */
const sampleLimit = 4000;

/**
 * Detects the language and script of a text: `'en'` when Latin letters outnumber CJK characters
 * (each CJK character counting as two letters), otherwise Traditional or Simplified Chinese,
 * decided by how many characters change when converted Traditional→Simplified versus
 * Simplified→Traditional. Ties, and texts with no letters at all, go to the default that
 * fits the text: `'zh-Hans'` for Chinese, `'en'` otherwise. Never throws.
 * @example detectLanguage('韓國要擴充多少GPU') // 'zh-Hant'
 */
export function detectLanguage(text: string): Language {
  let han = '';
  let hanCount = 0;
  let latinCount = 0;
  for (const char of text) {
    if (char < '\u2E80') {
      if (latinLetter.test(char)) latinCount++;
    } else if (hanCharacter.test(char)) {
      hanCount++;
      if (hanCount <= sampleLimit) han += char;
    }
  }
  if (hanCount === 0 || latinCount > 2 * hanCount) return 'en';
  const traditionalOnly = countChangedChars(han, toSimplified);
  const simplifiedOnly = countChangedChars(han, toTraditional);
  return traditionalOnly > simplifiedOnly ? 'zh-Hant' : 'zh-Hans';
}

function countChangedChars(text: string, convert: Convert): number {
  const before = [...text];
  const after = [...convert(text)];
  // Phrase rules can change the length; then compare character by character.
  if (before.length !== after.length) {
    return before.filter((char) => convert(char) !== char).length;
  }
  let changed = 0;
  for (let index = 0; index < before.length; index++) if (before[index] !== after[index]) changed++;
  return changed;
}
