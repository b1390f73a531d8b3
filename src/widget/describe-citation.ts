import type { CitationData } from './read-citations.js';

function formatDate(value: string | undefined, language: string): string | undefined {
  if (!value) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', ...(dateOnly ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** A citation's outlet and date (`中央社 · 2025年7月17日`), the date in the reader's locale. */
export function describeCitation(citation: CitationData, language: string): string {
  return [citation.outlet, formatDate(citation.publishedAt, language)].filter(Boolean).join(' · ');
}
