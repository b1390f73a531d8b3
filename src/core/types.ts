/** Language and script of a text: English, Traditional Chinese or Simplified Chinese. */
export type Language = 'en' | 'zh-Hant' | 'zh-Hans';

/** Body text is retrieved by default; forum push comments only when asked for. */
export type PassageKind = 'body' | 'comment';

export interface DocumentMetadata {
  title: string;
  author?: string;
  /** ISO 8601 date (`2023-12-05` or a full timestamp) when it can be parsed, else omitted. */
  publishedAt?: string;
  /** The outlet, site or forum board the article came from. */
  outlet?: string;
  /** The article's original URL, when the text names it. */
  url?: string;
  language: Language;
}

/** One paragraph of a cleaned document. `start`/`end` are offsets into `CleanedDocument.text`. */
export interface CleanedParagraph {
  /** 1-based, in document order: the anchor is `p-${n}`. */
  n: number;
  kind: PassageKind;
  text: string;
  start: number;
  end: number;
}

/** A source line that cleaning removed, with the rule that removed it. */
export interface DroppedLine {
  /** 1-based line number in the raw file. */
  line: number;
  text: string;
  reason: string;
}

export interface CleanedDocument {
  metadata: DocumentMetadata;
  /** The cleaned text: paragraphs joined with a blank line, in the original script. */
  text: string;
  paragraphs: CleanedParagraph[];
  dropped: DroppedLine[];
}

/** A stored document: what a source page is rendered from. */
export interface StoredDocument extends CleanedDocument {
  docId: string;
  sourcePath: string;
  contentHash: string;
}

/** The unit of retrieval: a paragraph, or a sentence-aligned chunk of a long one. */
export interface Passage {
  /** `${docId}#p-${paragraph}` or `${docId}#p-${paragraph}.${chunk}` for chunk > 0. */
  id: string;
  docId: string;
  paragraph: number;
  /** 0-based chunk index within the paragraph. */
  chunk: number;
  /** Exactly as cleaned, in the original script. */
  text: string;
  /** Normalised form used by keyword search (see normalizeSearchText). */
  searchText: string;
  kind: PassageKind;
  language: Language;
  title: string;
  url?: string;
  publishedAt?: string;
  outlet?: string;
  /** Offsets of this chunk in the paragraph's text. */
  start: number;
  end: number;
}

export interface RetrievedPassage {
  passage: Passage;
  /** Reciprocal-rank-fusion score: only meaningful for ordering. */
  score: number;
  /** Absolute relevance in [0, 1] that the score floor applies to. */
  relevance: number;
  keywordRank?: number;
  vectorRank?: number;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A verified citation, numbered 1, 2, 3… in order of first use in the answer. */
export interface Citation {
  n: number;
  docId: string;
  paragraph: number;
  title: string;
  outlet?: string;
  publishedAt?: string;
  /** `${baseUrl}/sources/${docId}#p-${paragraph}` */
  url: string;
  /** Verbatim substring of `passage`. */
  quote: string;
  /** Offsets of `quote` in `passage`. */
  start: number;
  end: number;
  /** The full cited paragraph text. */
  passage: string;
}

export type AnswerMode = 'llm' | 'extractive';
