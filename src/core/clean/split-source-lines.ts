import { convertHtmlToLines } from './convert-html-to-lines.js';
import { convertMarkdownToLines } from './convert-markdown-to-lines.js';
import { splitOversizeLines } from '../split-oversize-lines.js';
import { removePinyinAnnotations } from './remove-pinyin-annotations.js';
import { stripInlineMarkup } from './strip-inline-markup.js';
import type { SourceLines } from './types.js';

/**
 * Splits a raw source into clean text lines, each with its 1-based raw line number: HTML and
 * Markdown (by file extension) are converted to text first; then every line loses inline
 * markup, pinyin annotations (when the page prints them) and extra spaces. Blank lines are
 * kept, as they separate paragraphs. A line longer than `maxParagraphChars` is first cut into
 * windows (at sentence ends where it can) that become paragraphs of their own, so no later,
 * superlinear step sees it whole. Never throws.
 * @example splitSourceLines('a &amp; b\n\nc', 'x.txt').lines // [{line:1,text:'a & b'},{line:2,text:''},{line:3,text:'c'}]
 */
export function splitSourceLines(raw: string, fileName: string): SourceLines {
  const text = raw.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const extension = /\.([a-z\d]+)$/iu.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const converted =
    extension === 'html' || extension === 'htm' || extension === 'xhtml'
      ? convertHtmlToLines(text)
      : extension === 'md' || extension === 'markdown'
        ? convertMarkdownToLines(text)
        : { lines: text.split('\n').map((line, index) => ({ line: index + 1, text: line })), dropped: [], hints: {} };
  const bounded = splitOversizeLines(converted.lines);
  const repaired = removePinyinAnnotations(bounded.map((line) => stripInlineMarkup(line.text)));
  const lines = bounded.map((line, index) => ({ line: line.line, text: normalizeSpaces(repaired[index] ?? '') }));
  return { ...converted, lines };
}

/** Trims a line and collapses runs of spaces and tabs; CJK text is otherwise left as it is. */
function normalizeSpaces(text: string): string {
  return text.replace(/[ \t\u00A0]+/gu, ' ').trim();
}
