/** A seeded PRNG (mulberry32), so every bench run builds the same corpus and questions. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A random direction on the unit sphere (Gaussian components, then L2-normalised). */
export function createRandomUnitVector(random: () => number, dimension: number): number[] {
  const vector = new Array<number>(dimension);
  let norm = 0;
  for (let index = 0; index < dimension; index++) {
    const value = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    vector[index] = value;
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (let index = 0; index < dimension; index++) vector[index]! /= norm;
  return vector;
}

export function pickOne<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
