import { escapeHtml } from '../../src/core/escape-html.js';
import type { SuiteName } from './build-suite-corpus.js';
import type { SuitesGateResult } from './check-suites.js';
import type { SuitesRun } from './run-suites.js';
import type { SuiteMetricName } from './score-suite.js';

const columns: Array<{ metric: SuiteMetricName; label: string }> = [
  { metric: 'hitAt1', label: 'hit@1' },
  { metric: 'hitAt5', label: 'hit@5' },
  { metric: 'mrr', label: 'MRR' },
  { metric: 'peerHitAt1', label: 'peer hit@1' },
  { metric: 'peerHitAt5', label: 'peer hit@5' },
  { metric: 'peerMrr', label: 'peer MRR' },
  { metric: 'retrievalHitAt1', label: 'rank-1 hit' },
  { metric: 'goldCitationRate', label: 'cites gold' },
  { metric: 'answerInQuote', label: 'answer in quote' },
  { metric: 'leadRate', label: 'leads with a span' },
  { metric: 'leadPrecision', label: 'lead right' },
  { metric: 'falseRefusalRate', label: 'false refusals' },
  { metric: 'unanswerableRefusalRate', label: 'refused unanswerable' },
  { metric: 'latencyP50', label: 'p50 ms' },
  { metric: 'latencyP95', label: 'p95 ms' },
];

// A metric a report written before it existed lacks is shown as "-".
const format = (metric: SuiteMetricName, value: number | null | undefined) =>
  value === null || value === undefined ? '-' : metric.startsWith('latency') ? String(Math.round(value)) : value.toFixed(2);

function tableRows(run: SuitesRun): string[][] {
  const header = ['set', 'n', 'answerable', ...columns.map((column) => column.label)];
  const rows = (Object.entries(run.suites) as Array<[SuiteName, NonNullable<SuitesRun['suites'][SuiteName]>]>).map(([suite, { summary }]) => [
    suite,
    String(summary.questions),
    String(summary.answerable),
    ...columns.map((column) => format(column.metric, summary.metrics[column.metric])),
  ]);
  return [header, ...rows];
}

function describe(run: SuitesRun, gate: SuitesGateResult | undefined): string[] {
  const lines = [
    `Index: ${run.index.documents} documents, ${run.index.passages} passages, ${run.index.retrieval}; ingest ${(run.index.ingestMs / 1000).toFixed(1)} s; run ${(run.ms / 1000).toFixed(1)} s`,
    `Sample: ${run.sample.size === null ? 'all questions' : `${run.sample.size} per set (seed ${run.sample.seed})`}`,
    'hit@1/hit@5/MRR count a refused answer as a miss; "rank-1 hit" is the ranking alone.',
  ];
  for (const [suite, entry] of Object.entries(run.suites)) {
    const { summary, skipped } = entry!;
    const notes = [
      summary.refusedWithGoldFirst > 0 ? `${summary.refusedWithGoldFirst} refused with the gold paragraph ranked first` : '',
      summary.unresolvedGold.length > 0 ? `${summary.unresolvedGold.length} gold paragraphs not found after cleaning (${summary.unresolvedGold.slice(0, 5).join(', ')})` : '',
      skipped.length > 0 ? `${skipped.length} questions skipped (${skipped.map((entry) => `${entry.id}: ${entry.reason}`).slice(0, 3).join('; ')})` : '',
    ].filter(Boolean);
    if (notes.length > 0) lines.push(`${suite}: ${notes.join('; ')}`);
  }
  if (gate) {
    lines.push(`Gate: ${gate.pass ? 'PASS' : 'FAIL'}`);
    for (const problem of gate.problems) lines.push(`  ${problem}`);
    for (const regression of gate.regressions) {
      lines.push(
        `  regression ${regression.metric} [${regression.suite}]: ${format(regression.metric, regression.baseline)} → ${regression.current === null ? 'missing' : format(regression.metric, regression.current)} (tolerance ${regression.tolerance})`,
      );
    }
  }
  return lines;
}

/** The suites as an HTML section (a table and notes), for the eval report page. */
export function renderSuitesSection(run: SuitesRun, gate?: SuitesGateResult): string {
  const [header, ...rows] = tableRows(run);
  return (
    '<section><h2>Real-world QA suites</h2>' +
    `<table><thead><tr>${header!.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('') +
    `</tbody></table><ul>${describe(run, gate).map((line) => `<li>${escapeHtml(line.trim())}</li>`).join('')}</ul></section>`
  );
}

/** The suites run for the terminal (an aligned table) and as Markdown. */
export function renderSuitesText(run: SuitesRun, gate?: SuitesGateResult): { text: string; markdown: string } {
  const cells = tableRows(run);
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const align = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const text = ['Real-world QA suites (keyword retrieval unless an embedding model is configured)', '', align(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(align), '', ...describe(run, gate)];
  const markdown = [
    '# Real-world QA suites',
    '',
    `| ${cells[0]!.join(' | ')} |`,
    `| ${cells[0]!.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...cells.slice(1).map((row) => `| ${row.join(' | ')} |`),
    '',
    ...describe(run, gate).map((line) => `- ${line.trim()}`),
  ];
  return { text: `${text.join('\n')}\n`, markdown: `${markdown.join('\n')}\n` };
}
