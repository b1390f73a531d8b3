import type { CitationDraft } from '../core/verify-citations.js';
/** A `data-citation` part's payload, as the server sends it: a citation without its paragraph. */
export type CitationData = CitationDraft;

const isInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * The citations in a message's `data-citation` parts, checked field by field (the bundle does
 * not validate stream parts) and ordered by number; the last part for a number wins.
 */
export function readCitations(parts: ReadonlyArray<{ type: string; data?: unknown }>): CitationData[] {
  const byNumber = new Map<number, CitationData>();
  for (const part of parts) {
    if (part.type !== 'data-citation' || typeof part.data !== 'object' || part.data === null) continue;
    const data = part.data as Record<string, unknown>;
    if (!isInteger(data.n) || !isInteger(data.paragraph) || typeof data.docId !== 'string' || typeof data.url !== 'string') continue;
    byNumber.set(data.n, {
      n: data.n,
      docId: data.docId,
      paragraph: data.paragraph,
      title: optionalString(data.title) ?? data.docId,
      outlet: optionalString(data.outlet),
      publishedAt: optionalString(data.publishedAt),
      url: data.url,
      quote: typeof data.quote === 'string' ? data.quote : '',
      start: isInteger(data.start) ? data.start : 0,
      end: isInteger(data.end) ? data.end : 0,
    });
  }
  return [...byNumber.values()].sort((left, right) => left.n - right.n);
}

/**
 * The source page link for a citation: the URL the API sent (`<base>/sources/<docId>#p-<n>`)
 * with `?hl=<paragraph>:<start>-<end>` so the quoted span is highlighted. Returns undefined
 * for anything but an http(s) URL.
 */
export function buildSourceHref(citation: CitationData): string | undefined {
  let url: URL;
  try {
    url = new URL(citation.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (citation.end > citation.start) url.searchParams.set('hl', `${citation.paragraph}:${citation.start}-${citation.end}`);
  if (!url.hash) url.hash = `p-${citation.paragraph}`;
  return url.href;
}
