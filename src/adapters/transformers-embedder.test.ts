import { createReadStream } from 'node:fs';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinyModel, tinyModelDimension } from '../../bench/create-tiny-model.js';
import { AppError } from '../core/app-error.js';
import { createTransformersEmbedder, type TransformersEmbedder } from './transformers-embedder.js';

function norm(vector: number[]): number {
  return Math.hypot(...vector);
}

function expectClose(actual: number[] | undefined, expected: number[] | undefined): void {
  expect(actual).toHaveLength(expected?.length ?? -1);
  actual?.forEach((value, index) => expect(value).toBeCloseTo(expected![index]!, 5));
}

describe('createTransformersEmbedder with the tiny model', () => {
  let modelsDir: string;
  let modelId: string;
  let embedder: TransformersEmbedder;
  let unprefixed: TransformersEmbedder;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'transformers-embedder-'));
    modelId = await createTinyModel(modelsDir);
    embedder = await createTransformersEmbedder({ modelId, dtype: 'q8', modelsDir, allowRemote: false, batchSize: 2 });
    unprefixed = await createTransformersEmbedder({
      modelId,
      dtype: 'fp32',
      modelsDir,
      allowRemote: false,
      queryPrefix: '',
      passagePrefix: '',
    });
  });
  afterAll(async () => {
    await embedder?.dispose();
    await unprefixed?.dispose();
    await rm(modelsDir, { recursive: true, force: true });
  });

  it('reads the dimension from the model output', () => {
    expect(embedder.modelId).toBe(modelId);
    expect(embedder.dimension).toBe(tinyModelDimension);
  });

  it('returns L2-normalised vectors', async () => {
    const vectors = [await embedder.embedQuery('what is the tax rate?'), ...(await embedder.embedPassages(['台北市政府', 'hello world']))];
    for (const vector of vectors) {
      expect(vector).toHaveLength(tinyModelDimension);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('gives the same vector for the same text and different vectors for different texts', async () => {
    expect(await embedder.embedQuery('city budget')).toEqual(await embedder.embedQuery('city budget'));
    expect(await embedder.embedQuery('city budget')).not.toEqual(await embedder.embedQuery('school water'));
    expect(await embedder.embedQuery('台北')).not.toEqual(await embedder.embedQuery('学校'));
  });

  it('embeds a batch (across batch boundaries, in input order) as it embeds each text alone', async () => {
    const texts = ['the council said the tax rate will rise', 'cat', '台北市 water price', 'news', 'a new school report'];
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [index, text] of texts.entries()) {
      const [single] = await embedder.embedPassages([text]);
      expectClose(batched[index], single);
    }
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('applies the query and passage prefixes', async () => {
    const text = 'tax rate';
    const query = await embedder.embedQuery(text);
    const [passage] = await embedder.embedPassages([text]);
    expect(query).not.toEqual(passage);
    const [expectedQuery, expectedPassage] = await unprefixed.embedPassages([`query: ${text}`, `passage: ${text}`]);
    expectClose(query, expectedQuery);
    expectClose(passage, expectedPassage);
    expectClose(await unprefixed.embedQuery(text), (await unprefixed.embedPassages([text]))[0]);
  });
});

describe('createTransformersEmbedder when the model is missing', () => {
  let modelsDir: string;
  let hub: Server | undefined;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'transformers-embedder-missing-'));
  });
  afterAll(async () => {
    hub?.closeAllConnections();
    await new Promise((resolve) => (hub ? hub.close(resolve) : resolve(undefined)));
    await rm(modelsDir, { recursive: true, force: true });
  });

  it('fails quickly with unavailable:embedder, naming the model, the folder and the fix', async () => {
    const started = performance.now();
    const failure = await createTransformersEmbedder({
      modelId: 'nobody/missing-model',
      dtype: 'q8',
      modelsDir,
      allowRemote: false,
    }).catch((error: unknown) => error);

    expect(performance.now() - started).toBeLessThan(2_000);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'unavailable:embedder', status: 503 });
    const message = (failure as AppError).message;
    expect(message).toContain('nobody/missing-model');
    expect(message).toContain(modelsDir);
    expect(message).toContain('npm run models:pull');
  });

  it('gives up on a hub that never answers after hubTimeoutMs', async () => {
    hub = createServer(() => {
      // Accept the connection and never answer, like a hub behind a black-holing firewall.
    });
    await new Promise<void>((resolve) => hub!.listen(0, '127.0.0.1', resolve));
    const { port } = hub.address() as AddressInfo;

    const started = performance.now();
    const failure = await createTransformersEmbedder({
      modelId: 'nobody/missing-model',
      dtype: 'q8',
      modelsDir,
      allowRemote: true,
      remoteHost: `http://127.0.0.1:${port}`,
      hubTimeoutMs: 300,
    }).catch((error: unknown) => error);

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(failure).toMatchObject({ code: 'unavailable:embedder' });
    expect((failure as AppError).message).toContain('or the hub');
  });
});

describe('createTransformersEmbedder with downloads allowed', () => {
  let hubDir: string;
  let modelsDir: string;
  let hub: Server;
  let hubURL: string;

  beforeAll(async () => {
    hubDir = await mkdtemp(join(tmpdir(), 'transformers-embedder-hub-'));
    modelsDir = await mkdtemp(join(tmpdir(), 'transformers-embedder-cache-'));
    await createTinyModel(hubDir);
    // Serves `<hubDir>/<model>/<file>` at the hub's `/<model>/resolve/main/<file>`.
    hub = createServer(async (request, response) => {
      const path = decodeURIComponent(request.url ?? '').replace('/resolve/main/', '/');
      const file = join(hubDir, path);
      const size = await stat(file).then((info) => (info.isFile() ? info.size : undefined), () => undefined);
      if (size === undefined || path.includes('..')) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-length': size });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    hubURL = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => hub.close(resolve));
    await rm(hubDir, { recursive: true, force: true });
    await rm(modelsDir, { recursive: true, force: true });
  });

  it('downloads into modelsDir, where the next offline start finds it', async () => {
    const progress: string[] = [];
    const online = await createTransformersEmbedder({
      modelId: 'tiny/bert-h8',
      dtype: 'q8',
      modelsDir,
      allowRemote: true,
      remoteHost: hubURL,
      onProgress: (info) => progress.push(info.status),
    });
    await online.dispose();
    expect(progress).toContain('done');
    await access(join(modelsDir, 'tiny/bert-h8/onnx/model_quantized.onnx'));

    const offline = await createTransformersEmbedder({ modelId: 'tiny/bert-h8', dtype: 'q8', modelsDir, allowRemote: false });
    expect(offline.dimension).toBe(tinyModelDimension);
    await offline.dispose();
  });
});
