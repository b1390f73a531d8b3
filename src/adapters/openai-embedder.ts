import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, RetryError, embed, embedMany } from 'ai';
import { AppError } from '../core/app-error.js';
import type { Embedder } from '../ports.js';

export interface OpenAIEmbedderOptions {
  apiKey: string;
  /** An OpenAI-compatible endpoint, e.g. `http://127.0.0.1:8080/v1`. Default: OpenAI's. */
  baseURL?: string;
  /** e.g. `text-embedding-3-small`. */
  model: string;
  /** Ask the model for shorter vectors (text-embedding-3 models support this). */
  dimensions?: number;
  /** Retries per request on retryable failures. Default 2. */
  maxRetries?: number;
}

/**
 * Embeds through an OpenAI-compatible `/embeddings` endpoint with the AI SDK. The dimension is
 * `dimensions` when given, otherwise read from one probe request.
 *
 * @throws AppError `upstream:embedder` when the endpoint fails; the message names the model and
 *   the HTTP status, never the upstream response body (that stays on `cause` for the logs).
 */
export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const provider = createOpenAI({ apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
  const model = provider.embedding(options.model);
  const callSettings = {
    model,
    maxRetries: options.maxRetries ?? 2,
    ...(options.dimensions ? { dimensions: options.dimensions } : {}),
  };

  async function embedQuery(text: string): Promise<number[]> {
    try {
      const { embedding } = await embed({ ...callSettings, value: text });
      return embedding;
    } catch (error) {
      throw toUpstreamError(options.model, error);
    }
  }

  async function embedPassages(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    try {
      // embedMany splits into as many requests as the model's per-call limit requires.
      const { embeddings } = await embedMany({ ...callSettings, values: texts, maxParallelCalls: 2 });
      return embeddings;
    } catch (error) {
      throw toUpstreamError(options.model, error);
    }
  }

  const dimension = options.dimensions ?? (await embedQuery('dimension probe')).length;
  return { modelId: options.model, dimension, embedQuery, embedPassages };
}

function toUpstreamError(model: string, error: unknown): AppError {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  const status = APICallError.isInstance(last) && last.statusCode ? ` (HTTP ${last.statusCode})` : '';
  return new AppError('upstream:embedder', `The embedding service failed for model ${model}${status}.`, { cause: error });
}
