import { keywordCoverage } from './keyword-coverage.js';
import { findQuoteSpan } from './normalize-for-quote-match.js';
import { normalizeSearchText } from './normalize-search-text.js';
import { splitSentences } from './split-sentences.js';
import type { Citation, Passage } from './types.js';

/** A verified citation before the engine attaches the full paragraph text. */
export type CitationDraft = Omit<Citation, 'passage'>;

export type VerifierEvent = { type: 'text'; text: string } | { type: 'citation'; citation: CitationDraft };

export interface VerificationIssue {
  kind: 'quote-not-found' | 'citation-repaired' | 'unknown-passage' | 'unsupported-claim' | 'marker-added';
  detail: string;
}

export interface CitationVerifierOptions {
  /** The passages as numbered in the prompt: marker `[1]` is `passages[0]`. */
  passages: Passage[];
  sourceUrl: (docId: string, paragraph: number) => string;
  /** Converts the answer's own prose (never quotes), e.g. to the question's script. */
  convertProse?: (text: string) => string;
}

export interface CitationVerifier {
  /** Feeds more model text; returns what is now safe to show. */
  push(delta: string): VerifierEvent[];
  /** Ends the input; returns the rest. */
  flush(): VerifierEvent[];
  readonly citations: CitationDraft[];
  readonly issues: VerificationIssue[];
}

const closingQuote: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '«': '»' };
const openingQuotes = new Set(Object.keys(closingQuote));
const markerPattern = /^[ \t]*[[【]((?:\d{1,3})(?:\s*[,，、]\s*\d{1,3})*)[\]】]/u;
const possibleMarkerPrefix = /^[ \t]*(?:[[【][\d,，、\s]{0,20})?$/u;
/** Matches from the last sentence end to the end of the text. */
const afterLastSentenceEnd = /[。！？!?.\n][^。！？!?.\n]*$/u;
/** The index of the mark that closes the quote opened at 0, counting nested pairs of the same kind. */
function indexOfClosingQuote(text: string, open: string): number {
  const close = closingQuote[open]!;
  if (close === open) return text.indexOf(close, 1);
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === open) depth++;
    else if (text[index] === close && --depth === 0) return index;
  }
  return -1;
}

function indexOfOpeningQuote(text: string): number {
  for (let index = 0; index < text.length; index++) if (openingQuotes.has(text[index]!)) return index;
  return -1;
}

/** How long a quote may stay open before the opening mark is taken as plain text. */
const maxPendingQuote = 1200;

/**
 * Checks every quote and citation marker in model output before it is shown, as a stream.
 *
 * - A quote (“…”, 「…」, 『…』, "…") followed by a marker `[k]` must be a verbatim substring of
 *   passage k after folding only whitespace and full-/half-width forms (never script). The
 *   verbatim span of the passage is what gets shown.
 * - A quote found only in another passage has its citation repaired to that passage.
 * - A quote found nowhere loses its quote marks and its marker: it is not presented as a quote.
 * - A marker after a plain claim cites the passage sentence that best covers the claim, or is
 *   dropped when the passage does not cover it at all.
 * - Citations are renumbered 1, 2, 3… in order of first use; the same quote keeps its number.
 *
 * Never throws on model output; problems are collected in `issues`.
 */
