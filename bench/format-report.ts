export interface ReportRow {
  section: string;
  metric: string;
  /** The headline number: a median or p50. */
  value: number;
  unit: string;
  p95?: number;
  /** Context such as run counts or the ours/raw ratio. */
  note?: string;
  target?: { limit: number; kind: 'max' | 'min' };
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** "ok 0.42×" or "MISS 1.8×": the value as a multiple of its target. */
export function formatVerdict(row: ReportRow): string {
  if (!row.target) return '';
  const ratio = row.value / row.target.limit;
  const ok = row.target.kind === 'max' ? row.value <= row.target.limit : row.value >= row.target.limit;
  return `${ok ? 'ok' : 'MISS'} ${ratio.toFixed(2)}× of ${row.target.kind === 'max' ? '≤' : '≥'}${formatNumber(row.target.limit)}`;
}

function cells(row: ReportRow): string[] {
  return [
    row.section,
    row.metric,
    `${formatNumber(row.value)} ${row.unit}`,
    row.p95 === undefined ? '' : `${formatNumber(row.p95)} ${row.unit}`,
    formatVerdict(row),
    row.note ?? '',
  ];
}

const header = ['section', 'metric', 'median/p50', 'p95', 'target', 'note'];

function formatTextTable(rows: readonly ReportRow[]): string {
  const table = [header, ...rows.map(cells)];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  return table
    .map((line, index) => {
      const text = line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
      return index === 0 ? `${text}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : text;
    })
    .join('\n');
}

function formatMarkdownTable(rows: readonly ReportRow[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
  ].join('\n');
}

/** The report rows as an aligned plain-text table (terminal) or a Markdown table. */
export function formatReport(rows: readonly ReportRow[], format: 'text' | 'markdown'): string {
  return format === 'text' ? formatTextTable(rows) : formatMarkdownTable(rows);
}
