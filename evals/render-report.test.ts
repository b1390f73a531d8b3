import { describe, expect, it } from 'vitest';
import { checkAgainstBaseline, createBaseline } from './gate.js';
import { summarizeResults } from './metrics.js';
import { renderReport } from './render-report.js';
import { makeCaseResult } from './make-case-result.js';

const doc = '001_d38a6fc719d6b211';
const hostile = '<script>alert("x")</script>';

const makeCase = makeCaseResult;

const passing = [makeCase('en-ok'), makeCase('hant-ok', { language: 'zh-Hant', answerLanguage: 'zh-Hant', type: 'cross-lingual' })];
const baseline = createBaseline(summarizeResults(passing, 'keyword+extractive'));
const summary = summarizeResults(
  [
    passing[0]!,
    makeCase('hant-ok', {
      language: 'zh-Hant',
      type: 'cross-lingual',
      question: `韓國計劃擴充多少個GPU？${hostile}`,
      answer: `Answer with ${hostile} & "quotes" | pipes`,
      answerLanguage: 'en',
      citations: [{ n: 1, docId: doc, paragraph: 7, quote: 'x', verbatim: false, retrieved: true }],
    }),
  ],
  'keyword+extractive',
);
const gate = checkAgainstBaseline(summary, baseline);
const report = renderReport(summary, { baseUrl: 'http://localhost:3000/', title: 'Nightly <eval>', gate });

describe('renderReport', () => {
  it.each([
    ['text', report.text, ['scope', 'overall', 'zh-Hant', 'cross-lingual', 'Gate: FAIL', 'newly failing: hant-ok', 'Failures (1)']],
    ['markdown', report.markdown, ['# Nightly &lt;eval&gt;', '## Metrics', '## Gate', '## Failures (1)', '### hant-ok']],
    ['html', report.html, ['<h2>Metrics</h2>', '<h2>By language</h2>', '<h2>By type</h2>', '<svg', 'Failures (1)', 'Gate: <span class="fail">FAIL']],
  ])('%s has its sections', (_name, output, fragments) => {
    for (const fragment of fragments) expect(output).toContain(fragment);
  });

  it('aligns the terminal table', () => {
    const lines = report.text.split('\n').slice(2, 6);
    const widths = new Set(lines.map((line) => line.trimEnd().length));
    expect(widths.size).toBe(1);
  });

  it('escapes questions and answers in HTML', () => {
    expect(report.html).not.toContain('<script>');
    expect(report.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(report.html).toContain('<title>Nightly &lt;eval&gt;</title>');
  });

  it('escapes questions and answers in markdown', () => {
    expect(report.markdown).not.toContain('<script>');
    expect(report.markdown).toContain('\\| pipes');
  });

  it('links failures to the cited and gold paragraphs', () => {
    expect(report.html).toContain('<a href="http://localhost:3000/sources/001_d38a6fc719d6b211#p-7">[1] 001_d38a6fc719d6b211#p-7</a>');
    expect(report.html).toContain('href="http://localhost:3000/sources/001_d38a6fc719d6b211#p-2"');
    expect(report.markdown).toContain('(http://localhost:3000/sources/001_d38a6fc719d6b211#p-7)');
  });

  it('is self-contained', () => {
    expect(report.html).not.toMatch(/<link|<script|src=|@import|url\(/u);
    expect(report.html).toContain('<style>');
  });

  it('lists the reasons of a failure', () => {
    expect(report.html).toContain('wrong language: expected zh-Hant, got en');
    expect(report.html).toContain('quote not verbatim: [1] 001_d38a6fc719d6b211#p-7');
  });
});

describe('extra HTML sections', () => {
  it('places pre-rendered sections (the real-world suites) before the failures', () => {
    const html = renderReport(summary, { baseUrl: 'http://localhost:3000', extraSections: ['<section><h2>Real-world QA suites</h2></section>'] }).html;
    expect(html.indexOf('<h2>Real-world QA suites</h2>')).toBeGreaterThan(html.indexOf('<h2>Metrics</h2>'));
    expect(html.indexOf('<h2>Real-world QA suites</h2>')).toBeLessThan(html.indexOf('<h2>Failures'));
  });
});
