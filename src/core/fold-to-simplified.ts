import { changedToTraditional, traditionalToSimplified } from './han-fold-table.js';

interface FoldTables {
  /** BMP code unit → its Simplified code unit, 0 when unchanged. */
  bmp: Uint16Array;
  /** Code point → replacement, for the few pairs that leave the BMP. */
  astral: Map<number, string>;
  changedToTraditional: Set<number>;
}

let tables: FoldTables | undefined;

function foldTables(): FoldTables {
  if (tables) return tables;
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<number, string>();
  const characters = [...traditionalToSimplified];
  // A character that is itself the Simplified form of another (么 for 麼) stays as it is: OpenCC
  // also maps it on (么 → 幺), which would turn 什么 into 什幺 and hide the words stop lists and
  // answer rules spell the common way.
  const simplifiedForms = new Set(characters.filter((_character, index) => index % 2 === 1));
  for (let index = 0; index + 1 < characters.length; index += 2) {
    if (simplifiedForms.has(characters[index]!)) continue;
    const from = characters[index]!.codePointAt(0)!;
    const to = characters[index + 1]!;
    if (from < 0x10000 && to.length === 1) bmp[from] = to.charCodeAt(0);
    else astral.set(from, to);
  }
  const changed = new Set<number>();
  for (const character of changedToTraditional) changed.add(character.codePointAt(0)!);
  tables = { bmp, astral, changedToTraditional: changed };
  return tables;
}

/**
 * Folds Traditional Chinese characters to Simplified one character at a time, from a table
 * generated from OpenCC's dictionaries (han-fold-table.ts). Unlike OpenCC's phrase conversion it
 * ignores context, so it is not correct Chinese, but it is fast (tens of MB/s) and consistent:
 * search text only needs question and passage to fold alike. Everything else is left unchanged.
 * @example foldToSimplified('韓國計劃') // '韩国计划'
 */
export function foldToSimplified(text: string): string {
  const { bmp, astral } = foldTables();
  let folded = '';
  let copiedUpTo = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x3400) continue;
    let replacement: string | undefined;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff) {
      const codePoint = text.codePointAt(index)!;
      width = codePoint > 0xffff ? 2 : 1;
      replacement = astral.get(codePoint);
    } else if (bmp[code] !== 0) {
      replacement = String.fromCharCode(bmp[code]!);
    } else if (astral.size > 0) {
      replacement = astral.get(code);
    }
    if (replacement !== undefined) {
      folded += text.slice(copiedUpTo, index) + replacement;
      copiedUpTo = index + width;
    }
    index += width - 1;
  }
  return copiedUpTo === 0 ? text : folded + text.slice(copiedUpTo);
}

/** Whether OpenCC `tw → cn` changes this one character (a Traditional form). */
export function isChangedToSimplified(character: string): boolean {
  const codePoint = character.codePointAt(0)!;
  const { bmp, astral } = foldTables();
  return (codePoint < 0x10000 && bmp[codePoint] !== 0) || astral.has(codePoint);
}

/** Whether OpenCC `cn → tw` changes this one character (a Simplified form). */
export function isChangedToTraditional(character: string): boolean {
  return foldTables().changedToTraditional.has(character.codePointAt(0)!);
}
