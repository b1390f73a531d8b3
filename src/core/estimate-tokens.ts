const hanCharacter = /\p{Script=Han}/gu;
const latinWord = /[\p{L}\p{N}]+/gu;

/**
 * Estimates how many subword tokens a multilingual tokenizer (XLM-R / e5) makes of a text:
 * one per Han character, about 1.4 per Latin word. Deliberately on the high side.
 */
export function estimateTokens(text: string): number {
  const han = text.match(hanCharacter)?.length ?? 0;
  const words = text.replace(hanCharacter, ' ').match(latinWord)?.length ?? 0;
  return han + Math.ceil(words * 1.4);
}
