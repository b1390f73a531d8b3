import * as OpenCC from 'opencc-js';
import { createScriptConverter, type ScriptConversionConfig } from './create-script-converter.js';

type Convert = (text: string) => string;
let toSimplifiedConverter: Convert | undefined;
let toTraditionalConverter: Convert | undefined;

/** opencc-js's config for a conversion (`tw2s`, `s2tw`); throws when this version has none. */
function conversionConfig(name: string): ScriptConversionConfig {
  const config = OpenCC.Locale.configs[name];
  if (!config) throw new Error(`opencc-js has no ${name} config`);
  return config;
}

/** Converts Traditional Chinese characters to Simplified (phrase level, OpenCC `tw` → `cn`). */
export function toSimplified(text: string): string {
  const convert = (toSimplifiedConverter ??= createScriptConverter(conversionConfig('tw2s')));
  return convert(text);
}

/** Converts Simplified Chinese characters to Traditional (phrase level, OpenCC `cn` → `tw`). */
export function toTraditional(text: string): string {
  const convert = (toTraditionalConverter ??= createScriptConverter(conversionConfig('s2tw')));
  return convert(text);
}

/** Whether a text reads the same in both scripts (曦智科技去年4月完成了, 沙特呢): it tells neither apart. */
export function isScriptNeutral(text: string): boolean {
  return toSimplified(text) === text && toTraditional(text) === text;
}
