import { describe, expect, it } from 'vitest';
import { fuseRankings } from './fuse-rankings.js';

describe('fuseRankings', () => {
  it.each([
    { name: 'one list keeps its order', lists: [['a', 'b', 'c']], order: ['a', 'b', 'c'] },
    { name: 'agreement wins', lists: [['a', 'b'], ['b', 'c']], order: ['b', 'a', 'c'] },
    { name: 'an empty list changes nothing', lists: [['x', 'y'], []], order: ['x', 'y'] },
    { name: 'duplicates within a list count once', lists: [['a', 'a', 'b'], ['b']], order: ['b', 'a'] },
  ])('$name', ({ lists, order }) => {
    expect(fuseRankings(lists).map((entry) => entry.id)).toEqual(order);
  });

  it('scores 1/(k+rank) per list and records ranks', () => {
    const [first] = fuseRankings([['a'], ['b', 'a']], 60);
    expect(first).toEqual({ id: 'a', score: 1 / 61 + 1 / 62, ranks: [1, 2] });
  });

  it('weighs each list: a list of weight 0.5 adds half as much', () => {
    const [first, second] = fuseRankings([['a'], ['b']], 60, [1, 0.5]);
    expect(first).toMatchObject({ id: 'a', score: 1 / 61 });
    expect(second).toMatchObject({ id: 'b', score: 0.5 / 61 });
  });
});
