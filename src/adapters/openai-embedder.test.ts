import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../core/app-error.js';
import {
  createFakeEmbedding,
  startFakeEmbeddingsServer,
  type FakeEmbeddingsServer,
} from '../../tests/support/start-fake-embeddings-server.js';
import { createOpenAIEmbedder } from './openai-embedder.js';

describe('createOpenAIEmbedder', () => {
  let server: FakeEmbeddingsServer;

  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('probes the dimension once, then sends queries and passages to /v1/embeddings', async () => {
    const embedder = await createOpenAIEmbedder({ apiKey: 'test-key', baseURL: server.baseURL, model: 'embed-small' });

    expect(embedder.modelId).toBe('embed-small');
    expect(embedder.dimension).toBe(4);
    expect(server.requests).toHaveLength(1);

    expect(await embedder.embedQuery('tax rate')).toEqual(createFakeEmbedding('tax rate'));
    expect(await embedder.embedPassages(['台北市', 'city budget'])).toEqual([
      createFakeEmbedding('台北市'),
      createFakeEmbedding('city budget'),
    ]);

    const [, queryRequest, passagesRequest] = server.requests;
    expect(queryRequest).toMatchObject({
      path: '/v1/embeddings',
      authorization: 'Bearer test-key',
      body: { model: 'embed-small', input: ['tax rate'] },
    });
    expect(passagesRequest?.body).toMatchObject({ model: 'embed-small', input: ['台北市', 'city budget'] });
  });

  it('passes dimensions through and skips the probe when they are given', async () => {
    const embedder = await createOpenAIEmbedder({
      apiKey: 'test-key',
      baseURL: server.baseURL,
      model: 'embed-small',
      dimensions: 6,
    });

    expect(embedder.dimension).toBe(6);
    expect(server.requests).toHaveLength(0);
    expect(await embedder.embedQuery('vote')).toEqual(createFakeEmbedding('vote', 6));
    expect(server.requests[0]?.body).toMatchObject({ dimensions: 6, input: ['vote'] });
  });

  it('makes no request for an empty passage list', async () => {
    const embedder = await createOpenAIEmbedder({ apiKey: 'k', baseURL: server.baseURL, model: 'm', dimensions: 4 });
    expect(await embedder.embedPassages([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('turns an upstream 500 into upstream:embedder without the upstream body', async () => {
    const embedder = await createOpenAIEmbedder({
      apiKey: 'k',
      baseURL: server.baseURL,
      model: 'embed-small',
      dimensions: 4,
      maxRetries: 0,
    });
    server.failWith(500, JSON.stringify({ error: { message: 'secret internal detail sk-123' } }));

    const failure = await embedder.embedPassages(['a', 'b']).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'upstream:embedder', status: 502 });
    const message = (failure as AppError).message;
    expect(message).toContain('embed-small');
    expect(message).toContain('HTTP 500');
    expect(message).not.toContain('secret');
    await expect(embedder.embedQuery('a')).rejects.toMatchObject({ code: 'upstream:embedder' });
  });
});
