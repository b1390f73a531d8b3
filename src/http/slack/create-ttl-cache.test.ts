import { describe, expect, it } from 'vitest';
import { createTtlCache } from './create-ttl-cache.js';

describe('createTtlCache', () => {
  it('forgets entries after the TTL', () => {
    let time = 0;
    const cache = createTtlCache<number>({ ttlMs: 1_000, maxEntries: 10, now: () => time });
    cache.set('a', 1);
    time = 999;
    expect(cache.get('a')).toBe(1);
    time = 1_000;
    expect(cache.has('a')).toBe(false);
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const cache = createTtlCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.size]).toEqual([false, true, true, 2]);
  });
});
