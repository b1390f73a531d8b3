import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinyModel, tinyModelDimension } from '../../bench/create-tiny-model.js';
import {
  createFakeEmbedding,
  startFakeEmbeddingsServer,
  type FakeEmbeddingsServer,
} from '../../tests/support/start-fake-embeddings-server.js';
import { createEmbedder } from './create-embedder.js';
import type { TransformersEmbedder } from './transformers-embedder.js';

function createWarnings() {
  const messages: string[] = [];
  return { messages, log: { warn: (message: string) => void messages.push(message) } };
}

describe('createEmbedder', () => {
  let modelsDir: string;
  let emptyModelsDir: string;
  let server: FakeEmbeddingsServer;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'create-embedder-'));
    emptyModelsDir = await mkdtemp(join(tmpdir(), 'create-embedder-empty-'));
    await createTinyModel(modelsDir);
    server = await startFakeEmbeddingsServer();
  });
  afterAll(async () => {
    await server.close();
    await rm(modelsDir, { recursive: true, force: true });
    await rm(emptyModelsDir, { recursive: true, force: true });
  });

  it('returns no embedder for none, without warning', async () => {
    const { messages, log } = createWarnings();
    const choice = await createEmbedder({ embeddings: 'none' }, log);
    expect(choice.embedder).toBeNull();
    expect(choice.reason).toMatch(/keyword-only/);
    expect(messages).toEqual([]);
  });

  it('falls back to keyword-only with exactly one warning when the local model is missing', async () => {
    const { messages, log } = createWarnings();
    const choice = await createEmbedder({ embeddings: 'local', modelsDir: emptyModelsDir }, log);

    expect(choice.embedder).toBeNull();
    expect(choice.reason).toContain('Xenova/multilingual-e5-small');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('Xenova/multilingual-e5-small');
    expect(messages[0]).toContain(emptyModelsDir);
    expect(messages[0]).toContain('npm run models:pull');
    expect(messages[0]).toContain('keyword-only');
  });

  it('loads a local model that is present', async () => {
    const { messages, log } = createWarnings();
    const choice = await createEmbedder(
      { embeddings: 'local', embeddingModel: 'tiny/bert-h8', embeddingDtype: 'fp32', modelsDir },
      log,
    );

    expect(choice.embedder?.dimension).toBe(tinyModelDimension);
    expect(choice.reason).toContain('tiny/bert-h8');
    expect(messages).toEqual([]);
    await (choice.embedder as TransformersEmbedder).dispose();
  });

  it('requires an API key for openai', async () => {
    const { log } = createWarnings();
    await expect(createEmbedder({ embeddings: 'openai' }, log)).rejects.toMatchObject({
      code: 'bad_request:config',
      status: 400,
    });
  });

  it('builds an OpenAI-compatible embedder', async () => {
    const { messages, log } = createWarnings();
    const choice = await createEmbedder(
      {
        embeddings: 'openai',
        openaiApiKey: 'test-key',
        openaiBaseURL: server.baseURL,
        openaiEmbeddingModel: 'embed-small',
        embeddingDimensions: 4,
      },
      log,
    );

    expect(choice.embedder?.modelId).toBe('embed-small');
    expect(await choice.embedder?.embedQuery('vote')).toEqual(createFakeEmbedding('vote'));
    expect(messages).toEqual([]);
  });
});
