const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°',
  times: '×', divide: '÷', yen: '¥', euro: '€', pound: '£', cent: '¢', sect: '§', para: '¶',
};
const entityReference = /&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,8});/giu;
const htmlTag = /<\/?[a-z][a-z\d-]*(?:\s[^<>]*)?\/?>/giu;
// A tag whose `<` was lost to a bad encoding, e.g. `?/span>` or `?br/>`.
const brokenTag = /\?\/?(?:span|div|p|a|b|i|u|em|strong|font|br|sup|sub|small)\s*\/?>/giu;
const invisibleCharacters = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/**
 * Removes inline HTML left in a line of text: tags, tags broken by a lost `<` (`?/span>`),
 * entities (`&amp;`, `&#22283;`) and invisible characters. Text without markup is returned
 * unchanged. Never throws.
 * @example stripInlineMarkup('A&amp;B <b>bold</b>?/span>') // 'A&B bold'
 */
export function stripInlineMarkup(text: string): string {
  if (!/[<>&?\u200B-\u200D\u2060\uFEFF\u00AD]/u.test(text)) return text;
  return decodeHtmlEntities(text.replace(brokenTag, '').replace(htmlTag, '').replace(invisibleCharacters, ''));
}

/** Decodes HTML character references; unknown names are left as they are. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(entityReference, (entity, body: string) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return namedEntities[body.toLowerCase()] ?? entity;
  });
}
