import { normalizeSearchText, searchTokens } from '../../../src/core/normalize-search-text.js';
import { bgeM3Dimension, defaultWorkersAiEmbeddingModel } from '../../../src/adapters/workers-ai-embedder.js';
import type { Embedder } from '../../../src/ports.js';

/** FNV-1a, 32-bit: a stable hash for feature hashing. */
function hashToken(token: string): number {
  let hash = 0x811c9dc5;
  for (const character of token) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A deterministic stand-in for bge-m3: the search tokens of the text hashed into 1024
 * dimensions with a sign bit, L2-normalised and rounded to float32 as Vectorize and LanceDB
 * store them. Texts that share words get similar vectors, so vector search ranks sensibly.
 */
export function createFakeEmbedding(text: string, dimension = bgeM3Dimension): number[] {
  const vector = new Array<number>(dimension).fill(0);
  for (const token of searchTokens(normalizeSearchText(text))) {
    const hash = hashToken(token);
    vector[hash % dimension]! += hash & 0x80000000 ? -1 : 1;
  }
  vector[dimension - 1]! += 0.5; // no zero vector, even for empty text
  const norm = Math.hypot(...vector);
  return vector.map((value) => Math.fround(value / norm));
}

/** The Node side of the comparison: the same vectors as the fake Workers AI, as an Embedder. */
export function createFakeEmbedder(): Embedder {
  return {
    modelId: defaultWorkersAiEmbeddingModel,
    dimension: bgeM3Dimension,
    embedQuery: async (text) => createFakeEmbedding(text),
    embedPassages: async (texts) => texts.map((text) => createFakeEmbedding(text)),
  };
}
