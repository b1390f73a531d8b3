import { distractorPrefix } from './distractors.js';
import type { GateResult } from './gate.js';
import type { JudgeSummary } from './judge.js';
import { escapeHtml } from '../src/core/escape-html.js';
import { renderHtmlReport, renderMarkdownReport, renderTextReport } from './render-report.js';
import type { EvalRun, ModeRun } from './run-evals.js';
import { metricNames, type CaseScore, type EvalMode, type MetricName, type ParagraphRef, type Summary } from './types.js';

export interface RunReportOptions {
  /** Where the app serves `/sources/<docId>`, for links in the reports. */
  baseUrl: string;
  gates: Partial<Record<EvalMode, GateResult>>;
  /** Modes that ran without a baseline entry. */
  ungated: EvalMode[];
  /** The same run over an index with near-duplicate distractors. */
  distracted?: EvalRun;
  judgeReason: string;
  generatedAt?: string;
  totalMs?: number;
  /** HTML of the real-world QA suites' last run (`npm run eval -- --suite …`), shown in report.html. */
  suitesSection?: string;
}

const refLabel = (ref: ParagraphRef) => `${ref.docId}#p-${ref.paragraph}`;

function formatValue(metric: MetricName | 'faithfulness' | 'relevance', value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  if (metric === 'latencyP50' || metric === 'latencyP95') return String(Math.round(value));
  return value.toFixed(3);
}

function formatChange(metric: MetricName, clean: number | null, distracted: number | null): string {
  if (clean === null || distracted === null) return '-';
  const change = distracted - clean;
  if (metric === 'latencyP50' || metric === 'latencyP95') return `${change >= 0 ? '+' : ''}${Math.round(change)}`;
  return `${change >= 0 ? '+' : ''}${change.toFixed(3)}`;
}

function alignTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [format(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(format)];
}

