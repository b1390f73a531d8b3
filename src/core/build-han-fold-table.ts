import * as OpenCC from 'opencc-js';

export interface HanFoldTable {
  /** Pairs of characters, Traditional then Simplified, for every Han character `tw → cn` changes. */
  traditionalToSimplified: string;
  /** Every Han character that `cn → tw` changes. */
  changedToTraditional: string;
}

const hanCharacter = /\p{Script=Han}/u;

/**
 * Derives the character-level fold tables from opencc-js's dictionaries by converting every Han
 * code point on its own (no phrase context), `tw → cn` and `cn → tw`. scripts/build-han-fold-table.ts
 * writes the result to han-fold-table.ts; a test checks the committed copy is still equal.
 * Throws if a single character converts to more than one.
 */
export function buildHanFoldTable(): HanFoldTable {
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const pairs: string[] = [];
  const changed: string[] = [];
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    if (!hanCharacter.test(character)) continue;
    const simplified = toSimplified(character);
    if (simplified !== character) {
      if ([...simplified].length !== 1) throw new Error(`tw → cn turns ${character} into ${simplified}`);
      pairs.push(character + simplified);
    }
    if (toTraditional(character) !== character) changed.push(character);
  }
  return { traditionalToSimplified: pairs.join(''), changedToTraditional: changed.join('') };
}
