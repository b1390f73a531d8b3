import { estimateTokens } from './estimate-tokens.js';
import { normalizeSearchText } from './normalize-search-text.js';
import { splitSentences } from './split-sentences.js';
import type { Passage, StoredDocument } from './types.js';

/** e5-small reads 512 tokens; the prefix and special tokens need a few, estimates err high. */
export const defaultMaxPassageTokens = 400;

export function passageId(docId: string, paragraph: number, chunk: number): string {
  return chunk === 0 ? `${docId}#p-${paragraph}` : `${docId}#p-${paragraph}.${chunk}`;
}

/**
 * Turns a cleaned document into retrieval passages: one per paragraph (section headings are
 * folded into the search text of the paragraphs under them), or, for a paragraph
 * over `maxTokens`, sentence-aligned chunks that each remember their paragraph and offsets.
 * A single sentence longer than the limit becomes a chunk of its own rather than being cut.
 * `beforeParagraph` runs before each paragraph (ingest checks its time budget there); whatever
 * it throws is passed on.
 */
export function splitPassages(
  document: StoredDocument,
  maxTokens = defaultMaxPassageTokens,
  options: { beforeParagraph?: () => void } = {},
): Passage[] {
  const { metadata } = document;
  const passages: Passage[] = [];
  let sectionHeading = '';
  for (const paragraph of document.paragraphs) {
    options.beforeParagraph?.();
    // A section heading is not an answer on its own: it is searched as part of every paragraph
    // under it, so "the second thing?" finds the paragraph that explains it.
    if (paragraph.kind === 'body' && isHeading(paragraph.text)) {
      sectionHeading = paragraph.text;
      continue;
    }
    const spans = estimateTokens(paragraph.text) <= maxTokens
      ? [{ start: 0, end: paragraph.text.length }]
      : groupSentences(paragraph.text, maxTokens);
    spans.forEach((span, chunk) => {
      const text = paragraph.text.slice(span.start, span.end);
      passages.push({
        id: passageId(document.docId, paragraph.n, chunk),
        docId: document.docId,
        paragraph: paragraph.n,
        chunk,
        text,
        searchText: normalizeSearchText(paragraph.kind === 'body' && sectionHeading ? `${sectionHeading}\n${text}` : text, { hanWords: false }),
        kind: paragraph.kind,
        language: metadata.language,
        title: metadata.title,
        url: metadata.url,
        publishedAt: metadata.publishedAt,
        outlet: metadata.outlet,
        start: span.start,
        end: span.end,
      });
    });
  }
  return passages;
}

const hanCharacter = /\p{Script=Han}/gu;
const endsInPunctuation = /[\p{P}\p{S}]$/u;

/** A short line that does not end in punctuation: a section heading such as "第二件事,自產晶片市占率提升". */
export function isHeading(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed || endsInPunctuation.test(trimmed)) return false;
  const han = trimmed.match(hanCharacter)?.length ?? 0;
  return han > 0 ? [...trimmed].length <= 30 : trimmed.split(/\s+/).length <= 10;
}

function groupSentences(text: string, maxTokens: number): Array<{ start: number; end: number }> {
  const groups: Array<{ start: number; end: number; tokens: number }> = [];
  for (const sentence of splitSentences(text)) {
    const tokens = estimateTokens(sentence.text);
    const last = groups.at(-1);
    if (last && last.tokens + tokens <= maxTokens) {
      last.end = sentence.end;
      last.tokens += tokens;
    } else {
      groups.push({ start: sentence.start, end: sentence.end, tokens });
    }
  }
  return groups;
}
