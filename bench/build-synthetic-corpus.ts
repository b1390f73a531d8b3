import { createHash } from 'node:crypto';
import { normalizeSearchText } from '../src/core/normalize-search-text.js';
import type { CleanedParagraph, Passage, StoredDocument } from '../src/core/types.js';
import { passageId } from '../src/core/split-passages.js';
import { createRandom, pickOne } from './create-random.js';
import type { SeedSentence } from './read-seed-sentences.js';

/** Passages per synthetic document, and sentences per passage, of the two corpus shapes. */
export interface CorpusShape {
  passagesPerDocument: number;
  minSentences: number;
  maxSentences: number;
}
export const longShape: CorpusShape = { passagesPerDocument: 20, minSentences: 1, maxSentences: 4 };
/** The short-document shape (see write-short-documents.ts), with a fixed 3 paragraphs so a store grows by whole documents. */
export const shortShape: CorpusShape = { passagesPerDocument: 3, minSentences: 2, maxSentences: 4 };

export interface SyntheticDocument {
  document: StoredDocument;
  passages: Passage[];
}

/**
 * The search text of a passage made of whole sentences: each sentence's normalizeSearchText,
 * cached, joined with a space. Equal to normalizing the joined text except for the Han bigram
 * across a sentence boundary, which punctuation almost always breaks anyway; the cache keeps a
 * 100k-passage corpus to seconds instead of half a minute of Intl.Segmenter.
 */
function createSentenceSearchText(): (sentence: string) => string {
  const cache = new Map<string, string>();
  return (sentence) => {
    let searchText = cache.get(sentence);
    if (searchText === undefined) cache.set(sentence, (searchText = normalizeSearchText(sentence, { hanWords: false })));
    return searchText;
  };
}

const sentenceSearchText = createSentenceSearchText();

/**
 * Synthetic documents `firstDocument … firstDocument + count - 1`: each has the shape's
 * paragraphs (long: 20 of 1–4 sentences) recombined from one language's seed sentences. Deterministic per document
 * index, so a corpus grown in stages equals one built in a single go.
 */
export function* buildSyntheticCorpus(sentences: readonly SeedSentence[], firstDocument: number, count: number, shape: CorpusShape = longShape): Generator<SyntheticDocument> {
  const byLanguage = new Map<string, SeedSentence[]>();
  for (const sentence of sentences) byLanguage.set(sentence.language, [...(byLanguage.get(sentence.language) ?? []), sentence]);
  const languages = [...byLanguage.keys()].sort();
  for (let documentIndex = firstDocument; documentIndex < firstDocument + count; documentIndex++) {
    const random = createRandom(1_000_003 * (documentIndex + 1));
    const language = languages[documentIndex % languages.length] as Passage['language'];
    const pool = byLanguage.get(language)!;
    const docId = `bench-${String(documentIndex).padStart(6, '0')}`;
    const title = `${pickOne(random, pool).title.slice(0, 60)} (${documentIndex})`;
    const paragraphs: CleanedParagraph[] = [];
    const searchTexts: string[] = [];
    let offset = 0;
    for (let n = 1; n <= shape.passagesPerDocument; n++) {
      const picked = Array.from({ length: shape.minSentences + Math.floor(random() * (shape.maxSentences - shape.minSentences + 1)) }, () => pickOne(random, pool).text);
      const text = picked.join(language === 'en' ? ' ' : '');
      searchTexts.push(picked.map(sentenceSearchText).join(' '));
      paragraphs.push({ n, kind: 'body', text, start: offset, end: offset + text.length });
      offset += text.length + 2;
    }
    const document: StoredDocument = {
      docId,
      sourcePath: `bench/${docId}.txt`,
      contentHash: createHash('sha256').update(docId).digest('hex').slice(0, 32),
      metadata: { title, language, outlet: 'bench', publishedAt: '2024-01-01' },
      text: paragraphs.map((paragraph) => paragraph.text).join('\n\n'),
      paragraphs,
      dropped: [],
    };
    const passages: Passage[] = paragraphs.map((paragraph, index) => ({
      id: passageId(docId, paragraph.n, 0),
      docId,
      paragraph: paragraph.n,
      chunk: 0,
      text: paragraph.text,
      searchText: searchTexts[index]!,
      kind: 'body',
      language,
      title,
      outlet: 'bench',
      publishedAt: '2024-01-01',
      start: 0,
      end: paragraph.text.length,
    }));
    yield { document, passages };
  }
}
