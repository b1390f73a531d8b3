import { toSimplified } from '../../src/core/chinese-script.js';
import { foldForQuoteMatch } from '../../src/core/normalize-for-quote-match.js';
import { computePercentile, scoreRetrieval } from '../metrics.js';

/** One question of a suite as asked: what the product retrieved, cited and quoted, and the peer's ranking. */
export interface SuiteCaseResult {
  id: string;
  question: string;
  answerable: boolean;
  answers: string[];
  /** `docId#paragraph` keys of the gold paragraph(s); empty when unanswerable or not found after cleaning. */
  gold: string[];
  /** The product's retrieved paragraphs, best first, as `docId#paragraph` keys. */
  retrieved: string[];
  refused: boolean;
  cited: string[];
  quotes: string[];
  /** The span the answer leads with in bold (`**1.8萬個**`), when it leads with one. */
  lead?: string;
  latencyMs: number;
  /** The BM25 peer's ranking of paragraphs, best first. */
  peer: string[];
  error?: string;
}

export const suiteMetricNames = [
  'hitAt1',
  'hitAt5',
  'mrr',
  'retrievalHitAt1',
  'goldCitationRate',
  'answerInQuote',
  'leadRate',
  'leadPrecision',
  'falseRefusalRate',
  'unanswerableRefusalRate',
  'peerHitAt1',
  'peerHitAt5',
  'peerMrr',
  'latencyP50',
  'latencyP95',
] as const;
export type SuiteMetricName = (typeof suiteMetricNames)[number];
export type SuiteMetrics = Record<SuiteMetricName, number | null>;

export interface SuiteSummary {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions whose gold paragraph was not found among the stored paragraphs (scored as misses). */
  unresolvedGold: string[];
  /** False refusals although the gold paragraph was retrieved first: retrieval losses the hit@1 above counts. */
  refusedWithGoldFirst: number;
  metrics: SuiteMetrics;
}

/** Folds text for answer-in-quote: whitespace and full-/half-width forms as quotes are matched, then Traditional → Simplified. */
export function foldAnswerText(text: string): string {
  return toSimplified(foldForQuoteMatch(text).text);
}

/** Whether any of the gold answers occurs in any of the quotes after width, whitespace and script folding. */
export function answerInQuotes(answers: readonly string[], quotes: readonly string[]): boolean {
  const folded = quotes.map(foldAnswerText);
  return answers.some((answer) => {
    const needle = foldAnswerText(answer);
    return needle.length > 0 && folded.some((quote) => quote.includes(needle));
  });
}

/**
 * Whether a bold lead gives a gold answer, after the same folding: one holds the other (「美国」 for
 * 「美国得克萨斯州」, "William" for "William the Conqueror"), not a name beside it.
 */
export function leadMatches(answers: readonly string[], lead: string): boolean {
  const folded = foldAnswerText(lead);
  return folded.length > 0 && answers.some((answer) => {
    const needle = foldAnswerText(answer);
    return needle.length > 0 && (folded.includes(needle) || needle.includes(folded));
  });
}

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
const round = (value: number | null, digits = 4): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * Scores one set. Retrieval is scored on answerable questions against the gold paragraph. The
 * product's hit@1, hit@5 and MRR count a refused answer as a miss (the asker got nothing, however
 * well the passage ranked); `retrievalHitAt1` is the ranking alone. Gold citation, answer-in-quote
 * and false refusals are shares of the answerable questions; the refusal rate of the unanswerable
 * ones is `null` when the set has none. `leadRate` is the share of answered questions whose answer
 * leads with a span in bold, `leadPrecision` the share of those leads that give a gold answer
 * (`leadMatches`; `null` when none leads). The peer is scored on the same questions.
 */
export function summarizeSuite(cases: readonly SuiteCaseResult[]): SuiteSummary {
  const answerable = cases.filter((entry) => entry.answerable);
  const unanswerable = cases.filter((entry) => !entry.answerable);
  const product = answerable.map((entry) => scoreRetrieval(entry.refused || entry.error ? [] : entry.retrieved, new Set(entry.gold)));
  const retrievalOnly = answerable.map((entry) => scoreRetrieval(entry.retrieved, new Set(entry.gold)));
  const peer = answerable.map((entry) => scoreRetrieval(entry.peer, new Set(entry.gold)));
  const share = (list: readonly SuiteCaseResult[], test: (entry: SuiteCaseResult) => boolean) =>
    mean(list.map((entry) => (test(entry) ? 1 : 0)));
  const latencies = cases.filter((entry) => !entry.error).map((entry) => entry.latencyMs);
  const answered = answerable.filter((entry) => !entry.refused && !entry.error);
  const led = answered.filter((entry) => entry.lead !== undefined);
  const metrics: SuiteMetrics = {
    hitAt1: round(mean(product.map((score) => score.hitAt1))),
    hitAt5: round(mean(product.map((score) => score.hitAt5))),
    mrr: round(mean(product.map((score) => score.mrr))),
    retrievalHitAt1: round(mean(retrievalOnly.map((score) => score.hitAt1))),
    goldCitationRate: round(share(answerable, (entry) => !entry.refused && entry.cited.some((key) => entry.gold.includes(key)))),
    answerInQuote: round(share(answerable, (entry) => !entry.refused && answerInQuotes(entry.answers, entry.quotes))),
    leadRate: round(share(answered, (entry) => entry.lead !== undefined)),
    leadPrecision: round(share(led, (entry) => leadMatches(entry.answers, entry.lead!))),
    falseRefusalRate: round(share(answerable, (entry) => entry.refused || entry.error !== undefined)),
    unanswerableRefusalRate: round(share(unanswerable, (entry) => entry.refused)),
    peerHitAt1: round(mean(peer.map((score) => score.hitAt1))),
    peerHitAt5: round(mean(peer.map((score) => score.hitAt5))),
    peerMrr: round(mean(peer.map((score) => score.mrr))),
    latencyP50: round(computePercentile(latencies, 50), 1),
    latencyP95: round(computePercentile(latencies, 95), 1),
  };
  return {
    questions: cases.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    unresolvedGold: answerable.filter((entry) => entry.gold.length === 0).map((entry) => entry.id),
    refusedWithGoldFirst: answerable.filter((entry) => entry.refused && entry.gold.includes(entry.retrieved[0] ?? '')).length,
    metrics,
  };
}
