import type { EssentialTerm } from '../core/analyze-question.js';
import type { BilingualLexicon } from '../core/bilingual-lexicon.js';
import { matchesToken } from '../core/keyword-coverage.js';
import { normalizeSearchText } from '../core/normalize-search-text.js';
import type { RetrievedPassage } from '../core/types.js';
import type { PassageFilter, PassageStore } from '../ports.js';

/** Keyword hits read per spelling to confirm that a passage really holds it (BM25 also returns partial matches). */
const hitsPerSpelling = 5;

/**
 * Whether a term can be looked for in the passages an answer would come from. A Latin name is
 * checked only against English passages (a Chinese source may write it in Chinese the lexicon
 * does not know), a Chinese term only against Chinese ones. Names and years are checked; so is a
 * Chinese attribute (太太, 售价), but not an English one, which sources paraphrase too often.
 */
function isCheckable(term: EssentialTerm, answerLanguage: 'en' | 'zh'): boolean {
  if (term.role === 'number') return false;
  if (term.role === 'year') return true;
  if (term.script === 'latin') return answerLanguage === 'en' && term.role === 'entity';
  return answerLanguage === 'zh';
}

/**
 * The tokens a spelling is found by: a word (lightly stemmed by `matchesToken`), or for Chinese
 * any one of its character bigrams, so a name the question segments loosely (等外商 for 外商)
 * still counts as mentioned. Only a term none of whose parts occurs counts as unmentioned.
 */
function tokensOf(spelling: string): string[] {
  return [...new Set(normalizeSearchText(spelling, { hanWords: false }).split(' ').filter(Boolean))];
}

function holdsAny(passageSearchText: string, tokens: readonly string[]): boolean {
  const padded = ` ${passageSearchText} `;
  return tokens.some((token) => matchesToken(token, padded));
}

/**
 * The question's essential terms (`analyzeQuestion`: names, years and a Chinese asked-about
 * attribute) that no passage mentions in any spelling: not the passages retrieved for the
 * question, and not any passage of the index, as written, singular or plural, or in the other
 * language through the lexicon. A question about something the sources never name (Apple,
 * Semtech, 黃仁勳's wife) cannot be answered from them, however well its other words match.
 * `context` is the retrieved passages; its first decides the answer's language. One keyword
 * search per spelling, stopping at the first found. Throws when the store fails.
 */
export async function findUnmentionedTerms(
  store: PassageStore,
  terms: readonly EssentialTerm[],
  options: { context: readonly RetrievedPassage[]; filter: PassageFilter; lexicon: BilingualLexicon | null },
): Promise<EssentialTerm[]> {
  const top = options.context[0]?.passage;
  if (!top) return [];
  const answerLanguage = top.language === 'en' ? 'en' : 'zh';
  const unmentioned: EssentialTerm[] = [];
  for (const term of terms) {
    if (!isCheckable(term, answerLanguage)) continue;
    const renderings = options.lexicon ? term.forms.flatMap((form) => (term.script === 'latin' ? options.lexicon!.chineseFor(form) : options.lexicon!.englishFor(form))) : [];
    const spellings = [...new Set([...term.forms, ...renderings])].map(tokensOf).filter((tokens) => tokens.length > 0);
    if (spellings.some((tokens) => options.context.some((hit) => holdsAny(hit.passage.searchText, tokens)))) continue;
    let found = false;
    for (const tokens of spellings) {
      const hits = await store.keywordSearch(tokens.join(' '), { limit: hitsPerSpelling, filter: options.filter });
      if (hits.some((hit) => holdsAny(hit.passage.searchText, tokens))) {
        found = true;
        break;
      }
    }
    if (!found) unmentioned.push(term);
  }
  return unmentioned;
}
