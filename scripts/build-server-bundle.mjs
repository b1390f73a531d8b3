// The server bundle that `npm start` runs (scripts/start.mjs builds it when sources change).
// Plain JavaScript, like start.mjs, so that starting needs no tsx.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Bundles the Node server (src/node.ts) and the ingest worker into `outDir` with `esbuild`, the
 * module itself (start.mjs imports it only when the sources changed). Returns esbuild's result,
 * with its metafile. Throws when esbuild reports errors.
 */
export function buildServerBundle(esbuild, outDir) {
  return esbuild.build({
    entryPoints: { node: path.join(root, 'src/node.ts'), 'prepare-worker': path.join(root, 'src/ingest/prepare-worker.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Dynamic imports stay separate chunks, loaded only when used (transformers.js for
    // EMBEDDINGS=local, the Slack Web API client when Slack is configured, the OpenAI provider
    // with a key): without splitting, esbuild would hoist their packages' imports into the entry
    // and load them on every start.
    splitting: true,
    chunkNames: '[name]-[hash]', // beside the entries, so import.meta.url paths hold in any chunk
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    metafile: true,
  });
}
