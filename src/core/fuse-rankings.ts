/** The conventional RRF constant from Cormack et al. (2009). */
export const reciprocalRankConstant = 60;

/**
 * Reciprocal rank fusion: each list contributes weight / (k + rank) for every id it ranks
 * (rank is 1-based; weights default to 1). Returns ids by fused score, best first; ties keep
 * first-seen order.
 *
 * @example fuseRankings([['a', 'b'], ['b', 'c']]) // → [{ id: 'b', … }, { id: 'a', … }, { id: 'c', … }]
 */
export function fuseRankings(
  rankings: ReadonlyArray<ReadonlyArray<string>>,
  k = reciprocalRankConstant,
  weights: ReadonlyArray<number> = [],
): Array<{ id: string; score: number; ranks: Array<number | undefined> }> {
  const fused = new Map<string, { id: string; score: number; ranks: Array<number | undefined> }>();
  rankings.forEach((ranking, listIndex) => {
    ranking.forEach((id, position) => {
      let entry = fused.get(id);
      if (!entry) {
        entry = { id, score: 0, ranks: rankings.map(() => undefined) };
        fused.set(id, entry);
      }
      if (entry.ranks[listIndex] !== undefined) return;
      entry.ranks[listIndex] = position + 1;
      entry.score += (weights[listIndex] ?? 1) / (k + position + 1);
    });
  });
  return [...fused.values()].sort((left, right) => right.score - left.score);
}
