import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;
let toSimplifiedConverter: Convert | undefined;
let toTraditionalConverter: Convert | undefined;

/** Converts Traditional Chinese characters to Simplified (character level, OpenCC `tw` → `cn`). */
export function toSimplified(text: string): string {
  const convert = (toSimplifiedConverter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}

/** Converts Simplified Chinese characters to Traditional (character level, OpenCC `cn` → `tw`). */
export function toTraditional(text: string): string {
  const convert = (toTraditionalConverter ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  return convert(text);
}
