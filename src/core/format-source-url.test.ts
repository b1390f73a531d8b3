import { describe, expect, it } from 'vitest';
import { formatSourceUrl } from './format-source-url.js';

describe('formatSourceUrl', () => {
  it.each([
    ['http://localhost:3000', '001_d38a6fc719d6b211', 4, 'http://localhost:3000/sources/001_d38a6fc719d6b211#p-4'],
    ['https://example.test/app/', '001_d38a6fc719d6b211', 4, 'https://example.test/app/sources/001_d38a6fc719d6b211#p-4'],
    ['https://example.test', 'a b/c', 0, 'https://example.test/sources/a%20b%2Fc#p-0'],
    ['https://example.test', '報告', 2, 'https://example.test/sources/%E5%A0%B1%E5%91%8A#p-2'],
    ['https://example.test', 'big', 500, 'https://example.test/sources/big#p-500'],
    ['https://example.test', 'big', 501, 'https://example.test/sources/big?page=2#p-501'],
    ['https://example.test', 'big', 66_000, 'https://example.test/sources/big?page=132#p-66000'],
  ])('%s, %s, %i', (baseUrl, docId, paragraph, expected) => {
    expect(formatSourceUrl(baseUrl, { docId, paragraph })).toBe(expected);
  });
});
