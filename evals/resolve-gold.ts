import type { EvalQuestion, ParagraphRef } from './types.js';

export interface ParagraphText {
  n: number;
  text: string;
}

export type DocumentParagraphs = Map<string, { paragraphs: ParagraphText[] }>;

export type GoldResolution =
  | { status: 'resolved'; docId: string; anchor: string; paragraphs: number[] }
  /** The stored paragraph number no longer holds the anchor; `paragraphs` is where it is now. */
  | { status: 'moved'; docId: string; anchor: string; from: number[]; paragraphs: number[] }
  | { status: 'unresolved'; docId: string; anchor: string; reason: string };

const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef';
const spaceNextToCjk = new RegExp(`(?<=[${cjk}]) | (?=[${cjk}])`, 'gu');

/**
 * Normalises text for anchor matching: NFKC, whitespace runs collapsed to one space, and no
 * space next to a CJK character (reflowing a hard-wrapped Chinese line may or may not insert one).
 */
export function normalizeAnchorText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').replace(spaceNextToCjk, '').trim();
}

const listOf = (paragraph: number | number[] | null): number[] =>
  paragraph === null ? [] : Array.isArray(paragraph) ? paragraph : [paragraph];

const sameNumbers = (left: number[], right: number[]) =>
  left.length === right.length && left.every((value, index) => value === right[index]);

/**
 * Finds, for each gold anchor of `question`, the paragraph(s) whose text contains it.
 *
 * An anchor found in several paragraphs resolves to all of them only when those paragraphs are
 * identical (the source repeats itself); otherwise it is unresolved as ambiguous. A stored
 * paragraph number that no longer holds the anchor is reported as `moved`, never kept.
 *
 * @example resolveGold(question, new Map([['001_x', { paragraphs: [{ n: 1, text: '…' }] }]]))
 */
export function resolveGold(question: EvalQuestion, documents: DocumentParagraphs): GoldResolution[] {
  return question.gold.map(({ docId, anchor, paragraph }) => {
    const document = documents.get(docId);
    if (!document) return { status: 'unresolved', docId, anchor, reason: `document ${docId} not found` };
    const needle = normalizeAnchorText(anchor);
    const matches = document.paragraphs
      .map((candidate) => ({ n: candidate.n, text: normalizeAnchorText(candidate.text) }))
      .filter((candidate) => candidate.text.includes(needle));
    const stored = listOf(paragraph);
    const storedNote = stored.length > 0 ? ` (was p-${stored.join(', p-')})` : '';

    if (matches.length === 0) {
      return { status: 'unresolved', docId, anchor, reason: `anchor not found in any paragraph${storedNote}` };
    }
    if (new Set(matches.map((match) => match.text)).size > 1) {
      const where = matches.map((match) => `p-${match.n}`).join(', ');
      return { status: 'unresolved', docId, anchor, reason: `ambiguous anchor: in ${where}; lengthen it${storedNote}` };
    }
    const paragraphs = matches.map((match) => match.n).sort((left, right) => left - right);
    if (stored.length === 0 || sameNumbers([...stored].sort((left, right) => left - right), paragraphs)) {
      return { status: 'resolved', docId, anchor, paragraphs };
    }
    return { status: 'moved', docId, anchor, from: stored, paragraphs };
  });
}

/**
 * Turns resolutions into what a case result needs: gold paragraphs (moved anchors count at
 * their new place), `${docId}#${anchor}` keys of unresolved anchors, and a note per move.
 */
export function collectGold(resolutions: GoldResolution[]): {
  gold: ParagraphRef[];
  unresolvedGold: string[];
  moved: string[];
} {
  const gold: ParagraphRef[] = [];
  const unresolvedGold: string[] = [];
  const moved: string[] = [];
  for (const resolution of resolutions) {
    if (resolution.status === 'unresolved') {
      unresolvedGold.push(`${resolution.docId}#${resolution.anchor}`);
      continue;
    }
    if (resolution.status === 'moved') {
      moved.push(
        `${resolution.docId}#${resolution.anchor}: p-${resolution.from.join(', p-')} → p-${resolution.paragraphs.join(', p-')}`,
      );
    }
    for (const paragraph of resolution.paragraphs) gold.push({ docId: resolution.docId, paragraph });
  }
  return { gold, unresolvedGold, moved };
}

/**
 * Writes resolved paragraph numbers into the questions' gold anchors. Unresolved anchors get
 * `paragraph: null` so that a stale number is never kept; each is listed in `problems`.
 */
export function fillGold(
  questions: EvalQuestion[],
  documents: DocumentParagraphs,
): { questions: EvalQuestion[]; changes: string[]; problems: string[] } {
  const changes: string[] = [];
  const problems: string[] = [];
  const filled = questions.map((question) => {
    const resolutions = resolveGold(question, documents);
    const gold = question.gold.map((anchor, index) => {
      const resolution = resolutions[index];
      if (!resolution || resolution.status === 'unresolved') {
        problems.push(`${question.id}: ${anchor.docId}#${anchor.anchor}: ${resolution?.reason ?? 'not resolved'}`);
        return { ...anchor, paragraph: null };
      }
      const [first, ...rest] = resolution.paragraphs;
      const paragraph = rest.length === 0 && first !== undefined ? first : resolution.paragraphs;
      if (JSON.stringify(paragraph) !== JSON.stringify(anchor.paragraph)) {
        changes.push(`${question.id}: ${anchor.docId}#${anchor.anchor}: ${JSON.stringify(anchor.paragraph)} → ${JSON.stringify(paragraph)}`);
      }
      return { ...anchor, paragraph };
    });
    return { ...question, gold };
  });
  return { questions: filled, changes, problems };
}
