import type { DroppedLine } from '../types.js';
import { joinWrappedLines } from './measure-width.js';
import { parseDate } from './parse-date.js';
import type { MetadataHints, SourceLine, SourceLines } from './types.js';

const headingLine = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/u;
const setextUnderline = /^\s{0,3}(=+|-+)\s*$/u;
const rule = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/u;
const fence = /^\s{0,3}(```|~~~)/u;
const listItem = /^\s*(?:[-*+]\s+|\d+[.)]\s+)/u;
const bullet = /^\s*[-*+]\s+/u;
const quoteMarker = /^\s*>\s?/u;
const imageMarkup = /!\[([^\]]*)\]\([^)]*\)/gu;

/**
 * Converts Markdown into text lines: heading markers, emphasis, link targets, bullets and
 * quote markers go, text stays. Consecutive plain lines form one paragraph (Markdown's soft
 * wrap) reported at its first raw line; headings and list items stand alone. Image-only
 * lines are reported as dropped. A leading YAML front matter gives title, author, date and
 * URL hints. Never throws.
 */
export function convertMarkdownToLines(raw: string): SourceLines {
  const rawLines = raw.split('\n');
  const lines: SourceLine[] = [];
  const dropped: DroppedLine[] = [];
  const hints: MetadataHints = {};
  let index = readFrontMatter(rawLines, hints, dropped);
  let current: SourceLine | undefined;
  let inFence = false;
  const flush = (): void => {
    if (current) lines.push(current, { line: current.line, text: '' });
    current = undefined;
  };
  for (; index < rawLines.length; index++) {
    const rawLine = (rawLines[index] ?? '').replace(/\r$/u, '');
    const line = index + 1;
    if (fence.test(rawLine)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (rawLine.trim() !== '') lines.push({ line, text: rawLine.trim() });
      continue;
    }
    const next = rawLines[index + 1] ?? '';
    if (rawLine.trim() === '' || rule.test(rawLine) || (setextUnderline.test(rawLine) && current === undefined)) {
      flush();
      continue;
    }
    if (setextUnderline.test(next) && rawLine.trim() !== '' && !listItem.test(rawLine)) {
      flush();
      lines.push({ line, text: stripInlineMarkdown(rawLine) }, { line, text: '' });
      index++;
      continue;
    }
    const heading = headingLine.exec(rawLine);
    const text = stripInlineMarkdown((heading?.[1] ?? rawLine).replace(quoteMarker, '').replace(bullet, ''));
    if (text === '') {
      if (imageMarkup.test(rawLine)) dropped.push({ line, text: rawLine.trim(), reason: 'image' });
      imageMarkup.lastIndex = 0;
      flush();
      continue;
    }
    if (heading || listItem.test(rawLine)) {
      flush();
      lines.push({ line, text }, { line, text: '' });
      continue;
    }
    current = current ? { line: current.line, text: joinWrappedLines(current.text, text) } : { line, text };
  }
  flush();
  return { lines, dropped, hints };
}

function stripInlineMarkdown(text: string): string {
  return text
    .replace(imageMarkup, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/gu, '$2')
    .replace(/(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/gu, '$1')
    .replace(/`([^`]+)`/gu, '$1')
    .replace(/\s{2,}$/u, '')
    .trim();
}

function readFrontMatter(rawLines: string[], hints: MetadataHints, dropped: DroppedLine[]): number {
  if ((rawLines[0] ?? '').trim() !== '---') return 0;
  const end = rawLines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end === -1) return 0;
  for (let index = 0; index <= end; index++) {
    const text = (rawLines[index] ?? '').trim();
    if (text !== '') dropped.push({ line: index + 1, text, reason: 'front matter' });
    const field = /^(\w+)\s*:\s*["']?(.*?)["']?$/u.exec(text);
    if (!field?.[2]) continue;
    const [, key = '', value] = field;
    if (key === 'title') hints.title ??= value;
    else if (key === 'author') hints.author ??= value;
    else if (key === 'date' || key === 'published') hints.publishedAt ??= parseDate(value);
    else if (key === 'url' || key === 'source') hints.url ??= /^https?:\/\//u.test(value) ? value : undefined;
    else if (key === 'outlet' || key === 'site') hints.outlet ??= value;
  }
  return end + 1;
}
