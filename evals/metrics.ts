import { toSimplified } from '../src/core/chinese-script.js';
import type { Language } from '../src/core/types.js';
import {
  languages,
  questionTypes,
  type CaseMetrics,
  type CaseResult,
  type CaseScore,
  type EvalMode,
  type MetricValues,
  type ParagraphRef,
  type QuestionType,
  type ScopeSummary,
  type Summary,
} from './types.js';

/**
 * Normalises text for key-fact matching: NFKC (full-width digits and signs), lower case,
 * Traditional to Simplified (character level: 輝達 stays 辉达, not 英伟达), no whitespace, no
 * thousands separators.
 *
 * @example normalizeFactText('1.8萬 個') === '1.8万个'; normalizeFactText('$18,000') === '$18000'
 */
export function normalizeFactText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase())
    .replace(/\s+/gu, '')
    .replace(/(\d),(?=\d{3}(?!\d))/gu, '$1');
}

/** True when any `|`-separated spelling of `fact` occurs in `answer` after normalisation. */
export function containsKeyFact(answer: string, fact: string): boolean {
  const haystack = normalizeFactText(answer);
  return fact
    .split('|')
    .map((spelling) => normalizeFactText(spelling))
    .some((spelling) => spelling.length > 0 && haystack.includes(spelling));
}

const keyOf = (ref: ParagraphRef): string => `${ref.docId}#${ref.paragraph}`;

function dedupeRanking(retrieved: ParagraphRef[]): string[] {
  return [...new Set(retrieved.map(keyOf))];
}

/**
 * Retrieval metrics with binary relevance. `relevant` holds `${docId}#${paragraph}` keys.
 * Context precision@5 follows RAGAS: the mean of precision@k over the ranks k ≤ 5 that hold a
 * relevant paragraph (0 when none does).
 */
export function scoreRetrieval(ranking: string[], relevant: Set<string>) {
  const isRelevant = ranking.map((key) => relevant.has(key));
  const firstRank = isRelevant.indexOf(true) + 1;
  const hitWithin = (k: number) => (isRelevant.slice(0, k).includes(true) ? 1 : 0);

  let dcg = 0;
  isRelevant.slice(0, 10).forEach((hit, index) => {
    if (hit) dcg += 1 / Math.log2(index + 2);
  });
  let idealDcg = 0;
  for (let index = 0; index < Math.min(relevant.size, 10); index += 1) idealDcg += 1 / Math.log2(index + 2);

  let hitsSoFar = 0;
  let precisionSum = 0;
  isRelevant.slice(0, 5).forEach((hit, index) => {
    if (!hit) return;
    hitsSoFar += 1;
    precisionSum += hitsSoFar / (index + 1);
  });

  return {
    hitAt1: hitWithin(1),
    hitAt5: hitWithin(5),
    mrr: firstRank > 0 ? 1 / firstRank : 0,
    ndcgAt10: idealDcg > 0 ? dcg / idealDcg : 0,
    contextPrecisionAt5: hitsSoFar > 0 ? precisionSum / hitsSoFar : 0,
  };
}

/** Key facts pass when all are present (≤ 2 facts) or at least half are (more than 2). */
function keyFactsSuffice(keyFacts: string[], missing: string[]): boolean {
  if (keyFacts.length <= 2) return missing.length === 0;
  return (keyFacts.length - missing.length) / keyFacts.length >= 0.5;
}

/**
 * Scores one case.
 *
 * Retrieval and citation metrics are `null` for unanswerable cases and for answerable cases
 * whose gold did not resolve. Citation precision is the share of citations that point at a gold
 * paragraph; citation recall is 1 when at least one does (gold paragraphs are alternatives, so
 * one supporting citation covers the answer's claim, as in ALCE's per-statement recall).
 *
 * CRAG score:
 * - `0`  the question was refused (answerable or not: a correct refusal is credited by
 *        refusal accuracy, and CRAG keeps "missing = 0");
 * - `+1` answerable, answered, key facts suffice (all of ≤ 2 facts, else ≥ half) and at least one
 *        verbatim citation of a gold paragraph;
 * - `−1` any other answer, including any answer to an unanswerable question;
 * - `null` answerable but the gold did not resolve, so correctness cannot be judged.
 */
export function scoreCase(result: CaseResult): CaseMetrics {
  const relevant = new Set(result.gold.map(keyOf));
  const judgeable = result.answerable && relevant.size > 0 && result.unresolvedGold.length === 0;
  const retrieval = judgeable ? scoreRetrieval(dedupeRanking(result.retrieved), relevant) : null;

  const goldCitations = result.citations.filter((citation) => relevant.has(keyOf(citation)));
  const citationPrecision =
    judgeable && result.citations.length > 0 ? goldCitations.length / result.citations.length : null;
  const citationRecall = judgeable && !result.refused ? (goldCitations.length > 0 ? 1 : 0) : null;

  const missingKeyFacts = result.keyFacts.filter((fact) => !containsKeyFact(result.answer, fact));
  const keyFactRecall =
    result.answerable && !result.refused && result.keyFacts.length > 0
      ? (result.keyFacts.length - missingKeyFacts.length) / result.keyFacts.length
      : null;

  let cragScore: CaseMetrics['cragScore'];
  if (result.refused) cragScore = 0;
  else if (!result.answerable) cragScore = -1;
  else if (!judgeable) cragScore = null;
  else {
    const correct =
      keyFactsSuffice(result.keyFacts, missingKeyFacts) && goldCitations.some((citation) => citation.verbatim);
    cragScore = correct ? 1 : -1;
  }

  return {
    hitAt1: retrieval?.hitAt1 ?? null,
    hitAt5: retrieval?.hitAt5 ?? null,
    mrr: retrieval?.mrr ?? null,
    ndcgAt10: retrieval?.ndcgAt10 ?? null,
    contextPrecisionAt5: retrieval?.contextPrecisionAt5 ?? null,
    citationPrecision,
    citationRecall,
    verbatimCount: result.citations.filter((citation) => citation.verbatim).length,
    retrievedCitationCount: result.citations.filter((citation) => citation.retrieved).length,
    citationCount: result.citations.length,
    keyFactRecall,
    missingKeyFacts,
    languageMatch: result.answerLanguage === result.language,
    refusalCorrect: result.refused === !result.answerable,
    cragScore,
  };
}

