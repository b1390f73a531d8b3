import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, test } from 'vitest';

// The global setup built the bundle with `wrangler deploy --dry-run --outdir` and no account,
// token or network: these tests read what it produced.
describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  const bundleDir = inject('workerBundleDir');

  test('declares every binding', () => {
    const output = inject('dryRunOutput');
    for (const binding of ['env.DB (cited-answers)', 'env.VECTORIZE (cited-answers)', 'env.AI', 'env.ASSETS']) {
      expect(output).toContain(binding);
    }
  });

  test('builds the widget into the assets folder itself, so a new clone needs no other command first', () => {
    const output = inject('dryRunOutput');
    expect(output).toContain('[custom build] Running: npm run build:widget');
    expect(output).toMatch(/Read \d+ files? from the assets directory .*dist\/public/);
  });

  test('holds the worker and the prompt texts only', async () => {
    const files = (await readdir(bundleDir)).filter((file) => !file.endsWith('.map') && file !== 'README.md').sort();
    expect(files).toHaveLength(3);
    expect(files.filter((file) => file.endsWith('.md')).map((file) => file.replace(/^[0-9a-f]+-/, '')).sort()).toEqual(['answer-system.md', 'resolve-question.md']);
    expect(files.some((file) => /\.(wasm|node|so|bin|onnx)$/.test(file))).toBe(false);
  });

  test('contains no LanceDB, transformers.js, ONNX runtime or other native module', async () => {
    const code = await readFile(path.join(bundleDir, 'worker.js'), 'utf8');
    // esbuild heads each bundled package's code with a `// node_modules/<package>/…` comment.
    const packages = new Set([...code.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((match) => match[1]));
    expect(packages).toContain('hono'); // the comments are there to read
    for (const forbidden of ['@lancedb/lancedb', 'apache-arrow', '@huggingface/transformers', 'onnxruntime-node', 'onnxruntime-web', 'onnxruntime-common', 'sharp', '@hono/node-server', 'cli-progress']) {
      expect(packages, forbidden).not.toContain(forbidden);
    }
    for (const forbidden of ['lancedb', 'onnxruntime', '.node"', 'node-gyp-build', 'process.dlopen', 'WebAssembly.instantiate']) {
      expect(code, forbidden).not.toContain(forbidden);
    }
    // Node built-ins may only be probed at run time (the AI SDK's optional telemetry), never imported.
    expect(code).not.toMatch(/^\s*import\b[^;]*["']node:/m);
    expect(code).not.toMatch(/require\(["'](?:node:)?(?:fs|path|os|child_process|crypto|net|http)["']\)/);
  });

  test('fits Workers size limits', async () => {
    const code = await readFile(path.join(bundleDir, 'worker.js'));
    const gzipped = gzipSync(code).length;
    console.log(`worker.js: ${(code.length / 1024).toFixed(0)} KiB, gzip ${(gzipped / 1024).toFixed(0)} KiB`);
    expect(gzipped).toBeLessThan(3 * 1024 * 1024); // the Free plan's limit; Paid allows 10 MiB
  });
});
