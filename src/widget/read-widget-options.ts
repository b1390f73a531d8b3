import type { WidgetLanguage } from './labels.js';

export interface WidgetOptions {
  /** Where /api/chat and /api/feedback live, without a trailing slash. */
  apiBase: string;
  title?: string;
  language: WidgetLanguage;
  position: 'bottom-right' | 'bottom-left';
  /** A CSS selector: render inside that element instead of a floating panel. */
  inline?: string;
  open: boolean;
}

/** Maps a BCP 47 tag (`zh-TW`, `zh-Hant-HK`, `zh-CN`, `en-GB`) to a label language. */
export function resolveLanguage(tag: string | undefined): WidgetLanguage {
  const value = (tag ?? '').trim().toLowerCase();
  if (!value.startsWith('zh')) return 'en';
  if (/hant|-(tw|hk|mo)\b/.test(value)) return 'zh-Hant';
  return 'zh-Hans';
}

const isOn = (value: string | undefined) => value !== undefined && !['false', '0', 'no'].includes(value.trim().toLowerCase());

/**
 * Reads the embed's settings: the API base from the script's own URL (its folder), overridden
 * by `data-api-base`; the language from `data-language` or the page's `<html lang>`.
 */
export function readWidgetOptions(input: {
  scriptSrc?: string;
  dataset: Record<string, string | undefined>;
  pageLanguage?: string;
  pageUrl: string;
}): WidgetOptions {
  const { dataset } = input;
  const scriptBase = input.scriptSrc ? new URL('.', input.scriptSrc).href : new URL('/', input.pageUrl).href;
  const apiBase = new URL(dataset.apiBase?.trim() || scriptBase, input.pageUrl).href.replace(/\/+$/, '');
  return {
    apiBase,
    title: dataset.title?.trim() || undefined,
    language: resolveLanguage(dataset.language || input.pageLanguage),
    position: dataset.position?.trim() === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    inline: dataset.inline?.trim() || undefined,
    open: isOn(dataset.open),
  };
}
