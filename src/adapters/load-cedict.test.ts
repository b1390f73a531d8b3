import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cedictPath, loadCedict, parseCedictText } from './load-cedict.js';

describe('the compact CC-CEDICT lexicon', () => {
  it('is the committed Brotli file, small, with its CC BY-SA notice beside it', async () => {
    expect((await stat(cedictPath)).size).toBeLessThan(2.5 * 2 ** 20);
    expect((await stat(path.join(path.dirname(cedictPath), 'NOTICE'))).isFile()).toBe(true);
  });

  it('loads once and looks words up both ways', async () => {
    const first = loadCedict();
    expect(loadCedict()).toBe(first);
    const dictionary = await first;
    expect(dictionary.englishByChinese.get('投资')).toBe('investment|invest');
    expect(dictionary.chineseByEnglish.get('saudi arabia')?.split('|')).toContain('沙特阿拉伯');
    expect(dictionary.chineseByEnglish.get('nvidia')).toBe('英伟达');
    expect(dictionary.englishByChinese.get('不是一个词')).toBeUndefined();
  });

  it('frees its file and decompression buffers once the text is made, not at a later full GC', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'cedict-'));
    try {
      const copy = path.join(folder, 'cedict.tsv.br');
      await copyFile(cedictPath, copy);
      const before = process.memoryUsage().arrayBuffers;
      const dictionary = await loadCedict(copy);
      expect(dictionary.englishByChinese.get('投资')).toBe('investment|invest');
      // The file is 1.8 MB and its text 5.5 MB: kept until a GC, they would count here.
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('finds the first and the last key of a section by binary search', () => {
    const dictionary = parseCedictText('# comment\n#zh\n一\tone\n中\tmiddle\n龙\tdragon\n#en\napple\t苹果\nzebra\t斑马\n');
    expect([dictionary.englishByChinese.get('一'), dictionary.englishByChinese.get('龙')]).toEqual(['one', 'dragon']);
    expect([dictionary.chineseByEnglish.get('apple'), dictionary.chineseByEnglish.get('zebra')]).toEqual(['苹果', '斑马']);
    expect(dictionary.chineseByEnglish.get('one')).toBeUndefined();
    expect(() => parseCedictText('no sections')).toThrow(/build:lexicon/);
  });
});
