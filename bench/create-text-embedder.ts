import { normalizeSearchText } from '../src/core/normalize-search-text.js';
import type { Embedder } from '../src/ports.js';
import { createRandom } from './create-random.js';

/** FNV-1a, 32-bit: a token's seed. */
function hashToken(token: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < token.length; index++) hash = Math.imul(hash ^ token.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** A seeded direction with Gaussian components (not normalised: the sum is normalised once). */
function seededVector(seed: number, dimension: number): Float32Array {
  const random = createRandom(seed);
  const vector = new Float32Array(dimension);
  for (let index = 0; index < dimension; index += 2) {
    const radius = Math.sqrt(-2 * Math.log(random() || 1e-12));
    const angle = 2 * Math.PI * random();
    vector[index] = radius * Math.cos(angle);
    if (index + 1 < dimension) vector[index + 1] = radius * Math.sin(angle);
  }
  return vector;
}

function normalizeInPlace(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let index = 0; index < vector.length; index++) vector[index]! /= norm;
  return vector;
}

export interface TextEmbedder extends Embedder {
  /**
   * The unit vector of a text already in search form (normalizeSearchText's tokens). With a
   * `uniqueKey`, a seeded random direction of weight `uniqueWeight` is mixed in: it stands for
   * what tells apart real passages that the bench's small sentence pool repeats verbatim.
   */
  embedSearchText(searchText: string, uniqueKey?: string): Float32Array;
}

/**
 * A model-free embedder whose vectors have the structure ANN recall needs: a text's vector is
 * the normalised sum of seeded random vectors of its distinct search tokens (words, Han
 * bigrams) and of adjacent token pairs, so texts that share words point the same way, and a
 * question lands near the passages that contain its phrase. Tokens come from
 * normalizeSearchText, so Traditional and Simplified Chinese fold alike on both sides.
 */
export function createTextEmbedder(modelId: string, dimension: number, uniqueWeight = 0.5): TextEmbedder {
  const tokenVectors = new Map<string, Float32Array>();
  const tokenVector = (token: string) => {
    let vector = tokenVectors.get(token);
    if (!vector) tokenVectors.set(token, (vector = seededVector(hashToken(token), dimension)));
    return vector;
  };
  const embedSearchText = (searchText: string, uniqueKey?: string): Float32Array => {
    const tokens = searchText.split(' ').filter(Boolean);
    const features = new Set(tokens);
    for (let index = 0; index + 1 < tokens.length; index++) features.add(`${tokens[index]} ${tokens[index + 1]}`);
    const sum = new Float32Array(dimension);
    for (const feature of features) {
      const vector = tokenVector(feature);
      for (let index = 0; index < dimension; index++) sum[index]! += vector[index]!;
    }
    normalizeInPlace(sum);
    if (uniqueKey === undefined) return sum;
    const unique = normalizeInPlace(seededVector(hashToken(uniqueKey) ^ 0x5bd1e995, dimension));
    for (let index = 0; index < dimension; index++) sum[index]! += uniqueWeight * unique[index]!;
    return normalizeInPlace(sum);
  };
  return {
    modelId,
    dimension,
    embedSearchText,
    async embedQuery(text) {
      return Array.from(embedSearchText(normalizeSearchText(text)));
    },
    async embedPassages(texts) {
      return texts.map((text) => Array.from(embedSearchText(normalizeSearchText(text, { hanWords: false }))));
    },
  };
}
