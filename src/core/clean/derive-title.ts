import { measureWidth } from './measure-width.js';

const leadingNumber = /^\d{1,2}\s*[\s.、．)]\s*/u;
const trailingEllipsis = /\s*(?:\.{2,}|…+)$/u;
const probeLength = 12;
const maxTitleWidth = 100;

/**
 * Derives a title for an article that has no title line. A headline teaser (from the page's
 * sidebar) that reads `<headline><the start of this article's first paragraph>` names this
 * article, and its headline part is the title. Otherwise the title is the first sentence of
 * the first paragraph, shortened with `…` past about 100 columns. Returns undefined for an
 * empty first paragraph; never throws.
 * @example deriveTitle('Rain fell today. More later.', []) // 'Rain fell today.'
 */
export function deriveTitle(firstParagraph: string, headlines: readonly string[]): string | undefined {
  if (firstParagraph.length >= probeLength) {
    const probe = firstParagraph.slice(0, probeLength);
    for (const headline of headlines) {
      const text = headline.replace(leadingNumber, '').replace(trailingEllipsis, '');
      const index = text.indexOf(probe);
      const title = text.slice(0, Math.max(index, 0)).trim();
      if (index > 0 && firstParagraph.startsWith(text.slice(index)) && title !== '' && measureWidth(title) <= maxTitleWidth) {
        return title;
      }
    }
  }
  const sentence = /^.+?(?:[。！？!?]|\.(?=\s|$)|$)/u.exec(firstParagraph.trim())?.[0] ?? '';
  if (sentence === '') return undefined;
  if (measureWidth(sentence) <= maxTitleWidth) return sentence;
  let shortened = '';
  for (const char of sentence) {
    if (measureWidth(shortened + char) > maxTitleWidth - 2) break;
    shortened += char;
  }
  // Do not cut a Latin word in half.
  const cutInWord = /\w$/u.test(shortened) && /^\w/u.test(sentence.slice(shortened.length));
  if (cutInWord && shortened.includes(' ')) shortened = shortened.slice(0, shortened.lastIndexOf(' '));
  return `${shortened.trimEnd()}…`;
}
