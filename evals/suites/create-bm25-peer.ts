import MiniSearch from 'minisearch';
import { toSimplified } from '../../src/core/chinese-script.js';

let wordSegmenter: Intl.Segmenter | undefined;

/**
 * The peer's tokens: NFKC, lower case, Traditional → Simplified (OpenCC, as the product's search
 * text), then the word-like segments of `Intl.Segmenter` — plain words, no bigrams.
 */
export function tokenizeForPeer(text: string): string[] {
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const segment of wordSegmenter.segment(toSimplified(text.normalize('NFKC').toLowerCase()))) {
    if (segment.isWordLike) words.push(segment.segment);
  }
  return words;
}

/**
 * A plain BM25 baseline over the same paragraphs: minisearch with its default BM25 parameters,
 * OR-combined terms, no fuzzy or prefix matching. Returns a search that ranks paragraph keys.
 */
export function createBm25Peer(paragraphs: ReadonlyArray<{ key: string; text: string }>): (question: string, limit?: number) => string[] {
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    tokenize: tokenizeForPeer,
    processTerm: (term) => term,
  });
  index.addAll(paragraphs.map((paragraph) => ({ id: paragraph.key, text: paragraph.text })));
  return (question, limit = 10) => index.search(question).slice(0, limit).map((hit) => String(hit.id));
}
