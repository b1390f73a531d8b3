import type { DocumentMetadata, DroppedLine, PassageKind } from '../types.js';

/** One line of the source after format conversion: `line` is the 1-based raw line number. */
export interface SourceLine {
  line: number;
  text: string;
}

/** A paragraph being built: its text and the raw lines it came from. */
export interface DraftParagraph {
  lines: number[];
  text: string;
  kind: PassageKind;
}

/** Metadata found along the way; the first rule to find a field wins. */
export type MetadataHints = Partial<Omit<DocumentMetadata, 'language'>>;

/** Lines of a document, converted to plain text, with what the conversion removed or learned. */
export interface SourceLines {
  lines: SourceLine[];
  dropped: DroppedLine[];
  hints: MetadataHints;
}
