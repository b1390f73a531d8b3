import type { Language } from '../core/types.js';

export interface SourcePageLabels {
  /** BCP 47 tag for `<html lang>` and for formatting dates. */
  locale: string;
  original: string;
  comments: string;
  paragraph: (n: number) => string;
  notFoundTitle: string;
  notFoundMessage: string;
  home: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  pageRange: (first: number, last: number, total: number, page: number, pages: number) => string;
}

const labels: Record<Language, SourcePageLabels> = {
  en: {
    locale: 'en',
    original: 'Original article',
    comments: 'Comments',
    paragraph: (n) => `Paragraph ${n}`,
    notFoundTitle: 'Source not found',
    notFoundMessage: 'There is no source document at this address. The link may be old, or the index was rebuilt without it.',
    home: 'Back to the assistant',
    pages: 'Pages',
    previousPage: 'Previous',
    nextPage: 'Next',
    pageRange: (first, last, total, page, pages) => `Paragraphs ${first}–${last} of ${total} (page ${page} of ${pages})`,
  },
  'zh-Hant': {
    locale: 'zh-Hant',
    original: '原文連結',
    comments: '留言',
    paragraph: (n) => `第 ${n} 段`,
    notFoundTitle: '找不到這篇來源',
    notFoundMessage: '這個網址沒有對應的來源文件。連結可能已過期，或索引重建後已不含這篇文章。',
    home: '回到問答助理',
    pages: '分頁',
    previousPage: '上一頁',
    nextPage: '下一頁',
    pageRange: (first, last, total, page, pages) => `第 ${first}–${last} 段，共 ${total} 段（第 ${page} 頁，共 ${pages} 頁）`,
  },
  'zh-Hans': {
    locale: 'zh-Hans',
    original: '原文链接',
    comments: '评论',
    paragraph: (n) => `第 ${n} 段`,
    notFoundTitle: '找不到这篇来源',
    notFoundMessage: '这个网址没有对应的来源文件。链接可能已过期，或索引重建后已不含这篇文章。',
    home: '回到问答助手',
    pages: '分页',
    previousPage: '上一页',
    nextPage: '下一页',
    pageRange: (first, last, total, page, pages) => `第 ${first}–${last} 段，共 ${total} 段（第 ${page} 页，共 ${pages} 页）`,
  },
};

/** The source page's fixed texts in the document's language. */
export function sourcePageLabels(language: Language): SourcePageLabels {
  return labels[language] ?? labels.en;
}

/**
 * The page language for a request's Accept-Language header, in order of preference:
 * zh-TW/zh-HK/zh-Hant → zh-Hant, other zh → zh-Hans, anything else → en.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language {
  const ranges = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = Number(parameters.find((parameter) => parameter.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.toLowerCase(), quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((left, right) => right.quality - left.quality || left.index - right.index);
  for (const { tag } of ranges) {
    if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) return 'zh-Hant';
    if (/^zh\b/.test(tag)) return 'zh-Hans';
    if (/^en\b/.test(tag)) return 'en';
  }
  return 'en';
}

/**
 * A published date as the document's readers write it: `2023-12-05T06:41` becomes
 * "December 5, 2023 at 6:41 AM" in English and "2023年12月5日 清晨6:41" in Traditional Chinese.
 * The wall-clock time is shown as written (no time zone shift); text that is not an ISO date
 * is returned unchanged.
 */
export function formatPublishedAt(value: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!match) return value;
  const [year, month, day, hour, minute] = match.slice(1, 6).map((part) => (part === undefined ? undefined : Number(part)));
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour ?? 0, minute ?? 0));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== day) return value;
  const format = new Intl.DateTimeFormat(sourcePageLabels(language).locale, {
    dateStyle: 'long',
    ...(hour === undefined ? {} : { timeStyle: 'short' }),
    timeZone: 'UTC',
  });
  return format.format(date);
}
