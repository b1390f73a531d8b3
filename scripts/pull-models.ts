// Downloads the local embedding model into MODELS_DIR so the app can start offline.
// Usage: npm run models:pull   (EMBEDDING_MODEL, EMBEDDING_DTYPE, MODELS_DIR, HF_ENDPOINT)
import { resolve } from 'node:path';
import type { DataType, ProgressInfo } from '@huggingface/transformers';
import {
  createTransformersEmbedder,
  defaultEmbeddingDtype,
  defaultEmbeddingModelId,
} from '../src/adapters/transformers-embedder.js';

const modelId = process.env.EMBEDDING_MODEL || defaultEmbeddingModelId;
const dtype = (process.env.EMBEDDING_DTYPE || defaultEmbeddingDtype) as DataType;
const modelsDir = resolve(process.env.MODELS_DIR || './models');
const remoteHost = process.env.HF_ENDPOINT;

// Print each file's progress in steps of 10% rather than on every chunk.
const reportedPercent = new Map<string, number>();
function reportProgress(info: ProgressInfo): void {
  if (info.status === 'progress') {
    const step = Math.floor(info.progress / 10) * 10;
    if ((reportedPercent.get(info.file) ?? -1) >= step) return;
    reportedPercent.set(info.file, step);
    const size = info.total >= 1e6 ? `${(info.total / 1e6).toFixed(1)} MB` : `${Math.ceil(info.total / 1e3)} kB`;
    console.log(`  ${info.file}: ${step}% of ${size}`);
  } else if (info.status === 'done') {
    console.log(`  ${info.file}: done`);
  }
}

console.log(`Pulling ${modelId} (${dtype}) into ${modelsDir}`);
try {
  const embedder = await createTransformersEmbedder({
    modelId,
    dtype,
    modelsDir,
    allowRemote: true,
    onProgress: reportProgress,
    ...(remoteHost ? { remoteHost } : {}),
  });
  await embedder.dispose();
  console.log(`Ready: ${modelId} (${dtype}, ${embedder.dimension} dimensions) in ${resolve(modelsDir, modelId)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error('Check the internet connection (or set HF_ENDPOINT to a reachable mirror) and try again.');
  process.exitCode = 1;
}
