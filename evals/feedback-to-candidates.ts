import { createHash } from 'node:crypto';
import type { FeedbackRecord } from '../src/ports.js';
import { detectLanguage } from '../src/core/detect-language.js';
import type { EvalQuestion, QuestionType } from './types.js';

const anchorLength = 40;

function normalizeQuestion(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function questionType(questionLanguage: EvalQuestion['language'], quoteLanguages: Array<EvalQuestion['language']>): QuestionType {
  if (quoteLanguages.every((language) => language === questionLanguage)) return 'same-language';
  const chinese = (language: string) => language.startsWith('zh');
  if (chinese(questionLanguage) && quoteLanguages.every(chinese)) return 'cross-script';
  return 'cross-lingual';
}

/**
 * Turns widget and Slack feedback into candidate eval questions for a person to review before
 * they join `questions.jsonl`. A thumbs-up on a cited answer proposes its citations as gold
 * (anchored by the start of each verbatim quote); a thumbs-up on a refusal proposes an
 * unanswerable question; a thumbs-down is kept with the comment and marked for review, with no
 * gold, because the answer it rated may be the wrong one. Questions already in the set, and
 * repeats, are skipped (the latest rating wins). Key facts are left for the reviewer.
 */
export function feedbackToCandidates(records: FeedbackRecord[], existing: EvalQuestion[]): EvalQuestion[] {
  const known = new Set(existing.map((question) => normalizeQuestion(question.question)));
  const latest = new Map<string, FeedbackRecord>();
  for (const record of [...records].sort((left, right) => left.receivedAt.localeCompare(right.receivedAt))) {
    const key = normalizeQuestion(record.question);
    if (!known.has(key) && key.length >= 2) latest.set(key, record);
  }
  return [...latest.entries()].map(([key, record]) => {
    const id = `fb-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
    const language = detectLanguage(record.question);
    const cited = record.citations.filter((citation) => citation.quote && citation.quote.trim().length >= 2);
    const source = `from ${record.channel ?? 'widget'} feedback ${record.id} (${record.rating}, ${record.receivedAt})`;
    if (record.rating === 'down') {
      return {
        id, question: record.question, language, type: 'unanswerable', answerable: false, gold: [], keyFacts: [],
        notes: `REVIEW: ${source}${record.comment ? `: "${record.comment}"` : ''}. Decide whether the sources answer it, then set type, gold and key facts.`,
      };
    }
    if (cited.length === 0) {
      return { id, question: record.question, language, type: 'unanswerable', answerable: false, gold: [], keyFacts: [], notes: `REVIEW: ${source}; the refusal was rated helpful.` };
    }
    const gold = cited.map((citation) => ({ docId: citation.docId, anchor: citation.quote!.trim().slice(0, anchorLength), paragraph: citation.paragraph }));
    return {
      id, question: record.question, language,
      type: questionType(language, cited.map((citation) => detectLanguage(citation.quote!))),
      answerable: true, gold, keyFacts: [],
      notes: `REVIEW: ${source}; add key facts and drop gold paragraphs that do not answer it.`,
    };
  });
}
