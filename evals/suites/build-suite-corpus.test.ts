import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/core/clean/clean-document.js';
import { buildSuiteCorpus, matchGoldParagraphs } from './build-suite-corpus.js';
import type { SquadDataset } from './load-squad-dataset.js';

const dataset = (title: string, paragraphs: string[]): SquadDataset => ({
  articles: [{ title, paragraphs }],
  questions: paragraphs.map((_, index) => ({ id: `${title}-${index}`, question: `q${index}?`, answers: ['a'], answerable: true, articleIndex: 0, paragraphIndex: index })),
  skipped: [],
});

describe('buildSuiteCorpus', () => {
  it('writes one file per article, one paragraph per dataset paragraph, and the cleaner keeps them 1:1', () => {
    const paragraphs = [
      '梵語是印度的古典語言，在歐洲由德國學者開創研究。',
      'Line one of a paragraph that the source wrapped\n\nover a blank line, which must not split it.',
      '第三段落，內容與第一段不同，並以句號結束。',
    ];
    const corpus = buildSuiteCorpus({ drcd: dataset('梵文', paragraphs) });
    expect(corpus.files.map((file) => file.docId)).toEqual(['drcd-1']);
    const cleaned = cleanDocument(corpus.files[0]!.text, { fileName: corpus.files[0]!.fileName });
    expect(cleaned.metadata.title).toBe('梵文');
    expect(cleaned.paragraphs).toHaveLength(3);
    for (const question of corpus.questions.drcd) {
      expect(question.docId).toBe('drcd-1');
      expect(matchGoldParagraphs(question.paragraphText, cleaned.paragraphs)).toEqual([question.paragraphIndex + 1]);
    }
  });

  it('numbers documents per set so that the sets share one corpus without clashing', () => {
    const corpus = buildSuiteCorpus({ cmrc: dataset('A', ['一段。']), squad: dataset('B', ['One paragraph.']) });
    expect(corpus.files.map((file) => file.fileName)).toEqual(['cmrc-1.txt', 'squad-1.txt']);
    expect(corpus.questions.drcd).toEqual([]);
  });
});

describe('matchGoldParagraphs', () => {
  const stored = [
    { n: 1, text: '宝马7系（BMW 7 Series）是由宝马汽车生产的一个豪华轿车系列，也是宝马最顶级系列车型。' },
    { n: 2, text: 'An unrelated paragraph about the weather in the north.' },
  ];
  it.each([
    { name: 'equal after whitespace', text: '宝马7系（BMW 7 Series）是由宝马汽车生产的一个\n豪华轿车系列，也是宝马最顶级系列车型。', expected: [1] },
    { name: 'markup the cleaner stripped', text: '宝马7系（<nowiki>BMW 7 Series</nowiki>）是由宝马汽车生产的一个豪华轿车系列，也是宝马最顶级系列车型。', expected: [1] },
    { name: 'a paragraph the cleaner dropped', text: 'Nothing like any stored paragraph at all, really.', expected: [] },
  ])('$name', ({ text, expected }) => {
    expect(matchGoldParagraphs(text, stored)).toEqual(expected);
  });
});
