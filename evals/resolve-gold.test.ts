import { describe, expect, it } from 'vitest';
import { collectGold, fillGold, normalizeAnchorText, resolveGold, type DocumentParagraphs } from './resolve-gold.js';
import type { EvalQuestion, GoldAnchor } from './types.js';

const en = '001_d38a6fc719d6b211';
const zh = '002_f81bc478674c16c2';

const documents: DocumentParagraphs = new Map([
  [
    en,
    {
      paragraphs: [
        { n: 1, text: 'On November 13th, Jensen Huang announced the largest AI factory in Japan.' },
        { n: 2, text: 'Recently, SoftBank contributed $500 million to a round of financing for OpenAI.' },
        { n: 3, text: 'On November 13th, Jensen Huang announced the largest AI factory in Japan.' },
        { n: 4, text: 'SoftBank holds 90% of the company’s shares. SoftBank is investing heavily.' },
        { n: 5, text: 'Masayoshi Son said SoftBank is investing heavily.' },
      ],
    },
  ],
  [
    zh,
    {
      paragraphs: [
        { n: 1, text: '韓國代總統崔相穆2月17日表示，到明年上半年將擴大供應1.8萬個高性能GPU。' },
        // Reflowed with a space where the raw file had a line break, and a full-width digit.
        { n: 2, text: '政府將通過公私合作，在今年內確保 １萬個高性能GPU。' },
      ],
    },
  ],
]);

function makeQuestion(gold: GoldAnchor[]): EvalQuestion {
  return { id: 'q', question: '?', language: 'en', type: 'same-language', answerable: true, gold, keyFacts: [] };
}

describe('normalizeAnchorText', () => {
  it.each([
    ['確保 １萬個', '確保1萬個'],
    ['a  b\n c', 'a b c'],
    ['生成式 AI 1.8 萬', '生成式AI 1.8萬'],
    ['Ｎvidia Ｈ100', 'Nvidia H100'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeAnchorText(input)).toBe(expected);
  });
});

describe('resolveGold', () => {
  it.each([
    {
      name: 'single match',
      gold: { docId: en, anchor: 'contributed $500 million', paragraph: null },
      expected: { status: 'resolved', paragraphs: [2] },
    },
    {
      name: 'stored number still right',
      gold: { docId: en, anchor: 'contributed $500 million', paragraph: 2 },
      expected: { status: 'resolved', paragraphs: [2] },
    },
    {
      name: 'stored number now wrong: moved',
      gold: { docId: en, anchor: 'contributed $500 million', paragraph: 5 },
      expected: { status: 'moved', from: [5], paragraphs: [2] },
    },
    {
      name: 'identical duplicate paragraphs resolve to both',
      gold: { docId: en, anchor: 'the largest AI factory in Japan', paragraph: null },
      expected: { status: 'resolved', paragraphs: [1, 3] },
    },
    {
      name: 'stored duplicate list still right',
      gold: { docId: en, anchor: 'the largest AI factory in Japan', paragraph: [3, 1] },
      expected: { status: 'resolved', paragraphs: [1, 3] },
    },
    {
      name: 'whitespace and width differences are ignored',
      gold: { docId: zh, anchor: '在今年內確保1萬個高性能GPU', paragraph: null },
      expected: { status: 'resolved', paragraphs: [2] },
    },
    {
      name: 'ambiguous anchor in different paragraphs',
      gold: { docId: en, anchor: 'SoftBank is investing heavily', paragraph: null },
      expected: { status: 'unresolved', reason: 'ambiguous anchor: in p-4, p-5; lengthen it' },
    },
    {
      name: 'anchor gone',
      gold: { docId: zh, anchor: '韓國(guó)代總統', paragraph: 1 },
      expected: { status: 'unresolved', reason: 'anchor not found in any paragraph (was p-1)' },
    },
    {
      name: 'unknown document',
      gold: { docId: '009_ffff', anchor: 'anything', paragraph: null },
      expected: { status: 'unresolved', reason: 'document 009_ffff not found' },
    },
  ] satisfies { name: string; gold: GoldAnchor; expected: Record<string, unknown> }[])('$name', ({ gold, expected }) => {
    const [resolution] = resolveGold(makeQuestion([gold]), documents);
    expect(resolution).toMatchObject({ docId: gold.docId, anchor: gold.anchor, ...expected });
  });
});

describe('collectGold', () => {
  it('flattens resolved and moved anchors and keys the unresolved ones', () => {
    const resolutions = resolveGold(
      makeQuestion([
        { docId: en, anchor: 'the largest AI factory in Japan', paragraph: null },
        { docId: en, anchor: 'contributed $500 million', paragraph: 4 },
        { docId: zh, anchor: '不存在的句子', paragraph: null },
      ]),
      documents,
    );
    expect(collectGold(resolutions)).toEqual({
      gold: [
        { docId: en, paragraph: 1 },
        { docId: en, paragraph: 3 },
        { docId: en, paragraph: 2 },
      ],
      unresolvedGold: [`${zh}#不存在的句子`],
      moved: [`${en}#contributed $500 million: p-4 → p-2`],
    });
  });
});

describe('fillGold', () => {
  it('writes numbers, lists changes and nulls unresolved anchors', () => {
    const { questions, changes, problems } = fillGold(
      [
        makeQuestion([
          { docId: en, anchor: 'contributed $500 million', paragraph: null },
          { docId: en, anchor: 'the largest AI factory in Japan', paragraph: null },
          { docId: zh, anchor: '不存在的句子', paragraph: 2 },
        ]),
      ],
      documents,
    );
    expect(questions[0]?.gold.map((gold) => gold.paragraph)).toEqual([2, [1, 3], null]);
    expect(changes).toHaveLength(2);
    expect(problems).toEqual([`q: ${zh}#不存在的句子: anchor not found in any paragraph (was p-2)`]);
  });

  it('reports no change when the numbers are already right', () => {
    const { changes, problems } = fillGold(
      [makeQuestion([{ docId: en, anchor: 'contributed $500 million', paragraph: 2 }])],
      documents,
    );
    expect({ changes, problems }).toEqual({ changes: [], problems: [] });
  });
});
