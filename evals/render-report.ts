import { escapeHtml } from '../src/core/escape-html.js';
import { formatSourceUrl } from '../src/core/format-source-url.js';
import type { GateResult } from './gate.js';
import type { CaseScore, MetricName, ParagraphRef, ScopeSummary, Summary } from './types.js';


export interface ReportOptions {
  /** Where the app serves `/sources/<docId>#p-<n>`, e.g. `http://localhost:3000`. */
  baseUrl: string;
  title?: string;
  gate?: GateResult;
  /** ISO timestamp shown in the header; omitted when absent so that output stays reproducible. */
  generatedAt?: string;
  /** Pre-rendered HTML sections (e.g. the real-world QA suites) shown before the failures. */
  extraSections?: string[];
}

const columns: { metric: MetricName; label: string }[] = [
  { metric: 'hitAt1', label: 'hit@1' },
  { metric: 'hitAt5', label: 'hit@5' },
  { metric: 'mrr', label: 'MRR' },
  { metric: 'ndcgAt10', label: 'nDCG@10' },
  { metric: 'contextPrecisionAt5', label: 'ctxP@5' },
  { metric: 'citationPrecision', label: 'citeP' },
  { metric: 'citationRecall', label: 'citeR' },
  { metric: 'verbatimRate', label: 'verbatim' },
  { metric: 'retrievedCitationRate', label: 'citeRetr' },
  { metric: 'keyFactRecall', label: 'facts' },
  { metric: 'languageMatch', label: 'lang' },
  { metric: 'refusalAccuracy', label: 'refusal' },
  { metric: 'cragScore', label: 'CRAG' },
  { metric: 'passRate', label: 'pass' },
  { metric: 'latencyP50', label: 'p50 ms' },
  { metric: 'latencyP95', label: 'p95 ms' },
];

const chartedMetrics: { metric: MetricName; label: string }[] = [
  { metric: 'hitAt5', label: 'Retrieval hit@5' },
  { metric: 'citationPrecision', label: 'Citation precision' },
  { metric: 'keyFactRecall', label: 'Key-fact recall' },
  { metric: 'passRate', label: 'Pass rate' },
];

function formatMetric(metric: MetricName, value: number | null): string {
  if (value === null) return '-';
  if (metric === 'latencyP50' || metric === 'latencyP95') return String(Math.round(value));
  if (metric === 'cragScore') return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
  return value.toFixed(2);
}

function scopeRows(summary: Summary): { scope: string; summary: ScopeSummary }[] {
  const rows = [{ scope: 'overall', summary: summary.overall }];
  for (const [language, scope] of Object.entries(summary.byLanguage)) if (scope) rows.push({ scope: language, summary: scope });
  for (const [type, scope] of Object.entries(summary.byType)) if (scope) rows.push({ scope: type, summary: scope });
  return rows;
}

function tableCells(summary: Summary): string[][] {
  const header = ['scope', 'n', ...columns.map((column) => column.label)];
  const body = scopeRows(summary).map((row) => [
    row.scope,
    String(row.summary.count),
    ...columns.map((column) => formatMetric(column.metric, row.summary.metrics[column.metric])),
  ]);
  return [header, ...body];
}

const failing = (summary: Summary): CaseScore[] => summary.cases.filter((score) => !score.passed);

function describeGate(gate: GateResult): string[] {
  const lines = [`Gate: ${gate.pass ? 'PASS' : 'FAIL'}`];
  for (const regression of gate.regressions) {
    const current = regression.current === null ? 'missing' : formatMetric(regression.metric, regression.current);
    lines.push(
      `  regression ${regression.metric} [${regression.scope}]: ${formatMetric(regression.metric, regression.baseline)} → ${current} (tolerance ${regression.tolerance})`,
    );
  }
  if (gate.newlyFailing.length > 0) lines.push(`  newly failing: ${gate.newlyFailing.join(', ')}`);
  return lines;
}

