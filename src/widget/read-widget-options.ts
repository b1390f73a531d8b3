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
  /** `auto` follows the reader's prefers-color-scheme. */
  theme: WidgetTheme;
}

export type WidgetTheme = 'light' | 'dark' | 'auto';

/** `light` or `dark` as written; anything else is `undefined`. */
export function readTheme(value: string | null | undefined): Exclude<WidgetTheme, 'auto'> | undefined {
  const theme = value?.trim().toLowerCase();
  return theme === 'light' || theme === 'dark' ? theme : undefined;
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
 * by `data-api-base`; the language from `data-language` or the page's `<html lang>`; the theme
 * from `data-theme` or the page's `<html data-theme>`, else the reader's colour scheme.
 */
export function readWidgetOptions(input: {
  scriptSrc?: string;
  dataset: Record<string, string | undefined>;
  pageLanguage?: string;
  pageTheme?: string;
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
    theme: readTheme(dataset.theme) ?? readTheme(input.pageTheme) ?? 'auto',
  };
}