const refLabel = (ref: ParagraphRef) => `${ref.docId}#p-${ref.paragraph}`;

/**
 * Lists why a case failed, most fundamental first; empty when it passed.
 *
 * @example ["gold not in top 5", "missing key fact: 500 million"]
 */
export function failureReasons(result: CaseResult, metrics: CaseMetrics = scoreCase(result)): string[] {
  const reasons = result.error ? [`request failed: ${result.error}`] : [];
  reasons.push(...result.unresolvedGold.map((gold) => `gold id unresolved: ${gold}`));
  if (result.answerable && result.gold.length === 0 && result.unresolvedGold.length === 0) {
    reasons.push('no gold paragraph for an answerable question');
  }
  if (metrics.hitAt5 === 0) reasons.push('gold not in top 5');

  if (!result.answerable) {
    if (!result.refused) reasons.push('answered an unanswerable question');
  } else if (result.refused) {
    reasons.push('refused an answerable question');
  } else {
    if (!keyFactsSuffice(result.keyFacts, metrics.missingKeyFacts)) {
      for (const fact of metrics.missingKeyFacts) reasons.push(`missing key fact: ${fact}`);
    }
    if (result.citations.length === 0) reasons.push('no citations');
    else if (metrics.citationRecall === 0) reasons.push('no citation of a gold paragraph');
  }
  for (const citation of result.citations) {
    if (!citation.verbatim) reasons.push(`quote not verbatim: [${citation.n}] ${refLabel(citation)}`);
    if (!citation.retrieved) reasons.push(`cited paragraph not retrieved: [${citation.n}] ${refLabel(citation)}`);
  }
  if (!metrics.languageMatch) {
    reasons.push(`wrong language: expected ${result.language}, got ${result.answerLanguage}`);
  }
  return reasons;
}

/** Nearest-rank percentile of `values` (`p` in 0–100); `null` for no values. */
export function computePercentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Aggregates case scores. Rates are means over the cases where they apply; the verbatim and
 * retrieved-citation rates are pooled over all citations.
 */
export function summarizeScope(cases: CaseScore[]): ScopeSummary {
  const metricsOf = cases.map((score) => score.metrics);
  const citationCount = metricsOf.reduce((sum, metrics) => sum + metrics.citationCount, 0);
  const latencies = cases.map((score) => score.result.latencyMs);
  const values: MetricValues = {
    hitAt1: mean(metricsOf.map((metrics) => metrics.hitAt1)),
    hitAt5: mean(metricsOf.map((metrics) => metrics.hitAt5)),
    mrr: mean(metricsOf.map((metrics) => metrics.mrr)),
    ndcgAt10: mean(metricsOf.map((metrics) => metrics.ndcgAt10)),
    contextPrecisionAt5: mean(metricsOf.map((metrics) => metrics.contextPrecisionAt5)),
    citationPrecision: mean(metricsOf.map((metrics) => metrics.citationPrecision)),
    citationRecall: mean(metricsOf.map((metrics) => metrics.citationRecall)),
    verbatimRate: ratio(metricsOf.reduce((sum, metrics) => sum + metrics.verbatimCount, 0), citationCount),
    retrievedCitationRate: ratio(
      metricsOf.reduce((sum, metrics) => sum + metrics.retrievedCitationCount, 0),
      citationCount,
    ),
    keyFactRecall: mean(metricsOf.map((metrics) => metrics.keyFactRecall)),
    languageMatch: mean(metricsOf.map((metrics) => (metrics.languageMatch ? 1 : 0))),
    refusalAccuracy: mean(metricsOf.map((metrics) => (metrics.refusalCorrect ? 1 : 0))),
    cragScore: mean(metricsOf.map((metrics) => metrics.cragScore)),
    passRate: mean(cases.map((score) => (score.passed ? 1 : 0))),
    latencyP50: computePercentile(latencies, 50),
    latencyP95: computePercentile(latencies, 95),
  };
  return { count: cases.length, metrics: values };
}

/** Scores every case and aggregates overall, by question language and by question type. */
export function summarizeResults(results: CaseResult[], mode: EvalMode): Summary {
  const cases: CaseScore[] = results.map((result) => {
    const metrics = scoreCase(result);
    const failures = failureReasons(result, metrics);
    return { result, metrics, failures, passed: failures.length === 0 };
  });
  const byLanguage: Summary['byLanguage'] = {};
  for (const language of languages) {
    const scoped = cases.filter((score) => score.result.language === language);
    if (scoped.length > 0) byLanguage[language as Language] = summarizeScope(scoped);
  }
  const byType: Summary['byType'] = {};
  for (const type of questionTypes) {
    const scoped = cases.filter((score) => score.result.type === type);
    if (scoped.length > 0) byType[type as QuestionType] = summarizeScope(scoped);
  }
  return { mode, overall: summarizeScope(cases), byLanguage, byType, cases };
}
