import { describe, expect, it } from 'vitest';
import { splitPassages } from './split-passages.js';
import type { StoredDocument } from './types.js';

function documentWith(paragraphs: string[]): StoredDocument {
  let offset = 0;
  return {
    docId: 'doc', sourcePath: 'doc.txt', contentHash: 'h', dropped: [],
    metadata: { title: 'Title', language: 'zh-Hans', url: 'https://example.com/a' },
    text: paragraphs.join('\n\n'),
    paragraphs: paragraphs.map((text, index) => {
      const paragraph = { n: index + 1, kind: 'body' as const, text, start: offset, end: offset + text.length };
      offset += text.length + 2;
      return paragraph;
    }),
  };
}

describe('splitPassages', () => {
  it('keeps a short paragraph whole with its id, offsets and search text', () => {
    const [passage] = splitPassages(documentWith(['韓國將擴充GPU。']));
    expect(passage).toMatchObject({ id: 'doc#p-1', paragraph: 1, chunk: 0, start: 0, end: 9, text: '韓國將擴充GPU。', title: 'Title', url: 'https://example.com/a' });
    expect(passage!.searchText).toContain('韩国');
  });

  it('splits a long paragraph at sentence boundaries into chunks under the limit that remember the paragraph', () => {
    const sentence = '這是一個用來測試切分的句子，長度大約二十個字。';
    const long = sentence.repeat(40);
    const passages = splitPassages(documentWith(['短段落。', long]), 100);
    const chunks = passages.filter((passage) => passage.paragraph === 2);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.id)).toEqual(chunks.map((_, index) => (index === 0 ? 'doc#p-2' : `doc#p-2.${index}`)));
    for (const chunk of chunks) {
      expect([...chunk.text.matchAll(/\p{Script=Han}/gu)].length).toBeLessThanOrEqual(100);
      expect(long.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text.endsWith('。')).toBe(true);
    }
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(long);
  });
});

describe('section headings', () => {
  it('are not passages of their own but are searched with the paragraphs under them', () => {
    const passages = splitPassages(documentWith(['第二件事,大陸自產晶片市占率快速提升', '根據資料，自產算力占比激增至34.6%。', '下一段。']));
    expect(passages.map((passage) => passage.paragraph)).toEqual([2, 3]);
    expect(passages[0]!.text).toBe('根據資料，自產算力占比激增至34.6%。');
    expect(passages[0]!.searchText).toContain('第二');
    expect(passages[1]!.searchText).toContain('第二');
  });

  it.each([
    { text: "NVIDIA's Collaboration with SoftBank", heading: true },
    { text: '稳市场', heading: true },
    { text: 'SoftBank contributed $500 million.', heading: false },
    { text: '大陸正是黃仁勳「焦慮和擔憂」的主要來源。', heading: false },
    { text: '據報導,此次大陸之行,黃仁勳視察位於張江納賢路600號的輝達上海新辦公室,與另一家美國晶片巨頭AMD的上海辦公室僅相距300米', heading: false },
  ])('"$text" is a heading: $heading', async ({ text, heading }) => {
    const { isHeading } = await import('./split-passages.js');
    expect(isHeading(text)).toBe(heading);
  });
});
