import { describe, expect, it } from 'vitest';
import { createBm25Peer, tokenizeForPeer } from './create-bm25-peer.js';

describe('createBm25Peer', () => {
  it('tokenises like the product: NFKC, lower case, Traditional → Simplified, segmenter words only', () => {
    expect(tokenizeForPeer('韓國ＧＰＵ')).toEqual(['韩国', 'gpu']);
  });

  it('ranks paragraphs by BM25 across scripts', () => {
    const search = createBm25Peer([
      { key: 'a#1', text: '韓國計劃擴充高性能GPU。' },
      { key: 'b#1', text: 'Normandy is a region in France.' },
      { key: 'c#1', text: '日本计划采购GPU，韩国也在扩充。' },
    ]);
    expect(search('韩国计划扩充多少高性能GPU')[0]).toBe('a#1');
    expect(search('Where is Normandy?')).toEqual(['b#1']);
    expect(search('nothing matches this', 5)).toEqual([]);
  });
});
