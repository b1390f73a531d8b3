import type { DataType } from '@huggingface/transformers';
import { AppError } from '../core/app-error.js';
import type { Embedder } from '../ports.js';

export interface EmbedderConfig {
  /** `local`: transformers.js on this machine; `openai`: an OpenAI-compatible API; `none`: keyword-only. */
  embeddings: 'local' | 'openai' | 'none';
  /** Local model id. Default `Xenova/multilingual-e5-small`. */
  embeddingModel?: string;
  /** Local model dtype. Default `q8`. */
  embeddingDtype?: DataType;
  /** Default `./models`. */
  modelsDir?: string;
  /** Let the local embedder download a missing model from the hub. Default false. */
  allowRemoteModels?: boolean;
  queryPrefix?: string;
  passagePrefix?: string;
  batchSize?: number;
  openaiApiKey?: string;
  openaiBaseURL?: string;
  /** Default `text-embedding-3-small`. */
  openaiEmbeddingModel?: string;
  embeddingDimensions?: number;
}

export interface EmbedderChoice {
  embedder: Embedder | null;
  /** Why this embedder (or none) was chosen: for the startup log and the status page. */
  reason: string;
}

/**
 * Builds the configured embedder. A local model that cannot be loaded is not fatal: it warns
 * once through `log.warn` and returns `embedder: null`, so retrieval runs keyword-only.
 *
 * @throws AppError `bad_request:config` when `openai` is chosen without an API key;
 *   `upstream:embedder` when the OpenAI endpoint fails its probe request.
 */
export async function createEmbedder(
  config: EmbedderConfig,
  log: { warn(message: string): void },
): Promise<EmbedderChoice> {
  if (config.embeddings === 'none') {
    return { embedder: null, reason: 'Embeddings are turned off (EMBEDDINGS=none): keyword-only retrieval.' };
  }

  if (config.embeddings === 'openai') {
    if (!config.openaiApiKey) {
      throw new AppError('bad_request:config', 'EMBEDDINGS=openai needs OPENAI_API_KEY to be set.');
    }
    const model = config.openaiEmbeddingModel ?? 'text-embedding-3-small';
    // Imported only here, like the LLM provider: a server without OpenAI never loads it (~2.5 MB).
    const { createOpenAIEmbedder } = await import('./openai-embedder.js');
    const embedder = await createOpenAIEmbedder({
      apiKey: config.openaiApiKey,
      model,
      ...(config.openaiBaseURL ? { baseURL: config.openaiBaseURL } : {}),
      ...(config.embeddingDimensions ? { dimensions: config.embeddingDimensions } : {}),
    });
    return { embedder, reason: `OpenAI-compatible embeddings: ${model} (${embedder.dimension} dimensions).` };
  }

  // Imported only here: transformers.js loads onnxruntime's native library (~100 MB of RSS),
  // which a keyword-only or OpenAI-embedding server never needs.
  const { createTransformersEmbedder, defaultEmbeddingDtype, defaultEmbeddingModelId } = await import('./transformers-embedder.js');
  const modelId = config.embeddingModel ?? defaultEmbeddingModelId;
  const dtype = config.embeddingDtype ?? defaultEmbeddingDtype;
  try {
    const embedder = await createTransformersEmbedder({
      modelId,
      dtype,
      modelsDir: config.modelsDir ?? './models',
      allowRemote: config.allowRemoteModels ?? false,
      ...(config.queryPrefix !== undefined ? { queryPrefix: config.queryPrefix } : {}),
      ...(config.passagePrefix !== undefined ? { passagePrefix: config.passagePrefix } : {}),
      ...(config.batchSize ? { batchSize: config.batchSize } : {}),
    });
    return { embedder, reason: `Local embeddings: ${modelId} (${dtype}, ${embedder.dimension} dimensions).` };
  } catch (error) {
    // createTransformersEmbedder's message already names the model, the folder and the fix.
    const cause = error instanceof Error ? error.message : String(error);
    log.warn(`${cause} Using keyword-only retrieval until then.`);
    return { embedder: null, reason: cause };
  }
}
