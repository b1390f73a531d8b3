import type { AliasPair } from './bilingual-lexicon.js';
import type { CleanedDocument } from './types.js';

/**
 * 輝達(Nvidia Corp.) or 英伟达（NVIDIA）: a Han run, then Latin words in half- or full-width
 * brackets, which may end in a short note after a list comma or semicolon: 黃仁勳(Jensen Huang、見圖).
 */
const chineseThenLatin = /(\p{Script=Han}+)\s?[(（]\s*([A-Za-z][A-Za-z0-9 .&'’-]{0,40}?)\s*(?:[、，,；;]\s*\p{Script=Han}{1,6}\s*)?[)）]/gu;
/** GPU(圖形處理器) or Nvidia（英伟达）: Latin words, then a Han name in brackets. */
const latinThenChinese = /([A-Za-z][A-Za-z0-9.&'’-]*(?: [A-Z][A-Za-z0-9.&'’-]*){0,4})\s?[(（]\s*(\p{Script=Han}{2,10})\s*[)）]/gu;

const maxNameLength = 6;
let wordSegmenter: Intl.Segmenter | undefined;

/** Latin text that names something: letters, at most five words, not a lone letter or a unit. */
function isLatinName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length <= 5 && /[A-Za-z]{2,}/.test(text);
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let index = text.indexOf(part); index !== -1; index = text.indexOf(part, index + part.length)) count++;
  return count;
}

/**
 * Where the name ends before a bracket: "美國晶片巨頭輝達(Nvidia)" names 輝達, not the whole run.
 * Candidates are the run's word-aligned endings of 2–6 characters; the one the text uses most
 * often wins when it recurs (a name recurs, a title before it less often), the longest among
 * equals; else the longest one.
 */
function nameBeforeBracket(run: string, text: string, latin: string): string | undefined {
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words = [...wordSegmenter.segment(run)].map((segment) => segment.segment);
  const endings: string[] = [];
  for (let start = words.length - 1; start >= 0; start--) {
    // A name does not reach past a conjunction or preposition: 輝達與英伟达(NVIDIA) names 英伟达.
    if (functionCharacters.has(words[start]!)) break;
    const ending = words.slice(start).join('');
    if ([...ending].length > maxNameLength) break;
    if ([...ending].length >= 2) endings.push(ending);
  }
  if (endings.length === 0) return undefined;
  // The name recurs on its own more often than with a title before it: 黃仁勳, not 執行長黃仁勳.
  const counts = endings.map((ending) => occurrences(text, ending));
  const most = Math.max(...counts);
  const chosen = most >= 2 ? endings.findLast((_, index) => counts[index] === most)! : endings.at(-1)!;
  // An acronym of n letters spells out in at least n characters: 國際資料公司(IDC), not 公司.
  const acronym = /^[A-Z]{3,}$/.test(latin) ? latin.length : 0;
  return [...chosen].length < acronym ? endings.at(-1) : chosen;
}

const functionCharacters = new Set([...'與与和及或跟同的在是了對对向把被為为將将從从由於于以及']);

/**
 * Finds names a text gives in both Chinese and a Latin-script original, as Chinese news writes
 * them: 輝達(Nvidia Corp.), 英伟达（NVIDIA）, 黃仁勳(Jensen Huang), and the reverse GPU(圖形處理器).
 * Each pair is returned once: Chinese-first pairs in text order, then Latin-first ones. Pure.
 *
 * @example mineAliases('輝達(Nvidia Corp.)執行長黃仁勳') // → [{ chinese: '輝達', english: 'Nvidia Corp.' }]
 */
export function mineAliases(text: string): AliasPair[] {
  const pairs: AliasPair[] = [];
  const seen = new Set<string>();
  const add = (chinese: string | undefined, english: string) => {
    const latin = english.replace(/’/g, "'").trim();
    if (!chinese || !isLatinName(latin)) return;
    const key = `${chinese}\u0000${latin.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ chinese, english: latin });
  };
  for (const match of text.matchAll(chineseThenLatin)) add(nameBeforeBracket(match[1]!, text, match[2]!.trim()), match[2]!);
  for (const match of text.matchAll(latinThenChinese)) add(match[2], match[1]!);
  return pairs;
}

/** The aliases of a cleaned document's body text (forum comments are left out). */
export function mineDocumentAliases(document: CleanedDocument): AliasPair[] {
  return mineAliases(document.paragraphs.filter((paragraph) => paragraph.kind === 'body').map((paragraph) => paragraph.text).join('\n'));
}
