import type { AnswerMode, ChatTurn, Language } from '../src/core/types.js';

export const questionTypes = [
  'same-language',
  'cross-script',
  'cross-lingual',
  'follow-up',
  'unanswerable',
  'near-noise',
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const languages = ['en', 'zh-Hant', 'zh-Hans'] as const satisfies readonly Language[];

/** How passages were retrieved and how the answer was written: `keyword+extractive` runs offline. */
export const evalModes = ['keyword+extractive', 'hybrid+extractive', 'keyword+llm', 'hybrid+llm'] as const;
export type EvalMode = `${'keyword' | 'hybrid'}+${AnswerMode}`;

/**
 * Where the answer lives. `anchor` is a short verbatim substring of one cleaned paragraph, in the
 * paragraph's own script; `paragraph` is filled in from it by `fill-gold.ts` once cleaning lands.
 * It is a list only when the source repeats the paragraph word for word.
 */
export interface GoldAnchor {
  docId: string;
  anchor: string;
  paragraph: number | number[] | null;
}

/**
 * One line of `questions.jsonl`. Gold paragraphs are alternatives: each one alone supports the
 * answer. A key fact may list spellings separated by `|` (`"18000|1.8萬"`); any one counts.
 */
export interface EvalQuestion {
  id: string;
  question: string;
  language: Language;
  type: QuestionType;
  answerable: boolean;
  gold: GoldAnchor[];
  keyFacts: string[];
  history?: ChatTurn[];
  notes?: string;
}

export interface ParagraphRef {
  docId: string;
  paragraph: number;
}

export interface CaseCitation extends ParagraphRef {
  n: number;
  quote: string;
  /** The quote is a verbatim substring of the cited paragraph. */
  verbatim: boolean;
  /** The cited paragraph was among the passages retrieved for this answer. */
  retrieved: boolean;
}

/** What the runner records for one question in one answer mode. */
export interface CaseResult {
  id: string;
  /** The question text, for reports. */
  question?: string;
  language: Language;
  type: QuestionType;
  answerable: boolean;
  gold: ParagraphRef[];
  /** Ranked, deduplicated by paragraph. */
  retrieved: ParagraphRef[];
  citations: CaseCitation[];
  answer: string;
  refused: boolean;
  answerLanguage: Language;
  keyFacts: string[];
  latencyMs: number;
  /** `${docId}#${anchor}` of gold anchors that could not be resolved to a paragraph. */
  unresolvedGold: string[];
  /** Gold anchors found away from their recorded paragraph (scored at the new place). */
  movedGold?: string[];
  /** Set when the request itself failed (HTTP status and error code). */
  error?: string;
}

export const metricNames = [
  'hitAt1',
  'hitAt5',
  'mrr',
  'ndcgAt10',
  'contextPrecisionAt5',
  'citationPrecision',
  'citationRecall',
  'verbatimRate',
  'retrievedCitationRate',
  'keyFactRecall',
  'languageMatch',
  'refusalAccuracy',
  'cragScore',
  'passRate',
  'latencyP50',
  'latencyP95',
] as const;
export type MetricName = (typeof metricNames)[number];

/** `null` when the metric does not apply (no answerable case, no citation…). */
export type MetricValues = Record<MetricName, number | null>;

export interface CaseMetrics {
  hitAt1: number | null;
  hitAt5: number | null;
  mrr: number | null;
  ndcgAt10: number | null;
  contextPrecisionAt5: number | null;
  citationPrecision: number | null;
  citationRecall: number | null;
  verbatimCount: number;
  retrievedCitationCount: number;
  citationCount: number;
  keyFactRecall: number | null;
  missingKeyFacts: string[];
  languageMatch: boolean;
  refusalCorrect: boolean;
  cragScore: -1 | 0 | 1 | null;
}

export interface CaseScore {
  result: CaseResult;
  metrics: CaseMetrics;
  failures: string[];
  passed: boolean;
}

export interface ScopeSummary {
  count: number;
  metrics: MetricValues;
}

export interface Summary {
  mode: EvalMode;
  overall: ScopeSummary;
  byLanguage: Partial<Record<Language, ScopeSummary>>;
  byType: Partial<Record<QuestionType, ScopeSummary>>;
  cases: CaseScore[];
}
