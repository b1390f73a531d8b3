import { detectLanguage } from '../detect-language.js';
import type { CleanedDocument, CleanedParagraph, DocumentMetadata, DroppedLine } from '../types.js';
import { classifyBoilerplateLine } from './classify-boilerplate-line.js';
import { deriveTitle } from './derive-title.js';
import { endsSentence, measureWidth } from './measure-width.js';
import { parsePttPost } from './parse-ptt-post.js';
import { reflowParagraphs } from './reflow-paragraphs.js';
import { splitSourceLines } from './split-source-lines.js';
import { splitTrailingTeasers } from './split-trailing-teasers.js';
import type { DraftParagraph, MetadataHints, SourceLine } from './types.js';

/**
 * The version of the cleaning rules. Bump it with any change that alters cleanDocument's output
 * for some input: ingest skips a source file whose bytes are unchanged without cleaning it
 * again, so only a new version makes it re-clean every file. A test fingerprints the seeds'
 * cleaned output per version and fails when the output moves without a bump.
 */
export const cleanRulesVersion = 1;

/** A first line this wide or wider is a paragraph, not a title. */
const maxTitleLineWidth = 200;
const paragraphSeparator = '\n\n';

/**
 * Cleans one scraped article (plain text, `.html` or `.md`, chosen by `fileName`) into
 * numbered paragraphs and metadata. Removes page boilerplate (spam headers, site chrome,
 * footers, image captions, teasers and sidebars of other stories, exact duplicate
 * paragraphs), repairs pinyin-annotated text, reflows hard-wrapped lines, and recognises PTT
 * forum posts, whose push comments become `comment` paragraphs after the body. The title
 * goes into the metadata only. Every removed non-blank line is listed in `dropped` with its
 * raw line number and the reason. `text` is the paragraphs joined by blank lines, and each
 * paragraph's `start`/`end` are its offsets in `text`. Never throws; an empty input gives a
 * document with no paragraphs.
 * @example cleanDocument('Title\n\nFirst paragraph.', { fileName: 'a.txt' }).metadata.title // 'Title'
 */
export function cleanDocument(raw: string, source: { fileName: string }): CleanedDocument {
  const converted = splitSourceLines(raw, source.fileName);
  const dropped: DroppedLine[] = [...converted.dropped];
  const lineTexts = new Map(converted.lines.map((line) => [line.line, line.text]));
  const dropParagraph = (paragraph: DraftParagraph, reason: string): void => {
    for (const line of paragraph.lines) dropped.push({ line, text: lineTexts.get(line) ?? paragraph.text, reason });
  };
  const ptt = parsePttPost(converted.lines);
  let hints: MetadataHints;
  let body: DraftParagraph[];
  let comments: DraftParagraph[] = [];
  let title: string | undefined;
  if (ptt) {
    hints = ptt.hints;
    dropped.push(...ptt.dropped);
    body = reflowParagraphs(ptt.bodyLines);
    comments = ptt.comments;
    title = hints.title;
  } else {
    hints = {};
    const lines = removeBoilerplateLines(converted.lines, hints, dropped);
    title = takeTitleLine(lines, converted.hints.title, dropped);
    const { kept, teasers, reason } = splitTrailingTeasers(reflowParagraphs(lines));
    for (const teaser of teasers) dropParagraph(teaser, reason);
    body = kept;
    title ??= converted.hints.title ?? deriveTitle(body[0]?.text ?? '', teasers.map((teaser) => teaser.text));
    hints = { ...converted.hints, ...definedOnly(hints) };
  }
  const paragraphs = numberParagraphs(removeDuplicates([...body, ...comments], title, dropParagraph));
  const bodyText = paragraphs.filter((paragraph) => paragraph.kind === 'body').map((paragraph) => paragraph.text).join('\n');
  const metadata: DocumentMetadata = {
    title: title ?? source.fileName.replace(/\.[^.]+$/u, ''),
    ...definedOnly({ author: hints.author, publishedAt: hints.publishedAt, outlet: hints.outlet, url: hints.url }),
    language: detectLanguage(bodyText || paragraphs.map((paragraph) => paragraph.text).join('\n')),
  };
  dropped.sort((left, right) => left.line - right.line);
  return { metadata, text: paragraphs.map((paragraph) => paragraph.text).join(paragraphSeparator), paragraphs, dropped };
}

/** Drops boilerplate lines, leaving blanks in their place so that paragraphs do not merge across them. */
function removeBoilerplateLines(lines: readonly SourceLine[], hints: MetadataHints, dropped: DroppedLine[]): SourceLine[] {
  return lines.map((line) => {
    if (line.text === '') return line;
    const verdict = classifyBoilerplateLine(line.text);
    if (!verdict) return line;
    dropped.push({ line: line.line, text: line.text, reason: verdict.reason });
    for (const [key, value] of Object.entries(verdict.hints ?? {}) as [keyof MetadataHints, string][]) hints[key] ??= value;
    return { line: line.line, text: '' };
  });
}

/**
 * Takes the title line out of the lines: the line matching the page's own title when there
 * is one near the top, else the first line when it reads as a heading (no sentence end).
 */
function takeTitleLine(lines: SourceLine[], pageTitle: string | undefined, dropped: DroppedLine[]): string | undefined {
  const top = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.text !== '').slice(0, 5);
  const matching = pageTitle
    ? top.find(({ line }) => pageTitle.includes(line.text) || line.text.includes(pageTitle))
    : undefined;
  const first = top[0];
  const chosen =
    matching ??
    (first && !endsSentence(first.line.text) && measureWidth(first.line.text) <= maxTitleLineWidth ? first : undefined);
  if (!chosen) return undefined;
  dropped.push({ line: chosen.line.line, text: chosen.line.text, reason: 'title' });
  lines[chosen.index] = { line: chosen.line.line, text: '' };
  return chosen.line.text;
}

function removeDuplicates(
  paragraphs: DraftParagraph[],
  title: string | undefined,
  dropParagraph: (paragraph: DraftParagraph, reason: string) => void,
): DraftParagraph[] {
  const seen = new Set<string>();
  return paragraphs.filter((paragraph) => {
    if (paragraph.text === title) {
      dropParagraph(paragraph, 'title');
      return false;
    }
    if (seen.has(paragraph.text)) {
      dropParagraph(paragraph, 'duplicate paragraph');
      return false;
    }
    seen.add(paragraph.text);
    return true;
  });
}

function numberParagraphs(drafts: readonly DraftParagraph[]): CleanedParagraph[] {
  const paragraphs: CleanedParagraph[] = [];
  let offset = 0;
  drafts.forEach((draft, index) => {
    if (index > 0) offset += paragraphSeparator.length;
    paragraphs.push({ n: index + 1, kind: draft.kind, text: draft.text, start: offset, end: offset + draft.text.length });
    offset += draft.text.length;
  });
  return paragraphs;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== '')) as Partial<T>;
}
