/**
 * A small Markdown subset for model answers, parsed into plain data so the renderer can build
 * DOM nodes from it: no HTML is ever parsed, so `<img onerror>` or `<script>` stay text.
 */
export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'break' }
  | { type: 'strong' | 'em'; children: InlineNode[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: InlineNode[] }
  | { type: 'citation'; n: number };

export type BlockNode =
  | { type: 'paragraph' | 'quote'; children: InlineNode[] }
  | { type: 'heading'; children: InlineNode[] }
  | { type: 'list'; ordered: boolean; items: InlineNode[][] }
  | { type: 'code'; text: string };

const inlinePattern =
  /`([^`\n]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(?![\s*])(.+?)(?<![\s*])\*|\[([^\]\n]{1,500})\]\(([^()\s]{1,2000})\)|\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]/g;

/**
 * Returns `url` when it is an absolute http(s) URL, or a path on `baseUrl` (our own source
 * pages); anything else (javascript:, data:, protocol-relative) returns undefined.
 */
export function allowHref(url: string, baseUrl: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed.startsWith('//')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed, trimmed.startsWith('/') ? baseUrl : undefined);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** Parses inline markup: code, strong, em, links and citation markers `[n]` / `[1, 2]`. */
export function parseInline(text: string, baseUrl: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  const pushText = (value: string) => {
    value.split('\n').forEach((line, index) => {
      if (index > 0) nodes.push({ type: 'break' });
      if (!line) return;
      const last = nodes[nodes.length - 1];
      if (last?.type === 'text') last.text += line;
      else nodes.push({ type: 'text', text: line });
    });
  };
  let position = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const [whole, code, strong, strongAlt, em, linkText, linkUrl, citations] = match;
    pushText(text.slice(position, match.index));
    position = match.index + whole.length;
    if (code !== undefined) nodes.push({ type: 'code', text: code });
    else if (strong !== undefined || strongAlt !== undefined) nodes.push({ type: 'strong', children: parseInline(strong ?? strongAlt!, baseUrl) });
    else if (em !== undefined) nodes.push({ type: 'em', children: parseInline(em, baseUrl) });
    else if (linkText !== undefined) {
      const href = allowHref(linkUrl!, baseUrl);
      if (href) nodes.push({ type: 'link', href, children: parseInline(linkText, baseUrl) });
      else pushText(linkText);
    } else {
      for (const number of citations!.split(/\s*[,，、]\s*/)) nodes.push({ type: 'citation', n: Number(number) });
    }
  }
  pushText(text.slice(position));
  return nodes;
}

const listItemPattern = /^\s{0,3}(?:([-*+])|(\d{1,3})[.)])\s+(.*)$/;

/** Parses paragraphs, headings, lists, block quotes and fenced code. */
export function parseMarkdown(markdown: string, baseUrl: string): BlockNode[] {
  const blocks: BlockNode[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n'), baseUrl) });
    if (quote.length) blocks.push({ type: 'quote', children: parseInline(quote.join('\n'), baseUrl) });
    paragraph = [];
    quote = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      while (++index < lines.length && !/^\s*```/.test(lines[index]!)) code.push(lines[index]!);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', children: parseInline(heading[1]!.replace(/\s+#+\s*$/, ''), baseUrl) });
      continue;
    }
    const item = listItemPattern.exec(line);
    if (item) {
      flush();
      const ordered = item[2] !== undefined;
      const last = blocks[blocks.length - 1];
      const list = last?.type === 'list' && last.ordered === ordered && !/^\s*$/.test(lines[index - 1] ?? '') ? last : undefined;
      const children = parseInline(item[3]!, baseUrl);
      if (list) list.items.push(children);
      else blocks.push({ type: 'list', ordered, items: [children] });
      continue;
    }
    const quoted = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quoted) {
      if (paragraph.length) flush();
      quote.push(quoted[1]!);
      continue;
    }
    if (quote.length) flush();
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}
