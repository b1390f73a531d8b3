import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    ['Simplified question', '韩国计划扩充多少个高性能GPU', 'zh-Hans'],
    ['Traditional question', '韓國要擴充多少GPU', 'zh-Hant'],
    ['English question', 'How much did SoftBank invest', 'en'],
    ['Traditional article sentence', '輝達董事長黃仁勳又訪問大陸,還到浦東逛菜市場與民眾互動', 'zh-Hant'],
    ['Simplified article sentence', '英伟达计划再次推出3款针对中国市场的改良版芯片', 'zh-Hans'],
    ['English with a few Chinese names', 'What did 黃仁勳 say about the Blackwell platform', 'en'],
    ['Chinese with English product names', '輝達(Nvidia Corp.)執行長表示會供應GPU給日本', 'zh-Hant'],
    ['shared characters only: tie goes to Simplified', '中文', 'zh-Hans'],
    ['no letters at all', '2024 / 12', 'en'],
    ['empty', '', 'en'],
  ])('%s', (_name, text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('is cheap once the converters exist', () => {
    detectLanguage('預熱');
    const started = performance.now();
    for (let index = 0; index < 2000; index++) detectLanguage('韩国计划扩充多少个高性能GPU');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
