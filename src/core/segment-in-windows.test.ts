import { describe, expect, it } from 'vitest';
import { segmentInWindows } from './segment-in-windows.js';

function pieces(text: string, options: Parameters<typeof segmentInWindows>[1]): string[] {
  return segmentInWindows(text, options).map((window) => text.slice(window.start, window.end));
}

describe('segmentInWindows', () => {
  it.each([
    { name: 'short text is one window', text: 'short', maxChars: 10, expected: ['short'] },
    { name: 'empty text is one empty window', text: '', maxChars: 10, expected: [''] },
    { name: 'cuts after the last whitespace', text: 'aaa bbb ccc ddd', maxChars: 8, expected: ['aaa bbb ', 'ccc ddd'] },
    { name: 'cuts after CJK punctuation when there is no space', text: '韓國政府，計畫採購。更多顯示卡', maxChars: 8, expected: ['韓國政府，', '計畫採購。', '更多顯示卡'] },
    { name: 'does not cut inside 3.14 or e.g', text: 'the value 3.14159 e.g. x', maxChars: 12, expected: ['the value ', '3.14159 ', 'e.g. x'] },
    { name: 'hard cut when nothing breaks', text: 'abcdefghij', maxChars: 4, expected: ['abcd', 'efgh', 'ij'] },
    { name: 'never splits a surrogate pair', text: 'ab😀😀😀', maxChars: 3, expected: ['ab', '😀', '😀', '😀'] },
  ])('$name', ({ text, maxChars, expected }) => {
    expect(pieces(text, { maxChars })).toEqual(expected);
  });

  it('prefers a sentence end over a later space when asked', () => {
    expect(pieces('One two. Three four five six', { maxChars: 12, preferSentences: true })).toEqual(['One two.', ' Three four ', 'five six']);
  });

  it('covers the text exactly and keeps every window within the limit', () => {
    const text = 'The quick brown fox, 韓國政府計畫採購更多顯示卡。jumps! '.repeat(500);
    const windows = segmentInWindows(text, { maxChars: 300 });
    expect(windows.map((window) => text.slice(window.start, window.end)).join('')).toBe(text);
    for (const window of windows) expect(window.end - window.start).toBeLessThanOrEqual(300);
  });

  it('rejects a window under 2 characters', () => {
    expect(() => segmentInWindows('abc', { maxChars: 1 })).toThrow(RangeError);
  });
});
