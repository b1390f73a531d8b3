import type {
  VectorizeMatches,
  VectorizeQueryOptions,
  VectorizeVector,
  VectorizeVectorMetadata,
  VectorizeVectorMetadataFilter,
} from '@cloudflare/workers-types/index.js';

type Metadata = Record<string, VectorizeVectorMetadata>;
interface StoredVector {
  id: string;
  values: number[];
  metadata: Metadata;
}

export interface FakeVectorizeIndex {
  readonly dimension: number;
  readonly size: number;
  upsert(vectors: Array<{ id: string; values: number[]; metadata?: Metadata }>): { mutationId: string };
  deleteByIds(ids: string[]): { mutationId: string };
  getByIds(ids: string[]): VectorizeVector[];
  query(vector: number[], options?: VectorizeQueryOptions): VectorizeMatches;
  describe(): { vectorCount: number; dimensions: number; processedUpToDatetime: number; processedUpToMutation: number };
}

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! ** 2;
    rightNorm += right[index]! ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}

function matchesFilter(metadata: Metadata, filter: VectorizeVectorMetadataFilter | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([field, condition]) => {
    const value = (metadata[field] ?? null) as string | number | boolean | null;
    if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return value === condition;
    return Object.entries(condition).every(([operator, operand]) => {
      switch (operator) {
        case '$eq': return value === operand;
        case '$ne': return value !== operand;
        case '$in': return (operand as unknown[]).includes(value);
        case '$nin': return !(operand as unknown[]).includes(value);
        case '$lt': return value !== null && operand !== null && value < (operand as typeof value);
        case '$lte': return value !== null && operand !== null && value <= (operand as typeof value);
        case '$gt': return value !== null && operand !== null && value > (operand as typeof value);
        case '$gte': return value !== null && operand !== null && value >= (operand as typeof value);
        default: throw new Error(`VECTOR_QUERY_ERROR: unsupported filter operator ${operator}`);
      }
    });
  });
}

/**
 * An in-memory Vectorize index with the binding's shapes and limits: cosine metric, exact
 * top-K, metadata filters applied before top-K, `returnValues` and `returnMetadata`
 * ('none' | 'indexed' | 'all'), topK at most 100 (20 with values or all metadata), and a
 * dimension check on every write and query.
 */
export function createFakeVectorizeIndex(options: { dimension: number; metadataIndexes?: string[] }): FakeVectorizeIndex {
  const vectors = new Map<string, StoredVector>();
  const indexed = new Set(options.metadataIndexes ?? []);
  let mutations = 0;

  function checkDimension(values: number[]): void {
    if (values.length !== options.dimension) {
      throw new Error(`VECTOR_DIMENSION_MISMATCH: expected ${options.dimension} dimensions, got ${values.length}`);
    }
  }

  return {
    dimension: options.dimension,
    get size() {
      return vectors.size;
    },
    upsert(records) {
      for (const record of records) checkDimension(record.values);
      for (const record of records) vectors.set(record.id, { id: record.id, values: [...record.values], metadata: { ...record.metadata } });
      return { mutationId: `mutation-${++mutations}` };
    },
    deleteByIds(ids) {
      for (const id of ids) vectors.delete(id);
      return { mutationId: `mutation-${++mutations}` };
    },
    getByIds(ids) {
      return ids.flatMap((id) => {
        const stored = vectors.get(id);
        return stored ? [{ id, values: [...stored.values], metadata: { ...stored.metadata } }] : [];
      });
    },
    query(vector, queryOptions = {}) {
      checkDimension(vector);
      const topK = queryOptions.topK ?? 5;
      const level = queryOptions.returnMetadata === true ? 'all' : queryOptions.returnMetadata === false ? 'none' : (queryOptions.returnMetadata ?? 'none');
      const maxTopK = queryOptions.returnValues || level === 'all' ? 20 : 100;
      if (topK < 1 || topK > maxTopK) throw new Error(`VECTOR_QUERY_ERROR: topK must be between 1 and ${maxTopK} for these options, got ${topK}`);
      const matches = [...vectors.values()]
        .filter((stored) => matchesFilter(stored.metadata, queryOptions.filter))
        .map((stored) => ({ stored, score: cosine(vector, stored.values) }))
        .sort((left, right) => right.score - left.score || (left.stored.id < right.stored.id ? -1 : 1))
        .slice(0, topK)
        .map(({ stored, score }) => ({
          id: stored.id,
          score,
          ...(queryOptions.returnValues ? { values: [...stored.values] } : {}),
          ...(level === 'all' ? { metadata: { ...stored.metadata } } : {}),
          ...(level === 'indexed' ? { metadata: Object.fromEntries(Object.entries(stored.metadata).filter(([key]) => indexed.has(key))) } : {}),
        }));
      return { matches, count: matches.length };
    },
    describe() {
      return { vectorCount: vectors.size, dimensions: options.dimension, processedUpToDatetime: Date.now(), processedUpToMutation: mutations };
    },
  };
}