export function createCitationVerifier(options: CitationVerifierOptions): CitationVerifier {
  const { passages, sourceUrl } = options;
  const convertProse = options.convertProse ?? ((text: string) => text);
  const citations: CitationDraft[] = [];
  const numberByKey = new Map<string, number>();
  const issues: VerificationIssue[] = [];
  let pending = '';
  let currentSentence = '';

  function cite(passage: Passage, span: { start: number; end: number }): CitationDraft {
    const quote = passage.text.slice(span.start, span.end);
    const start = passage.start + span.start;
    const end = passage.start + span.end;
    const key = `${passage.docId}#${passage.paragraph}:${start}-${end}`;
    const known = numberByKey.get(key);
    if (known !== undefined) return citations[known - 1]!;
    const citation: CitationDraft = {
      n: citations.length + 1,
      docId: passage.docId,
      paragraph: passage.paragraph,
      title: passage.title,
      outlet: passage.outlet,
      publishedAt: passage.publishedAt,
      url: sourceUrl(passage.docId, passage.paragraph),
      quote,
      start,
      end,
    };
    citations.push(citation);
    numberByKey.set(key, citation.n);
    return citation;
  }

  function passagesFor(numbers: number[]): Passage[] {
    const found: Passage[] = [];
    for (const number of numbers) {
      const passage = passages[number - 1];
      if (passage) found.push(passage);
      else issues.push({ kind: 'unknown-passage', detail: `marker [${number}] names no passage` });
    }
    return found;
  }

  function prose(text: string, events: VerifierEvent[]): void {
    if (!text) return;
    const converted = convertProse(text);
    events.push({ type: 'text', text: converted });
    const lastBoundary = converted.search(afterLastSentenceEnd);
    currentSentence = lastBoundary >= 0 ? converted.slice(lastBoundary + 1) : currentSentence + converted;
  }

  function emitCitation(citation: CitationDraft, isNew: boolean, events: VerifierEvent[]): void {
    if (isNew) events.push({ type: 'citation', citation });
    events.push({ type: 'text', text: `[${citation.n}]` });
  }

  function citeAndEmit(passage: Passage, span: { start: number; end: number }, events: VerifierEvent[]): CitationDraft {
    const before = citations.length;
    const citation = cite(passage, span);
    emitCitation(citation, citations.length > before, events);
    return citation;
  }

  function handleQuote(open: string, quote: string, markerNumbers: number[] | undefined, events: VerifierEvent[]): void {
    const cited = markerNumbers ? passagesFor(markerNumbers) : [];
    const others = passages.filter((passage) => !cited.includes(passage));
    let match: { passage: Passage; span: { start: number; end: number } } | undefined;
    for (const passage of [...cited, ...others]) {
      const span = findQuoteSpan(quote, passage.text);
      if (span) {
        match = { passage, span };
        break;
      }
    }
    if (!match) {
      issues.push({ kind: 'quote-not-found', detail: quote.slice(0, 120) });
      prose(quote, events);
      return;
    }
    if (markerNumbers && !cited.includes(match.passage)) {
      issues.push({ kind: 'citation-repaired', detail: `${quote.slice(0, 60)} → ${match.passage.id}` });
    }
    if (!markerNumbers) issues.push({ kind: 'marker-added', detail: quote.slice(0, 60) });
    const verbatim = match.passage.text.slice(match.span.start, match.span.end);
    events.push({ type: 'text', text: `${open}${verbatim}${closingQuote[open]}` });
    citeAndEmit(match.passage, match.span, events);
    currentSentence += verbatim;
  }

  function handleClaimMarker(markerNumbers: number[], events: VerifierEvent[]): void {
    const claim = normalizeSearchText(currentSentence);
    let emitted = false;
    for (const passage of passagesFor(markerNumbers)) {
      let best: { span: { start: number; end: number }; coverage: number } | undefined;
      for (const sentence of splitSentences(passage.text)) {
        const coverage = keywordCoverage(claim, normalizeSearchText(sentence.text));
        if (coverage > (best?.coverage ?? 0)) best = { span: sentence, coverage };
      }
      if (!best) continue;
      citeAndEmit(passage, best.span, events);
      emitted = true;
    }
    if (!emitted) issues.push({ kind: 'unsupported-claim', detail: currentSentence.slice(-120) });
  }

  function parseMarker(text: string): { numbers: number[]; length: number } | undefined {
    const match = markerPattern.exec(text);
    if (!match) return undefined;
    return { numbers: match[1]!.split(/[,，、\s]+/u).filter(Boolean).map(Number), length: match[0].length };
  }

  /** Processes as much of `pending` as is decidable; with `final`, all of it. */
  function drain(final: boolean): VerifierEvent[] {
    const events: VerifierEvent[] = [];
    while (pending) {
      const quoteIndex = indexOfOpeningQuote(pending);
      const markerAt = pending.search(/[[【]/u);
      const candidates = [quoteIndex, markerAt].filter((index) => index >= 0);
      if (candidates.length === 0) {
        prose(pending, events);
        pending = '';
        break;
      }
      const next = Math.min(...candidates);
      prose(pending.slice(0, next), events);
      pending = pending.slice(next);

      if (next === markerAt && markerAt !== quoteIndex) {
        const marker = parseMarker(pending);
        if (marker) {
          pending = pending.slice(marker.length);
          handleClaimMarker(marker.numbers, events);
          continue;
        }
        if (!final && possibleMarkerPrefix.test(pending)) break;
        prose(pending[0]!, events);
        pending = pending.slice(1);
        continue;
      }

      const open = pending[0]!;
      const closeAt = indexOfClosingQuote(pending, open);
      if (closeAt < 0) {
        if (!final && pending.length < maxPendingQuote) break;
        prose(open, events);
        pending = pending.slice(1);
        continue;
      }
      const quote = pending.slice(1, closeAt);
      const after = pending.slice(closeAt + 1);
      const marker = parseMarker(after);
      if (!marker && !final && possibleMarkerPrefix.test(after)) break;
      pending = after.slice(marker?.length ?? 0);
      handleQuote(open, quote, marker?.numbers, events);
    }
    return events;
  }

  return {
    push(delta) {
      pending += delta;
      return drain(false);
    },
    flush() {
      return drain(true);
    },
    citations,
    issues,
  };
}

/** Verifies a complete answer at once: the same rules as the streaming verifier. */
export function verifyCitations(
  answer: string,
  options: CitationVerifierOptions,
): { text: string; citations: CitationDraft[]; issues: VerificationIssue[] } {
  const verifier = createCitationVerifier(options);
  const events = [...verifier.push(answer), ...verifier.flush()];
  const text = events.map((event) => (event.type === 'text' ? event.text : '')).join('');
  return { text, citations: verifier.citations, issues: verifier.issues };
}
