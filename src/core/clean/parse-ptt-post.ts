import type { DroppedLine } from '../types.js';
import { joinWrappedLines } from './measure-width.js';
import { parseDate } from './parse-date.js';
import type { DraftParagraph, MetadataHints, SourceLine } from './types.js';

/** A PTT post split into its parts. Body lines keep blanks (and blanks where lines were removed). */
export interface PttPost {
  hints: MetadataHints;
  bodyLines: SourceLine[];
  comments: DraftParagraph[];
  dropped: DroppedLine[];
}

const ctime = String.raw`[A-Z][a-z]{2}\s+[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{4}`;
// The header, glued on one line (`作者x (nick)看板Stock標題[新聞] …時間Tue Dec  5 …`) or on three.
const headerLines = new RegExp(
  String.raw`^作者\s*[:：]?\s*([\w.-]+)\s*(?:\([^)]*\))?\s*看板\s*[:：]?\s*([\w.-]+?)\s*標題\s*[:：]?\s*(.*?)\s*時間\s*[:：]?\s*(${ctime})\s*$`,
  'u',
);
const pushLine = /^(推|噓|→)\s*([\w.-]+)\s*:\s*(.*?)\s*(?:\d{1,3}(?:\.\d{1,3}){3}\s+)?(?:\d{1,2}\/\d{1,2}\s+\d{1,2}:\d{2})?\s*$/u;
const labelLine =
  /^(?:\d+\s*[.、．]\s*)?(原文標題|新聞標題|原文連結|原文網址|新聞連結|發布時間|發佈時間|記者署名|原文內容|新聞內容|心得\/?評論|心得|評論|備註|媒體來源|新聞來源)\s*[:：]\s*(.*)$/u;
const valueLabels: Record<string, keyof MetadataHints | 'reporter'> = {
  原文標題: 'title', 新聞標題: 'title',
  原文連結: 'url', 原文網址: 'url', 新聞連結: 'url',
  發布時間: 'publishedAt', 發佈時間: 'publishedAt',
  記者署名: 'reporter',
  媒體來源: 'outlet', 新聞來源: 'outlet',
};
const siteFooter = /^※\s*(發信站|文章網址|編輯|轉錄者|引述)/u;
const signatureSeparator = /^--$/u;
const quotedReply = /^[:：]\s/u;

/**
 * Recognises a PTT (批踢踢) forum post by its header (`作者…看板…標題…時間…`, glued on one line
 * or on three) and splits it into metadata hints, body lines and push comments. Labelled
 * template fields (原文標題：, 原文連結：, 發布時間：, 記者署名：, values inline or on the next
 * lines) become metadata; content sections (原文內容：, 心得/評論：) stay as body. Push lines
 * `推 user: text MM/DD HH:MM` become comment paragraphs `user: text`, timestamps removed, and
 * a `→` line from the same user continues the comment before it. Hints: title (article title,
 * else the post title without its `[tag]`), author (the poster), outlet (`PTT <board>`),
 * publishedAt (the article's time, else the post's), url (the article link, else the post's).
 * Returns undefined when the lines are not a PTT post. Never throws.
 */
export function parsePttPost(lines: readonly SourceLine[]): PttPost | undefined {
  const header = findHeader(lines);
  if (!header) return undefined;
  const dropped: DroppedLine[] = [];
  const bodyLines: SourceLine[] = [];
  const comments: DraftParagraph[] = [];
  const fields: Partial<Record<keyof MetadataHints | 'reporter', string>> = {};
  let pendingField: keyof MetadataHints | 'reporter' | undefined;
  let inSignature = false;
  let lastCommentUser: string | undefined;
  const drop = (line: SourceLine, reason: string): void => {
    dropped.push({ line: line.line, text: line.text, reason });
    bodyLines.push({ line: line.line, text: '' });
  };

  for (const line of lines) {
    if (header.lines.includes(line.line)) {
      if (line.text !== '') dropped.push({ line: line.line, text: line.text, reason: 'ptt header' });
      continue;
    }
    const text = line.text;
    if (text === '') {
      bodyLines.push(line);
      continue;
    }
    const push = pushLine.exec(text);
    if (push) {
      const [, mark, user = '', content = ''] = push;
      const previous = comments.at(-1);
      if (mark === '→' && previous && lastCommentUser === user) {
        previous.text = joinWrappedLines(previous.text, content);
        previous.lines.push(line.line);
      } else if (content === '') {
        dropped.push({ line: line.line, text, reason: 'empty comment' });
      } else {
        comments.push({ lines: [line.line], text: `${user}: ${content}`, kind: 'comment' });
        lastCommentUser = user;
      }
      continue;
    }
    if (siteFooter.test(text) || signatureSeparator.test(text)) {
      inSignature = signatureSeparator.test(text) || inSignature;
      const url = /(https?:\/\/\S*ptt\.cc\/\S+)/u.exec(text)?.[1];
      if (url) fields.url ??= url;
      drop(line, 'ptt footer');
      continue;
    }
    if (inSignature) {
      drop(line, 'ptt signature');
      continue;
    }
    if (quotedReply.test(text)) {
      drop(line, 'quoted reply');
      continue;
    }
    const label = labelLine.exec(text);
    if (label) {
      const [, name = '', value = ''] = label;
      drop(line, 'section label');
      pendingField = valueLabels[name];
      if (pendingField && value.trim() !== '') {
        fields[pendingField] ??= value.trim();
        pendingField = undefined;
      }
      continue;
    }
    if (pendingField) {
      fields[pendingField] ??= text;
      drop(line, 'ptt metadata');
      pendingField = undefined;
      continue;
    }
    bodyLines.push(line);
  }

  const postTitle = header.title.replace(/^(?:(?:Re|Fw)\s*:\s*)*(?:\[[^\]]*\]\s*)?/iu, '').trim();
  const hints: MetadataHints = {
    title: fields.title ?? postTitle,
    author: header.author,
    outlet: fields.outlet ?? `PTT ${header.board}`,
    publishedAt: parseDate(fields.publishedAt ?? '') ?? parseDate(header.time),
  };
  const url = fields.url && /https?:\/\/\S+/u.exec(fields.url)?.[0];
  if (url) hints.url = url;
  return { hints, bodyLines, comments, dropped };
}

function findHeader(
  lines: readonly SourceLine[],
): { lines: number[]; author: string; board: string; title: string; time: string } | undefined {
  const firstLines = lines.filter((line) => line.text !== '').slice(0, 3);
  for (let count = 1; count <= firstLines.length; count++) {
    const candidate = firstLines.slice(0, count);
    const match = headerLines.exec(candidate.map((line) => line.text).join(' '));
    if (match) {
      const [, author = '', board = '', title = '', time = ''] = match;
      return { lines: candidate.map((line) => line.line), author, board, title, time };
    }
  }
  return undefined;
}
