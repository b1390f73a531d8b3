import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { D1Database } from '@cloudflare/workers-types/index.js';
import { createFakeEmbedding } from './fake-embedding.js';
import type { FakeVectorizeIndex } from './fake-vectorize-index.js';

export interface RecordedRequest {
  method: string;
  /** Path after `/client/v4/accounts/{account}`, e.g. `/d1/database/db-1/query`. */
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  /** Parsed JSON, or an array of parsed lines for NDJSON. */
  body: unknown;
}

export interface FakeCloudflareApi {
  /** e.g. `http://127.0.0.1:54321/client/v4`: the publisher's CLOUDFLARE_API_BASE_URL. */
  baseUrl: string;
  accountId: string;
  apiToken: string;
  requests: RecordedRequest[];
  /** Requests that change something: D1 statements other than SELECT, vector writes, embeddings. */
  writes(): RecordedRequest[];
  /** Where D1 statements run: a real D1 (Miniflare's), set once the Worker is up. */
  setDatabase(databaseId: string, database: D1Database): void;
  close(): Promise<void>;
}

/** D1 binds at most 100 parameters per statement. */
const maxBoundParameters = 100;

/**
 * A fake of the parts of Cloudflare's REST API the publisher and the Worker's fake bindings
 * use, on 127.0.0.1: D1 `/query` (run on a real local D1), Vectorize v2 `/upsert` (NDJSON),
 * `/delete_by_ids`, `/query`, and Workers AI `/ai/run/@cf/baai/bge-m3` (deterministic
 * 1024-d vectors). Every request is recorded; a wrong token gets Cloudflare's 403 envelope.
 */
export async function startFakeCloudflareApi(options: { indexes: Record<string, FakeVectorizeIndex> }): Promise<FakeCloudflareApi> {
  const accountId = 'test-account';
  const apiToken = 'test-token';
  const requests: RecordedRequest[] = [];
  const databases = new Map<string, D1Database>();
  const prefix = `/client/v4/accounts/${accountId}`;

  async function handle(request: IncomingMessage): Promise<{ status: number; result?: unknown; error?: string }> {
    const text = await readText(request);
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method !== 'POST' || !url.pathname.startsWith(prefix)) return { status: 404, error: 'No route for that URI' };
    const path = decodeURIComponent(url.pathname.slice(prefix.length));
    const contentType = request.headers['content-type'];
    const ndjson = contentType === 'application/x-ndjson';
    const body: unknown = ndjson ? text.split('\n').filter(Boolean).map((line) => JSON.parse(line)) : JSON.parse(text || 'null');
    requests.push({ method: request.method, path, contentType, authorization: request.headers.authorization, body });
    if (request.headers.authorization !== `Bearer ${apiToken}`) return { status: 403, error: 'Authentication error' };

    let match: RegExpExecArray | null;
    if ((match = /^\/d1\/database\/([^/]+)\/query$/.exec(path))) {
      const database = databases.get(match[1]!);
      if (!database) return { status: 404, error: 'database not found' };
      const { sql, params = [] } = body as { sql: string; params?: unknown[] };
      if (params.length > maxBoundParameters) return { status: 400, error: `too many SQL variables (${params.length} > ${maxBoundParameters})` };
      try {
        const result = await database.prepare(sql).bind(...params).all();
        return { status: 200, result: [{ results: result.results, success: true, meta: result.meta }] };
      } catch (error) {
        return { status: 400, error: (error as Error).message };
      }
    }
    if ((match = /^\/vectorize\/v2\/indexes\/([^/]+)\/(upsert|delete_by_ids|query)$/.exec(path))) {
      const index = options.indexes[match[1]!];
      if (!index) return { status: 404, error: 'vectorize.index.not_found' };
      try {
        if (match[2] === 'upsert') {
          if (!ndjson) return { status: 400, error: 'upsert expects an application/x-ndjson body' };
          return { status: 200, result: index.upsert(body as Parameters<FakeVectorizeIndex['upsert']>[0]) };
        }
        if (match[2] === 'delete_by_ids') return { status: 200, result: index.deleteByIds((body as { ids: string[] }).ids) };
        const { vector, ...queryOptions } = body as { vector: number[] } & Parameters<FakeVectorizeIndex['query']>[1];
        return { status: 200, result: index.query(vector, queryOptions) };
      } catch (error) {
        return { status: 400, error: (error as Error).message };
      }
    }
    if ((match = /^\/ai\/run\/(.+)$/.exec(path))) {
      if (match[1] !== '@cf/baai/bge-m3') return { status: 400, error: `no such model ${match[1]}` };
      const input = (body as { text: string | string[] }).text;
      const texts = Array.isArray(input) ? input : [input];
      const data = texts.map((text) => createFakeEmbedding(text));
      return { status: 200, result: { shape: [data.length, 1024], data, pooling: 'cls' } };
    }
    return { status: 404, error: 'No route for that URI' };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handle(request)
      .catch((error: unknown): { status: number; result?: unknown; error?: string } => ({ status: 500, error: (error as Error).message }))
      .then(({ status, result, error }) => {
        const envelope = error
          ? { success: false, errors: [{ code: 7000 + status, message: error }], messages: [], result: null }
          : { success: true, errors: [], messages: [], result };
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(envelope));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    accountId,
    apiToken,
    requests,
    writes: () =>
      requests.filter((request) => {
        if (request.path.endsWith('/query') && request.path.startsWith('/d1/')) return !/^\s*SELECT\b/i.test((request.body as { sql: string }).sql);
        return !request.path.endsWith('/query');
      }),
    setDatabase: (databaseId, database) => databases.set(databaseId, database),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