/** Plain-text report for the terminal: an aligned metrics table, the gate, then failures. */
export function renderTextReport(summary: Summary, options: ReportOptions): string {
  const cells = tableCells(summary);
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const formatRow = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const lines = [
    `${options.title ?? 'Eval report'} (${summary.mode}, ${summary.overall.count} questions)`,
    '',
    formatRow(cells[0]!),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map(formatRow),
  ];
  if (options.gate) lines.push('', ...describeGate(options.gate));
  const failures = failing(summary);
  lines.push('', `Failures (${failures.length})`);
  for (const score of failures) {
    lines.push(`  ${score.result.id} [${score.result.language}, ${score.result.type}]: ${score.failures.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/([\\`*_[\]|])/gu, '\\$1')
    .replace(/\s*\n\s*/gu, ' ');
}

const truncate = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** Markdown report: metrics table, gate, and one entry per failing case with source links. */
export function renderMarkdownReport(summary: Summary, options: ReportOptions): string {
  const cells = tableCells(summary);
  const lines = [`# ${escapeMarkdown(options.title ?? 'Eval report')}`, ''];
  lines.push(`Mode: \`${summary.mode}\` · ${summary.overall.count} questions${options.generatedAt ? ` · ${escapeMarkdown(options.generatedAt)}` : ''}`, '');
  lines.push('## Metrics', '');
  lines.push(`| ${cells[0]!.join(' | ')} |`, `| ${cells[0]!.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of cells.slice(1)) lines.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
  if (options.gate) {
    lines.push('', '## Gate', '', ...describeGate(options.gate).map((line) => `- ${escapeMarkdown(line.trim())}`));
  }
  const failures = failing(summary);
  lines.push('', `## Failures (${failures.length})`, '');
  for (const score of failures) {
    const { result } = score;
    lines.push(`### ${escapeMarkdown(result.id)} (${result.language}, ${result.type})`, '');
    if (result.question) lines.push(`- Question: ${escapeMarkdown(result.question)}`);
    lines.push(`- Answer${result.refused ? ' (refused)' : ''}: ${escapeMarkdown(truncate(result.answer, 400))}`);
    lines.push(`- Why: ${score.failures.map(escapeMarkdown).join('; ')}`);
    const cited = result.citations.map((citation) => `[[${citation.n}] ${citation.docId}#p-${citation.paragraph}](${formatSourceUrl(options.baseUrl, citation)})`);
    if (cited.length > 0) lines.push(`- Cited: ${cited.join(', ')}`);
    const gold = result.gold.map((ref) => `[${ref.docId}#p-${ref.paragraph}](${formatSourceUrl(options.baseUrl, ref)})`);
    if (gold.length > 0) lines.push(`- Gold: ${gold.join(', ')}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderBarChart(title: string, bars: { label: string; value: number | null }[]): string {
  const rowHeight = 22;
  const labelWidth = 110;
  const barWidth = 200;
  const height = bars.length * rowHeight + 24;
  const rows = bars
    .map((bar, index) => {
      const y = 20 + index * rowHeight;
      const width = bar.value === null ? 0 : Math.max(0, Math.min(1, bar.value)) * barWidth;
      const valueText = bar.value === null ? '–' : bar.value.toFixed(2);
      return (
        `<text x="0" y="${y + 14}" class="label">${escapeHtml(bar.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="14" class="track"/>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="14" class="bar"/>` +
        `<text x="${labelWidth + barWidth + 6}" y="${y + 14}" class="value">${valueText}</text>`
      );
    })
    .join('');
  return (
    `<svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 50}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title><text x="0" y="12" class="chart-title">${escapeHtml(title)}</text>${rows}</svg>`
  );
}

function renderCharts(heading: string, scopes: Partial<Record<string, ScopeSummary>>): string {
  const entries = Object.entries(scopes).filter((entry): entry is [string, ScopeSummary] => entry[1] !== undefined);
  const charts = chartedMetrics
    .map(({ metric, label }) =>
      renderBarChart(
        `${label} by ${heading}`,
        entries.map(([scope, summary]) => ({ label: scope, value: summary.metrics[metric] })),
      ),
    )
    .join('\n');
  return `<section><h2>By ${escapeHtml(heading)}</h2><div class="charts">${charts}</div></section>`;
}

const css = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:80rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem;margin:0 0 .3rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
svg .label,svg .value{font:12px system-ui,sans-serif;fill:#333}svg .chart-title{font:600 12px system-ui,sans-serif}
svg .track{fill:#eee}svg .bar{fill:#3b6ea5}
.pass{color:#17693a;font-weight:600}.fail{color:#a3261b;font-weight:600}
.failure{border-left:3px solid #a3261b;padding:.3rem .8rem;margin:1rem 0;background:#fafafa}
.failure p{margin:.2rem 0}.why li{color:#a3261b}
`;

/** Self-contained HTML report: inline CSS and SVG charts, every piece of data HTML-escaped. */
export function renderHtmlReport(summary: Summary, options: ReportOptions): string {
  const title = options.title ?? 'Eval report';
  const cells = tableCells(summary);
  const table =
    `<table><thead><tr>${cells[0]!.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>` +
    cells
      .slice(1)
      .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
      .join('') +
    '</tbody></table>';

  const gate = options.gate
    ? `<section><h2>Gate: <span class="${options.gate.pass ? 'pass">PASS' : 'fail">FAIL'}</span></h2><ul>` +
      describeGate(options.gate)
        .slice(1)
        .map((line) => `<li>${escapeHtml(line.trim())}</li>`)
        .join('') +
      '</ul></section>'
    : '';

  const link = (ref: ParagraphRef, label: string) =>
    `<a href="${escapeHtml(formatSourceUrl(options.baseUrl, ref))}">${escapeHtml(label)}</a>`;
  const failures = failing(summary)
    .map(({ result, failures: reasons }) => {
      const cited = result.citations.map((citation) => link(citation, `[${citation.n}] ${citation.docId}#p-${citation.paragraph}`));
      const gold = result.gold.map((ref) => link(ref, `${ref.docId}#p-${ref.paragraph}`));
      return (
        `<article class="failure" id="case-${escapeHtml(result.id)}"><h3>${escapeHtml(result.id)} <small>(${escapeHtml(result.language)}, ${escapeHtml(result.type)})</small></h3>` +
        (result.question ? `<p><b>Question:</b> ${escapeHtml(result.question)}</p>` : '') +
        `<p><b>Answer${result.refused ? ' (refused)' : ''}:</b> ${escapeHtml(truncate(result.answer, 600))}</p>` +
        `<ul class="why">${reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>` +
        (cited.length > 0 ? `<p><b>Cited:</b> ${cited.join(', ')}</p>` : '') +
        (gold.length > 0 ? `<p><b>Gold:</b> ${gold.join(', ')}</p>` : '') +
        '</article>'
      );
    })
    .join('\n');

  return renderHtmlPage(title, `<h1>${escapeHtml(title)}</h1>
<p>Mode <code>${escapeHtml(summary.mode)}</code> · ${summary.overall.count} questions${options.generatedAt ? ` · ${escapeHtml(options.generatedAt)}` : ''}</p>
<section><h2>Metrics</h2>${table}</section>
${gate}
${renderCharts('language', summary.byLanguage)}
${renderCharts('type', summary.byType)}
${(options.extraSections ?? []).join('\n')}
<section><h2>Failures (${failing(summary).length})</h2>
${failures}
</section>`);
}

/** A self-contained HTML page with the report's inline styles around `body` (already escaped HTML). */
export function renderHtmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Renders the three report forms at once. */
export function renderReport(summary: Summary, options: ReportOptions): { text: string; markdown: string; html: string } {
  return {
    text: renderTextReport(summary, options),
    markdown: renderMarkdownReport(summary, options),
    html: renderHtmlReport(summary, options),
  };
}
