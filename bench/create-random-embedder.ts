import type { Embedder } from '../src/ports.js';
import { createRandom, createRandomUnitVector } from './create-random.js';

/**
 * An embedder with no model cost: queries get one of a fixed set of random unit vectors, in
 * turn, so retrieval timings measure the store and the engine, not embedding.
 */
export function createRandomEmbedder(modelId: string, dimension: number, pool = 64): Embedder & { vectors: number[][] } {
  const random = createRandom(99);
  const vectors = Array.from({ length: pool }, () => createRandomUnitVector(random, dimension));
  let next = 0;
  return {
    modelId,
    dimension,
    vectors,
    async embedQuery() {
      return vectors[next++ % vectors.length]!;
    },
    async embedPassages(texts) {
      return texts.map(() => vectors[next++ % vectors.length]!);
    },
  };
}
