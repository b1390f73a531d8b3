import { createHash } from 'node:crypto';

/** The seed CI samples with; changing it changes the sample and needs a new suites baseline. */
export const defaultSampleSeed = 'suites-v1';

const rankOf = (seed: string, id: string): string => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');

/**
 * A fixed sample of `size` items chosen by a seeded hash of each id, returned in their original
 * order. The same seed and ids always give the same sample, and adding items to a set only
 * swaps in those that rank above the sample's last one. Returns every item when `size` is
 * undefined or not below the count. Throws on a size that is not a positive integer.
 */
export function sampleQuestions<T extends { id: string }>(items: readonly T[], size: number | undefined, seed = defaultSampleSeed): T[] {
  if (size === undefined || size >= items.length) return [...items];
  if (!Number.isInteger(size) || size < 1) throw new Error(`sample size must be a positive integer, got ${size}`);
  const chosen = new Set(
    items
      .map((item) => ({ id: item.id, rank: rankOf(seed, item.id) }))
      .sort((left, right) => (left.rank < right.rank ? -1 : left.rank > right.rank ? 1 : 0))
      .slice(0, size)
      .map((entry) => entry.id),
  );
  return items.filter((item) => chosen.has(item.id));
}
