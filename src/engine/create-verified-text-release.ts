import type { Citation } from '../core/types.js';
import type { CitationDraft, VerifierEvent } from '../core/verify-citations.js';
import type { PassageStore } from '../ports.js';

/** What the release lets through: verified text and each citation as it is first used. */
export type ReleasedEvent = { type: 'text-delta'; delta: string } | { type: 'citation'; citation: Citation };

export interface VerifiedTextRelease {
  /**
   * Passes the verifier's events on, holding all text back until the first citation has
   * verified; a citation goes out with its full paragraph text.
   */
  release(events: VerifierEvent[]): AsyncGenerator<ReleasedEvent>;
  /** Forgets the text held back so far, for an answer that is started again. */
  discardHeld(): void;
  /** Whether a citation has verified. */
  readonly cited: boolean;
  /** The citations released, in order. */
  readonly citations: readonly Citation[];
  /** The text released so far. */
  readonly shownText: string;
}

/**
 * The gate between the citation verifier and the reader: an answer that ends with no verified
 * citation has shown nothing, so it can be replaced by the refusal before anyone sees it.
 */
export function createVerifiedTextRelease(store: Pick<PassageStore, 'getDocument'>): VerifiedTextRelease {
  const held: VerifierEvent[] = [];
  const citations: Citation[] = [];
  const paragraphs = new Map<string, string>();
  let shownText = '';
  let cited = false;

  async function completeCitation(draft: CitationDraft): Promise<Citation> {
    const key = `${draft.docId}#${draft.paragraph}`;
    if (!paragraphs.has(key)) {
      const document = await store.getDocument(draft.docId);
      const paragraph = document?.paragraphs.find((candidate) => candidate.n === draft.paragraph);
      paragraphs.set(key, paragraph?.text ?? '');
    }
    return { ...draft, passage: paragraphs.get(key)! };
  }

  return {
    async *release(events) {
      for (const event of events) {
        if (event.type === 'citation') cited = true;
        if (!cited) {
          held.push(event);
          continue;
        }
        for (const ready of held.splice(0).concat(event)) {
          if (ready.type === 'citation') {
            const citation = await completeCitation(ready.citation);
            citations.push(citation);
            yield { type: 'citation', citation };
          } else if (ready.text) {
            shownText += ready.text;
            yield { type: 'text-delta', delta: ready.text };
          }
        }
      }
    },
    discardHeld() {
      held.length = 0;
    },
    get cited() {
      return cited;
    },
    get citations() {
      return citations;
    },
    get shownText() {
      return shownText;
    },
  };
}