function markdownTable(rows: string[][]): string[] {
  return [
    `| ${rows[0]!.join(' | ')} |`,
    `| ${rows[0]!.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.slice(1).map((row) => `| ${row.join(' | ')} |`),
  ];
}

function htmlTable(rows: string[][]): string {
  return (
    `<table><thead><tr>${rows[0]!.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>` +
    rows.slice(1).map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

function judgeRows(summary: JudgeSummary): string[][] {
  const scopes = [['overall', summary.overall] as const, ...Object.entries(summary.byLanguage), ...Object.entries(summary.byType)];
  return [
    ['scope', 'judged', 'faithfulness', 'relevance'],
    ...scopes.map(([scope, values]) => [scope, String(values.judged), formatValue('faithfulness', values.faithfulness), formatValue('relevance', values.relevance)]),
  ];
}

export interface DistractorComparison {
  metrics: Partial<Record<MetricName, { clean: number | null; distractors: number | null; change: number | null }>>;
  /** Cases that pass on the clean index and fail with distractors. */
  newlyFailing: string[];
  /** Cases whose answer cites a distractor paragraph. */
  citedDistractor: string[];
  /** Cases where a distractor outranks every gold paragraph. */
  distractorAboveGold: string[];
}

function distractorAboveGold(score: CaseScore): boolean {
  const { gold, retrieved } = score.result;
  const goldKeys = new Set(gold.map(refLabel));
  const firstGold = retrieved.findIndex((ref) => goldKeys.has(refLabel(ref)));
  const firstDistractor = retrieved.findIndex((ref) => ref.docId.startsWith(distractorPrefix));
  return gold.length > 0 && firstDistractor >= 0 && (firstGold < 0 || firstDistractor < firstGold);
}

/** How each overall metric moves when near-duplicate distractors join the index. */
export function compareWithDistractors(clean: Summary, distracted: Summary): DistractorComparison {
  const metrics: DistractorComparison['metrics'] = {};
  for (const metric of metricNames) {
    const before = clean.overall.metrics[metric];
    const after = distracted.overall.metrics[metric];
    metrics[metric] = { clean: before, distractors: after, change: before === null || after === null ? null : after - before };
  }
  const passingAfter = new Set(distracted.cases.filter((score) => score.passed).map((score) => score.result.id));
  return {
    metrics,
    newlyFailing: clean.cases.filter((score) => score.passed && !passingAfter.has(score.result.id)).map((score) => score.result.id),
    citedDistractor: distracted.cases
      .filter((score) => score.result.citations.some((citation) => citation.docId.startsWith(distractorPrefix)))
      .map((score) => score.result.id),
    distractorAboveGold: distracted.cases.filter(distractorAboveGold).map((score) => score.result.id),
  };
}

function distractorRows(comparison: DistractorComparison): string[][] {
  return [
    ['metric', 'clean', 'distractors', 'change'],
    ...metricNames.map((metric) => {
      const values = comparison.metrics[metric];
      return [metric, formatValue(metric, values?.clean), formatValue(metric, values?.distractors), formatChange(metric, values?.clean ?? null, values?.distractors ?? null)];
    }),
  ];
}

function caseJson(score: CaseScore, judge: ModeRun['judgements'], fallbacks: ModeRun['fallbacks']) {
  const { result } = score;
  return {
    id: result.id,
    question: result.question,
    language: result.language,
    type: result.type,
    answerable: result.answerable,
    passed: score.passed,
    failures: score.failures,
    gold: result.gold.map(refLabel),
    unresolvedGold: result.unresolvedGold,
    ...(result.movedGold ? { movedGold: result.movedGold } : {}),
    retrieved: result.retrieved.map(refLabel),
    citations: result.citations.map((citation) => ({
      n: citation.n,
      paragraph: refLabel(citation),
      quote: citation.quote,
      verbatim: citation.verbatim,
      retrieved: citation.retrieved,
    })),
    answer: result.answer,
    refused: result.refused,
    answerLanguage: result.answerLanguage,
    latencyMs: result.latencyMs,
    ...(result.error ? { error: result.error } : {}),
    ...(fallbacks[result.id] ? { servedMode: fallbacks[result.id] } : {}),
    metrics: score.metrics,
    ...(judge?.[result.id] ? { judge: judge[result.id] } : {}),
  };
}

function modeJson(modeRun: ModeRun, gate: GateResult | undefined) {
  const { summary } = modeRun;
  return {
    overall: summary.overall,
    byLanguage: summary.byLanguage,
    byType: summary.byType,
    ...(gate ? { gate } : {}),
    llmFallbacks: modeRun.fallbacks,
    judge: modeRun.judgeSummary,
    ms: modeRun.ms,
    cases: summary.cases.map((score) => caseJson(score, modeRun.judgements, modeRun.fallbacks)),
  };
}

function headerLines(run: EvalRun, options: RunReportOptions): string[] {
  const questions = run.runs[run.ran[0]!]?.summary.overall.count ?? 0;
  const lines = [
    `${questions} questions · index: ${run.index.documents} documents, ${run.index.passages} passages, embeddings: ${run.index.embedding ?? 'none'} (ingest ${run.index.ingestMs} ms)`,
    `Modes ran: ${run.ran.join(', ')}`,
    ...run.skipped.map((skipped) => `${skipped.mode}: skipped — ${skipped.reason}`),
    `Judge: ${options.judgeReason}`,
  ];
  if (run.gold.unresolved.length === 0 && run.gold.moved.length === 0) lines.push('Gold: every anchor resolved at its recorded paragraph');
  for (const unresolved of run.gold.unresolved) lines.push(`Gold UNRESOLVED ${unresolved}`);
  for (const moved of run.gold.moved) lines.push(`Gold moved ${moved} (run npx tsx evals/fill-gold.ts)`);
  for (const mode of options.ungated) lines.push(`${mode}: no baseline entry, not gated`);
  return lines;
}

/**
 * Renders a whole run: the terminal text, one markdown file, an HTML file per mode
 * (`report.html` for the first, offline one) and the JSON with every case.
 */
export function renderRunReport(run: EvalRun, options: RunReportOptions) {
  const header = headerLines(run, options);
  const text: string[] = [...header, ''];
  const markdown: string[] = ['# Eval report', '', ...header.map((line) => `- ${line}`), ''];
  const html: Record<string, string> = {};
  const extrasHtml: Record<string, string> = {};
  const comparisons: Partial<Record<EvalMode, DistractorComparison>> = {};

  run.ran.forEach((mode, index) => {
    const modeRun = run.runs[mode]!;
    const reportOptions = { baseUrl: options.baseUrl, title: `Eval report: ${mode}`, gate: options.gates[mode], generatedAt: options.generatedAt };
    text.push(renderTextReport(modeRun.summary, { ...reportOptions, generatedAt: undefined }));
    markdown.push(renderMarkdownReport(modeRun.summary, reportOptions).replace(/^(#{1,5}) /gmu, '#$1 '));
    let extra = '';
    const fallbackIds = Object.keys(modeRun.fallbacks);
    if (mode.endsWith('+llm')) {
      const line = `LLM answers that fell back to extractive: ${fallbackIds.length}${fallbackIds.length ? ` (${fallbackIds.join(', ')})` : ''}`;
      text.push(line, '');
      markdown.push(`- ${line}`, '');
      extra += `<p>${escapeHtml(line)}</p>`;
    }
    if (modeRun.judgeSummary) {
      const rows = judgeRows(modeRun.judgeSummary);
      const title = `LLM judge (${mode}), beside the deterministic metrics — ${modeRun.judgeSummary.errors} judge error(s)`;
      text.push(title, ...alignTable(rows), '');
      markdown.push(`### ${title}`, '', ...markdownTable(rows), '');
      extra += `<section><h2>${escapeHtml(title)}</h2>${htmlTable(rows)}</section>`;
    }
    const distractedRun = options.distracted?.runs[mode];
    if (distractedRun) {
      const comparison = compareWithDistractors(modeRun.summary, distractedRun.summary);
      comparisons[mode] = comparison;
      const info = options.distracted!.index.distractors;
      const title = `Distractors (${mode}): ${info?.indexed ?? 0}/${info?.paragraphs ?? 0} near-duplicate paragraphs indexed in ${info?.documents ?? 0} extra documents`;
      const lists = [
        `newly failing with distractors (${comparison.newlyFailing.length}): ${comparison.newlyFailing.join(', ') || 'none'}`,
        `cites a distractor (${comparison.citedDistractor.length}): ${comparison.citedDistractor.join(', ') || 'none'}`,
        `distractor ranked above gold (${comparison.distractorAboveGold.length}): ${comparison.distractorAboveGold.join(', ') || 'none'}`,
      ];
      const rows = distractorRows(comparison);
      text.push(title, ...alignTable(rows), ...lists, '');
      markdown.push(`### ${title}`, '', ...markdownTable(rows), '', ...lists.map((line) => `- ${line}`), '');
      extra += `<section><h2>${escapeHtml(title)}</h2>${htmlTable(rows)}<ul>${lists.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul></section>`;
    }
    if (index === 0 && options.suitesSection) extra += options.suitesSection;
    extrasHtml[mode] = extra;
    const fileName = index === 0 ? 'report.html' : `report.${mode.replace('+', '-')}.html`;
    const headerHtml = `<section><ul>${header.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul></section>`;
    html[fileName] = renderHtmlReport(modeRun.summary, reportOptions)
      .replace('<section><h2>Metrics</h2>', `${headerHtml}<section><h2>Metrics</h2>`)
      .replace('</body>', `${extra}\n</body>`);
  });
  if (options.totalMs !== undefined) text.push(`Total ${(options.totalMs / 1000).toFixed(1)} s`, '');

  const json = {
    generatedAt: options.generatedAt,
    totalMs: options.totalMs,
    index: run.index,
    modes: { ran: run.ran, skipped: run.skipped, ungated: options.ungated },
    judge: options.judgeReason,
    gold: run.gold,
    results: Object.fromEntries(run.ran.map((mode) => [mode, modeJson(run.runs[mode]!, options.gates[mode])])),
    ...(options.distracted
      ? {
          distractors: {
            index: options.distracted.index,
            comparison: comparisons,
            results: Object.fromEntries(
              options.distracted.ran.map((mode) => [mode, modeJson(options.distracted!.runs[mode]!, undefined)]),
            ),
          },
        }
      : {}),
  };
  return { text: `${text.join('\n').trimEnd()}\n`, markdown: `${markdown.join('\n').trimEnd()}\n`, html, json };
}
