import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { createScriptConverter } from './create-script-converter.js';

const directions = [
  { name: 's2tw', from: 'cn', to: 'tw' },
  { name: 'tw2s', from: 'tw', to: 'cn' },
] as const;

const seedsDir = path.join(import.meta.dirname, '../../seeds');
const seeds = readdirSync(seedsDir).map((file) => readFileSync(path.join(seedsDir, file), 'utf8'));

/** Every key and replacement of both directions' dictionaries, alone and run together seven at a time. */
function dictionaryTexts(): string[] {
  const words = directions.flatMap(({ name }) => OpenCC.Locale.configs[name]!.conversionChain.flat()).flatMap((dictionary) => (typeof dictionary === 'string' ? dictionary.split(/[| ]/u) : dictionary.flat()));
  const runs: string[] = [];
  for (let index = 0; index < words.length; index += 7) runs.push(words.slice(index, index + 7).join(''));
  return [...words, ...runs];
}

describe('createScriptConverter', () => {
  describe.each(directions)('$name gives what opencc-js gives', ({ name, from, to }) => {
    const ours = createScriptConverter(OpenCC.Locale.configs[name]!);
    const theirs = OpenCC.Converter({ from, to });

    it.each([
      { text: '' },
      { text: 'No Han at all, 123.' },
      { text: '头发和理发店，皇后与后来，干杯又干净' },
      { text: '頭髮和理髮店，皇后與後來，乾杯又乾淨' },
      { text: '台湾的软件与网络，計程車和網路' },
      { text: '⿰氵每⿱艹⿰日月头发 ⿰头发⿱頭髮 ⿲' }, // ideographic description sequences are never matched inside
      { text: '𠮷头发𠮷裏' }, // characters outside the BMP
      { text: '\ud800头' }, // a lone surrogate
      { text: '輝達(Nvidia)執行長黃仁勳說，韓國计划扩充多少GPU？' },
    ])('$text', ({ text }) => {
      expect(ours(text)).toBe(theirs(text));
    });

    it('on the seeds and on every dictionary word', () => {
      const texts = [...seeds, ...dictionaryTexts()];
      const differing = texts.filter((text) => ours(text) !== theirs(text));
      expect(differing.slice(0, 5)).toEqual([]);
      expect(texts.length).toBeGreaterThan(130_000);
    });
  });

  it('gives a dictionary earlier in a group precedence, and a later entry of one dictionary', () => {
    const convert = createScriptConverter({ conversionChain: [['ab X|a Y|a Z', 'ab W|b V']] });
    expect(convert('abb')).toBe('XV');
    expect(convert('ac')).toBe('Zc');
    // The same, from a dictionary already in order (read as it is, not sorted again).
    expect(createScriptConverter({ conversionChain: [['a Y|a Z|ab X', 'ab W|b V']] })('abbac')).toBe('XVZc');
    const fromPairs = createScriptConverter({ conversionChain: [[[['ab', 'X'], ['a', 'Y'], ['a', 'Z']], 'ab W|b V']] });
    expect(fromPairs('abb')).toBe('XV');
  });

  it('throws on a malformed entry', () => {
    expect(() => createScriptConverter({ conversionChain: [['a']] })).toThrow(TypeError);
    expect(() => createScriptConverter({ conversionChain: [[[['a b', 'c']]]] })).toThrow(TypeError);
  });
});
