import { AppError } from '../core/app-error.js';
import type { WorkersAiRunner } from './workers-ai-embedder.js';

export const defaultCloudflareApiBaseUrl = 'https://api.cloudflare.com/client/v4';

export interface CloudflareApiOptions {
  accountId: string;
  apiToken: string;
  /** Default `https://api.cloudflare.com/client/v4`; tests point it at a fake on 127.0.0.1. */
  baseUrl?: string;
  /** Retries on 429 and 5xx. Default 3. */
  maxRetries?: number;
  /** Milliseconds before the first retry, doubled each time. Default 500. */
  retryDelayMs?: number;
}

/** One vector as Vectorize stores it: the id is the passage id. */
export interface VectorRecord {
  id: string;
  values: number[];
  metadata?: Record<string, string | number | boolean>;
}

/** The parts of Cloudflare's REST API that publishing an index needs. */
export interface CloudflareApi {
  /** Runs one SQL statement with bound parameters; returns its rows. */
  queryD1<Row = Record<string, unknown>>(databaseId: string, sql: string, params?: unknown[]): Promise<Row[]>;
  /** Vectorize v2 upsert (NDJSON body); returns the mutation id. */
  upsertVectors(indexName: string, vectors: VectorRecord[]): Promise<string | undefined>;
  deleteVectors(indexName: string, ids: string[]): Promise<string | undefined>;
  /** Workers AI, e.g. `ai.run('@cf/baai/bge-m3', { text })`, with the binding's result shape. */
  ai: WorkersAiRunner;
}

interface Envelope<Result> {
  success: boolean;
  errors?: Array<{ code?: number; message?: string }>;
  result: Result;
}

/**
 * A small client for Cloudflare's REST API: D1 `/query`, Vectorize v2 `/upsert` and
 * `/delete_by_ids`, and Workers AI `/ai/run/{model}`. Retries 429 and 5xx with backoff.
 *
 * @throws AppError `upstream:cloudflare` naming the operation, the HTTP status and Cloudflare's
 *   error messages (this runs in the publishing CLI, never in front of an end user).
 */
export function createCloudflareApi(options: CloudflareApiOptions): CloudflareApi {
  const baseUrl = (options.baseUrl ?? defaultCloudflareApiBaseUrl).replace(/\/+$/, '');
  const accountUrl = `${baseUrl}/accounts/${encodeURIComponent(options.accountId)}`;
  const maxRetries = options.maxRetries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 500;

  async function call<Result>(operation: string, path: string, body: string, contentType: string): Promise<Result> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${accountUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.apiToken}`, 'content-type': contentType },
          body,
        });
      } catch (error) {
        if (attempt < maxRetries) {
          await sleep(retryDelayMs * 2 ** attempt);
          continue;
        }
        throw new AppError('upstream:cloudflare', `Cloudflare API ${operation} failed: ${(error as Error).message}`, { cause: error });
      }
      if ((response.status === 429 || response.status >= 500) && attempt < maxRetries) {
        await response.body?.cancel();
        await sleep(retryDelayMs * 2 ** attempt);
        continue;
      }
      const envelope = (await response.json().catch(() => undefined)) as Envelope<Result> | undefined;
      if (!response.ok || !envelope?.success) {
        const messages = envelope?.errors?.map((error) => `${error.code ?? ''} ${error.message ?? ''}`.trim()).join('; ');
        throw new AppError('upstream:cloudflare', `Cloudflare API ${operation} failed (HTTP ${response.status})${messages ? `: ${messages}` : ''}`);
      }
      return envelope.result;
    }
  }

  const json = (value: unknown) => JSON.stringify(value);
  const indexPath = (indexName: string) => `/vectorize/v2/indexes/${encodeURIComponent(indexName)}`;

  return {
    async queryD1<Row>(databaseId: string, sql: string, params: unknown[] = []) {
      const result = await call<Array<{ results?: Row[] }>>('d1 query', `/d1/database/${encodeURIComponent(databaseId)}/query`, json({ sql, params }), 'application/json');
      return result[0]?.results ?? [];
    },
    async upsertVectors(indexName, vectors) {
      if (vectors.length === 0) return undefined;
      const ndjson = vectors.map((vector) => json(vector)).join('\n');
      const result = await call<{ mutationId?: string }>('vectorize upsert', `${indexPath(indexName)}/upsert`, ndjson, 'application/x-ndjson');
      return result?.mutationId;
    },
    async deleteVectors(indexName, ids) {
      if (ids.length === 0) return undefined;
      const result = await call<{ mutationId?: string }>('vectorize delete_by_ids', `${indexPath(indexName)}/delete_by_ids`, json({ ids }), 'application/json');
      return result?.mutationId;
    },
    ai: {
      run: (model, inputs) => call<unknown>(`ai run ${model}`, `/ai/run/${model}`, json(inputs), 'application/json'),
    },
  };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
