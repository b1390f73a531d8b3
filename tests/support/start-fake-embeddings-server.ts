import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmbeddingsRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string[]; dimensions?: number; encoding_format?: string };
}

export interface FakeEmbeddingsServer {
  /** e.g. `http://127.0.0.1:54321/v1`: pass as `baseURL`. */
  baseURL: string;
  requests: EmbeddingsRequest[];
  /** Makes the next requests fail with this status and body. */
  failWith(status: number, body: string): void;
  close(): Promise<void>;
}

/**
 * The vector the fake returns for a text: [length, sum of char codes mod 97, 1], then zeros up
 * to `dimensions` (default 4). Deterministic, so tests can compute what to expect.
 */
export function createFakeEmbedding(text: string, dimensions = 4): number[] {
  const sum = [...text].reduce((total, character) => total + character.codePointAt(0)!, 0);
  const vector = [text.length, sum % 97, 1];
  while (vector.length < dimensions) vector.push(0);
  return vector.slice(0, dimensions);
}

/** An OpenAI-compatible `POST /v1/embeddings` on 127.0.0.1 with a random port. */
export async function startFakeEmbeddingsServer(): Promise<FakeEmbeddingsServer> {
  const requests: EmbeddingsRequest[] = [];
  let failure: { status: number; body: string } | undefined;

  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readText(request)) as EmbeddingsRequest['body'];
    requests.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
    if (failure) {
      response.writeHead(failure.status, { 'content-type': 'application/json' }).end(failure.body);
      return;
    }
    if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
      response.writeHead(404).end();
      return;
    }
    const data = body.input.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: createFakeEmbedding(text, body.dimensions),
    }));
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    failWith(status, body) {
      failure = { status, body };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
