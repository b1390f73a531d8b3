import type { Labels } from './labels.js';

/**
 * The "what I know" line from a `GET /api/corpus` body, in the widget's language: `I know 5
 * articles in English, Traditional Chinese, and Simplified Chinese.` Undefined for a body that
 * is not one (the line is then left out).
 */
export function describeCorpus(corpus: unknown, labels: Labels, language: string): string | undefined {
  const { documents, languages } = (corpus ?? {}) as { documents?: unknown; languages?: unknown };
  if (!Number.isInteger(documents) || !Array.isArray(languages)) return undefined;
  const codes = languages.filter((code): code is string => typeof code === 'string' && code.length > 0);
  if (!codes.length) return undefined;
  const names = new Intl.DisplayNames(language, { type: 'language' });
  return labels.knows
    .replace('{documents}', new Intl.NumberFormat(language).format(documents as number))
    .replace('{languages}', new Intl.ListFormat(language, { type: 'conjunction' }).format(codes.map((code) => names.of(code) ?? code)));
}
