import type { DroppedLine } from '../types.js';
import { joinWrappedLines } from './measure-width.js';
import { isIsoDate, parseDate } from './parse-date.js';
import { decodeHtmlEntities, stripInlineMarkup } from './strip-inline-markup.js';
import type { MetadataHints, SourceLine, SourceLines } from './types.js';

const blockBreak = '\u2029';
const invisibleElements = /<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/giu;
const chromeElements = /<(nav|aside|footer|form|button|figcaption)\b[^>]*>([\s\S]*?)<\/\1\s*>/giu;
const blockTag =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|section|article|main|header|blockquote|pre|figure|hr|address|center)\b[^>]*>/giu;
const chromeReasons: Record<string, string> = {
  nav: 'site chrome',
  aside: 'sidebar headline',
  footer: 'footer',
  form: 'site chrome',
  button: 'site chrome',
  figcaption: 'image caption',
};

/**
 * Converts an HTML page into text lines: each block element (paragraph, heading, list item…)
 * becomes one line, keeping the raw line number where it starts. Scripts, styles and the
 * head disappear; navigation, asides, footers, forms and figure captions are reported as
 * dropped. The page title, site name, canonical URL, author and publication time found in
 * the head are returned as hints. Never throws.
 */
export function convertHtmlToLines(raw: string): SourceLines {
  const hints = readHeadHints(raw);
  const dropped: DroppedLine[] = [];
  const keepNewlines = (match: string): string => match.replace(/[^\n]/gu, '');
  let body = raw.replace(invisibleElements, keepNewlines);
  const lineStarts = indexLineStarts(body);
  body = body.replace(chromeElements, (match: string, tag: string, inner: string, offset: number) => {
    const text = collapseSpaces(stripInlineMarkup(inner.replace(/<[^>]*>/gu, ' ')));
    if (text !== '') {
      dropped.push({ line: findLine(lineStarts, offset), text, reason: chromeReasons[tag.toLowerCase()] ?? 'site chrome' });
    }
    return blockBreak + keepNewlines(match);
  });
  body = body.replace(blockTag, (match: string) => blockBreak + keepNewlines(match));
  body = body.replace(/<[^>]*>/gu, keepNewlines);

  const lines: SourceLine[] = [];
  let current = '';
  let currentLine = 0;
  const flush = (): void => {
    const text = collapseSpaces(current);
    if (text !== '') lines.push({ line: currentLine, text }, { line: currentLine, text: '' });
    current = '';
  };
  body.split('\n').forEach((rawLine, index) => {
    rawLine.split(blockBreak).forEach((segment, segmentIndex) => {
      if (segmentIndex > 0) flush();
      const text = decodeHtmlEntities(segment).trim();
      if (text === '') return;
      if (current === '') currentLine = index + 1;
      current = joinWrappedLines(current, text);
    });
  });
  flush();
  return { lines, dropped, hints };
}

function readHeadHints(raw: string): MetadataHints {
  const hints: MetadataHints = {};
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/iu.exec(raw)?.[1];
  if (title) hints.title = collapseSpaces(stripInlineMarkup(title));
  const siteName = readMeta(raw, 'og:site_name');
  if (siteName) hints.outlet = siteName;
  const url = readMeta(raw, 'og:url') ?? /<link\b[^>]*rel=["']canonical["'][^>]*href=["']([^"']+)["']/iu.exec(raw)?.[1];
  if (url) hints.url = url;
  const author = readMeta(raw, 'author') ?? readMeta(raw, 'article:author');
  if (author) hints.author = author;
  // Kept only as a date: a valid ISO value as it is, else the date it parses to, else nothing.
  const published = readMeta(raw, 'article:published_time') ?? readMeta(raw, 'pubdate');
  const publishedAt = published && (isIsoDate(published) ? published : parseDate(published));
  if (publishedAt) hints.publishedAt = publishedAt;
  return hints;
}

function readMeta(raw: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const pattern = new RegExp(`<meta\\b[^>]*(?:property|name)=["']${escaped}["'][^>]*>`, 'iu');
  const tag = pattern.exec(raw)?.[0];
  const content = tag ? /content=["']([^"']*)["']/iu.exec(tag)?.[1] : undefined;
  return content ? decodeHtmlEntities(content).trim() || undefined : undefined;
}

function indexLineStarts(raw: string): number[] {
  const starts = [0];
  for (let index = raw.indexOf('\n'); index !== -1; index = raw.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function findLine(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\r\n\u00A0]+/gu, ' ').trim();
}
