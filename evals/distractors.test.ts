import { describe, expect, it } from 'vitest';
import { buildDistractors, changeNumbers, swapNames } from './distractors.js';

describe('changeNumbers', () => {
  it.each([
    ['擴充1.8萬個高性能GPU', '擴充3.8萬個高性能GPU'],
    ['contributed $500 million', 'contributed $700 million'],
    ['by 2027, at 90%', 'by 2028, at 20%'],
    ['no digits here', 'no digits here'],
  ])('%s', (input, expected) => {
    expect(changeNumbers(input)).toBe(expected);
  });
});

describe('swapNames', () => {
  it.each([
    ['SoftBank and NVIDIA in Japan', 'Rakuten and Intel in Korea'],
    ['韓國代總統崔相穆', '泰國代總統崔相穆'],
    ['Sony is not Son', 'Sony is not Son'],
  ])('%s', (input, expected) => {
    expect(swapNames(input)).toBe(expected);
  });
});

describe('buildDistractors', () => {
  const documents = new Map([
    ['001_x', { paragraphs: [{ n: 1, text: 'SoftBank contributed $500 million.' }, { n: 2, text: 'Nothing to change.' }] }],
  ]);

  it('writes one document per source with each variant that differs', () => {
    const built = buildDistractors([{ docId: '001_x', paragraph: 1 }, { docId: '001_x', paragraph: 1 }, { docId: '001_x', paragraph: 2 }], documents, new Map([['001_x', 'Title']]));
    expect(built).toHaveLength(1);
    expect(built[0]!.fileName).toBe('900_distractors_001_x.txt');
    expect(built[0]!.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      'SoftBank contributed $700 million.',
      'Rakuten contributed $500 million.',
    ]);
    expect(built[0]!.text).toBe('Title\n\nSoftBank contributed $700 million.\n\nRakuten contributed $500 million.\n');
  });

  it('is deterministic', () => {
    const gold = [{ docId: '001_x', paragraph: 1 }];
    expect(buildDistractors(gold, documents, new Map())).toEqual(buildDistractors(gold, documents, new Map()));
  });
});
