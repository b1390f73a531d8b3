import { createHash } from 'node:crypto';
import { normalizeSearchText } from '../../src/core/normalize-search-text.js';
import type { Embedder } from '../../src/ports.js';

/**
 * A deterministic bag-of-tokens embedder for tests: each search token is hashed into one of
 * `dimension` buckets, then the vector is L2-normalised. Texts sharing tokens point the same way,
 * so vector search behaves sensibly without a model.
 */
export function createHashEmbedder(dimension = 16, modelId = `test/hash-${dimension}`): Embedder & { calls: number } {
  const embed = (text: string): number[] => {
    const vector = new Array<number>(dimension).fill(0);
    for (const token of normalizeSearchText(text).split(' ').filter(Boolean)) {
      const bucket = createHash('md5').update(token).digest().readUInt32LE(0) % dimension;
      vector[bucket]! += 1;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  };
  const embedder = {
    modelId,
    dimension,
    calls: 0,
    async embedQuery(text: string) {
      embedder.calls++;
      return embed(text);
    },
    async embedPassages(texts: string[]) {
      embedder.calls++;
      return texts.map(embed);
    },
  };
  return embedder;
}
