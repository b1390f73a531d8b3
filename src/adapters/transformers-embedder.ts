import { resolve } from 'node:path';
import {
  env,
  pipeline,
  type DataType,
  type FeatureExtractionPipeline,
  type ProgressCallback,
} from '@huggingface/transformers';
import { AppError } from '../core/app-error.js';
import type { Embedder } from '../ports.js';

export const defaultEmbeddingModelId = 'Xenova/multilingual-e5-small';
export const defaultEmbeddingDtype = 'q8' satisfies DataType;

export interface TransformersEmbedderOptions {
  /** A hub id such as `Xenova/multilingual-e5-small`, looked up as `<modelsDir>/<modelId>/`. */
  modelId: string;
  /** `fp32` reads `onnx/model.onnx`, `q8` reads `onnx/model_quantized.onnx`, and so on. */
  dtype: DataType;
  /** Where models are read from, and where hub downloads are cached. */
  modelsDir: string;
  /** Whether a model missing from `modelsDir` may be downloaded from the hub. */
  allowRemote: boolean;
  /** e5 models expect `query: ` and `passage: `; pass `''` for models without prefixes. */
  queryPrefix?: string;
  passagePrefix?: string;
  /** Passages per model call. Default 32. */
  batchSize?: number;
  /** Give up on a hub request whose response has not started within this time. Default 15 s. */
  hubTimeoutMs?: number;
  /** The hub (or a mirror) to download from. Default `https://huggingface.co/`. */
  remoteHost?: string;
  onProgress?: ProgressCallback;
}

export interface TransformersEmbedder extends Embedder {
  /** Releases the ONNX session. */
  dispose(): Promise<void>;
}

const dimensionProbeText = 'dimension probe';

/**
 * Loads a feature-extraction model with transformers.js (mean pooling, L2-normalised vectors):
 * first from `modelsDir`, then from the hub when `allowRemote` is set.
 *
 * transformers.js keeps its settings in one global `env`, so this sets `env` for the whole
 * process: create one local embedder per process.
 *
 * @throws AppError `unavailable:embedder` when the model cannot be loaded or run.
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
  const { modelId, dtype, allowRemote } = options;
  const modelsDir = resolve(options.modelsDir);
  const queryPrefix = options.queryPrefix ?? 'query: ';
  const passagePrefix = options.passagePrefix ?? 'passage: ';
  const batchSize = Math.max(1, options.batchSize ?? 32);

  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  env.localModelPath = modelsDir;
  // The hub cache key is `<modelId>/<file>`, the same layout as the local lookup, so a download
  // lands exactly where the next offline start looks for it.
  env.cacheDir = modelsDir;
  env.useFSCache = true;
  if (options.remoteHost) env.remoteHost = options.remoteHost.endsWith('/') ? options.remoteHost : `${options.remoteHost}/`;
  env.fetch = createFetchWithResponseTimeout(options.hubTimeoutMs ?? 15_000);

  let extractor: FeatureExtractionPipeline;
  let dimension: number;
  try {
    extractor = await pipeline('feature-extraction', modelId, {
      dtype,
      device: 'cpu',
      ...(options.onProgress ? { progress_callback: options.onProgress } : {}),
    });
    const probe = await extractor(dimensionProbeText, { pooling: 'mean', normalize: true });
    dimension = probe.dims.at(-1) ?? 0;
    if (probe.dims.length !== 2 || dimension < 1) throw new Error(`unexpected output shape [${probe.dims.join(', ')}]`);
  } catch (error) {
    throw new AppError('unavailable:embedder', describeLoadFailure(options, modelsDir, error), { cause: error });
  }

  async function embedBatch(texts: string[]): Promise<number[][]> {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const data = output.data as Float32Array;
    return texts.map((_, row) => Array.from(data.subarray(row * dimension, (row + 1) * dimension)));
  }

  return {
    modelId,
    dimension,
    async embedQuery(text) {
      const [vector] = await embedBatch([queryPrefix + text]);
      return vector ?? [];
    },
    async embedPassages(texts) {
      // Batches of similar length pad less: sort by length, embed, then put back in order.
      const order = texts.map((_, index) => index).sort((left, right) => texts[left]!.length - texts[right]!.length);
      const vectors: number[][] = new Array(texts.length);
      for (let start = 0; start < order.length; start += batchSize) {
        const indices = order.slice(start, start + batchSize);
        const batch = await embedBatch(indices.map((index) => passagePrefix + texts[index]));
        indices.forEach((index, row) => {
          vectors[index] = batch[row]!;
        });
      }
      return vectors;
    },
    async dispose() {
      await extractor.dispose();
    },
  };
}

function describeLoadFailure(options: TransformersEmbedderOptions, modelsDir: string, error: unknown): string {
  const where = options.allowRemote ? `from ${modelsDir} or the hub` : `from ${modelsDir} (downloads are off)`;
  return (
    `Embedding model ${options.modelId} (${options.dtype}) could not be loaded ${where}: ${describeCause(error)}. ` +
    `Run \`npm run models:pull\` on a machine with internet to fetch it into ${modelsDir}.`
  );
}

/** transformers.js messages are long and say "fetch failed" without the reason: shorten them. */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const missingFile = /not found locally at "([^"]+)"/.exec(error.message)?.[1];
  if (missingFile) return `${missingFile} is missing`;
  const inner = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = `${error.message}${inner}`.replace(/\.+$/, '');
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/**
 * transformers.js has no timeout of its own and a fetch to an unreachable hub can hang. This
 * aborts only while waiting for the response to start, so a slow but live download continues.
 */
function createFetchWithResponseTimeout(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no response from ${String(input)} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return await fetch(input, { ...init, signal });
    } finally {
      clearTimeout(timer);
    }
  };
}
