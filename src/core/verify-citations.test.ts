import { describe, expect, it } from 'vitest';
import { normalizeSearchText } from './normalize-search-text.js';
import type { Passage } from './types.js';
import { createCitationVerifier, verifyCitations } from './verify-citations.js';

function makePassage(docId: string, paragraph: number, text: string, start = 0): Passage {
  return {
    id: `${docId}#p-${paragraph}`, docId, paragraph, chunk: 0, text, searchText: normalizeSearchText(text),
    kind: 'body', language: 'en', title: `Title ${docId}`, start, end: start + text.length,
  };
}

const passages = [
  makePassage('softbank', 3, 'Recently, SoftBank contributed $500 million to a round of financing for OpenAI. Previously, in June, it invested in Perplexity.'),
  makePassage('korea', 5, '他表示，將在明年上半年之前擴充1.8萬個高性能GPU的處理能力，以支持企業界和研究機構。'),
  makePassage('simplified', 2, '英伟达的市场占有率超过90%。'),
];
const options = { passages, sourceUrl: (docId: string, paragraph: number) => `http://test/sources/${docId}#p-${paragraph}` };

describe('verifyCitations', () => {
  it.each([
    {
      name: 'a correct quote keeps its citation',
      answer: 'SoftBank said “SoftBank contributed $500 million to a round of financing for OpenAI.”[1]',
      text: 'SoftBank said “SoftBank contributed $500 million to a round of financing for OpenAI.”[1]',
      cited: [['softbank', 3]],
      issues: [],
    },
    {
      name: 'a quote under the wrong marker is repaired',
      answer: '「擴充1.8萬個高性能GPU」[1]',
      text: '「擴充1.8萬個高性能GPU」[1]',
      cited: [['korea', 5]],
      issues: ['citation-repaired'],
    },
    {
      name: 'an invented quote is not presented as a quote',
      answer: 'They said “SoftBank bought OpenAI outright.”[1]',
      text: 'They said SoftBank bought OpenAI outright.',
      cited: [],
      issues: ['quote-not-found'],
    },
    {
      name: 'an answer with no citations has none',
      answer: 'SoftBank is a Japanese company.',
      text: 'SoftBank is a Japanese company.',
      cited: [],
      issues: [],
    },
    {
      name: 'whitespace and width differences still match, shown verbatim',
      answer: '「擴充１.８萬個高性能ＧＰＵ」[2] and “SoftBank   contributed $500 million”[1]',
      text: '「擴充1.8萬個高性能GPU」[1] and “SoftBank contributed $500 million”[2]',
      cited: [['korea', 5], ['softbank', 3]],
      issues: [],
    },
    {
      name: 'a Traditional quote does not match a Simplified source',
      answer: '「英偉達的市場占有率超過90%」[3]',
      text: '英偉達的市場占有率超過90%',
      cited: [],
      issues: ['quote-not-found'],
    },
    {
      name: 'a claim marker cites the best-covering sentence',
      answer: 'SoftBank put $500 million into OpenAI [1].',
      text: 'SoftBank put $500 million into OpenAI [1].',
      cited: [['softbank', 3]],
      issues: [],
    },
    {
      name: 'a marker naming no passage is dropped',
      answer: 'Something [9].',
      text: 'Something .',
      cited: [],
      issues: ['unknown-passage', 'unsupported-claim'],
    },
  ])('$name', ({ answer, text, cited, issues }) => {
    const result = verifyCitations(answer, options);
    expect(result.text).toBe(text);
    expect(result.citations.map((citation) => [citation.docId, citation.paragraph])).toEqual(cited);
    expect(result.issues.map((issue) => issue.kind)).toEqual(issues);
    for (const citation of result.citations) {
      const passage = passages.find((candidate) => candidate.docId === citation.docId)!;
      expect(passage.text.slice(citation.start - passage.start, citation.end - passage.start)).toBe(citation.quote);
    }
  });

  it('numbers citations by first use and reuses the number for the same quote', () => {
    const result = verifyCitations('“90%”[3] then “$500 million”[1] and again “90%”[3]', options);
    expect(result.citations.map((citation) => [citation.n, citation.docId])).toEqual([[1, 'simplified'], [2, 'softbank']]);
    expect(result.text).toBe('“90%”[1] then “$500 million”[2] and again “90%”[1]');
  });

  it('gives offsets into the paragraph for a chunk that starts mid-paragraph', () => {
    const chunk = makePassage('long', 7, 'Second sentence here.', 40);
    const result = verifyCitations('“Second sentence”[1]', { ...options, passages: [chunk] });
    expect(result.citations[0]).toMatchObject({ start: 40, end: 55, quote: 'Second sentence', url: 'http://test/sources/long#p-7' });
  });

  it('streams the same result however the text is split, including inside characters and markers', () => {
    const answer = '根據報導「擴充1.8萬個高性能GPU」[2]，而且“SoftBank contributed $500 million”[1]。';
    const whole = verifyCitations(answer, options);
    const verifier = createCitationVerifier(options);
    const events = [];
    for (const character of answer) events.push(...verifier.push(character));
    events.push(...verifier.flush());
    const streamed = events.map((event) => (event.type === 'text' ? event.text : '')).join('');
    expect(streamed).toBe(whole.text);
    expect(events.filter((event) => event.type === 'citation')).toHaveLength(2);
  });

  it('converts prose but never quotes', () => {
    const result = verifyCitations('据说「擴充1.8萬個高性能GPU」[2]', { ...options, convertProse: (text) => text.replace('据说', '據說') });
    expect(result.text).toBe('據說「擴充1.8萬個高性能GPU」[1]');
  });
});

describe('nested quotes', () => {
  it('matches the closing mark of the outer quote', () => {
    const passage = makePassage('nested', 1, '據《解放日報》旗下「上觀新聞」分析,黃仁勳最關心三件事。');
    const result = verifyCitations('「據《解放日報》旗下「上觀新聞」分析,黃仁勳最關心三件事。」[1]', { ...options, passages: [passage] });
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]!.quote).toBe('據《解放日報》旗下「上觀新聞」分析,黃仁勳最關心三件事。');
    expect(result.text).toBe('「據《解放日報》旗下「上觀新聞」分析,黃仁勳最關心三件事。」[1]');
  });
});
