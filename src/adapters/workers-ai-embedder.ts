import { AppError } from '../core/app-error.js';
import type { Embedder } from '../ports.js';

export const defaultWorkersAiEmbeddingModel = '@cf/baai/bge-m3';
/** bge-m3's dense vectors: the dimension the Vectorize index is created with. */
export const bgeM3Dimension = 1024;

/**
 * What runs a Workers AI model: the `AI` binding on Workers, or the REST API client when
 * publishing from Node (see cloudflare-api.ts). Both take and return the same shapes.
 */
export interface WorkersAiRunner {
  run(model: string, inputs: { text: string[] }): Promise<unknown>;
}

export interface WorkersAiEmbedderOptions {
  /** Default `@cf/baai/bge-m3`. */
  model?: string;
  /** Default 1024 (bge-m3). */
  dimension?: number;
  /** Texts per request. Default 50. */
  batchSize?: number;
}

/**
 * Embeds with a Workers AI text-embedding model, `{ text: [...] }` in and `{ shape, data }`
 * out. bge-m3 needs no query or passage prefix, so both sides embed the text as it is.
 *
 * @throws AppError `upstream:embedder` when the model call fails or returns vectors of the
 *   wrong count or dimension (the upstream error stays on `cause` for the logs).
 */
export function createWorkersAiEmbedder(runner: WorkersAiRunner, options: WorkersAiEmbedderOptions = {}): Embedder {
  const model = options.model ?? defaultWorkersAiEmbeddingModel;
  const dimension = options.dimension ?? bgeM3Dimension;
  const batchSize = options.batchSize ?? 50;

  async function embedBatch(texts: string[]): Promise<number[][]> {
    let output: unknown;
    try {
      output = await runner.run(model, { text: texts });
    } catch (error) {
      throw new AppError('upstream:embedder', `Workers AI failed for model ${model}.`, { cause: error });
    }
    const data = (output as { data?: unknown } | null)?.data;
    if (!Array.isArray(data) || data.length !== texts.length || data.some((vector) => !Array.isArray(vector) || vector.length !== dimension)) {
      throw new AppError('upstream:embedder', `Workers AI returned no ${dimension}-d vector per text for model ${model}.`);
    }
    return data as number[][];
  }

  return {
    modelId: model,
    dimension,
    async embedQuery(text) {
      return (await embedBatch([text]))[0]!;
    },
    async embedPassages(texts) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await embedBatch(texts.slice(start, start + batchSize))));
      }
      return vectors;
    },
  };
}
