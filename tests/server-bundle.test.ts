import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerBundle } from '../scripts/build-server-bundle.mjs';

// What `npm start` loads before it serves: every package the server's entry reaches through
// static imports. Optional packages must stay behind dynamic imports, or every start pays
// for them in RSS and start-up time (onnxruntime alone is ~100 MB).
describe('the server bundle', () => {
  let outDir: string;
  let staticPackages: Set<string>;
  let dynamicPackages: Set<string>;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'server-bundle-'));
    const { metafile } = await buildServerBundle(esbuild, outDir);
    const entry = Object.keys(metafile.outputs).find((output) => output.endsWith('/node.js'))!;
    staticPackages = new Set();
    dynamicPackages = new Set();
    const seen = new Set<string>();
    const visit = (output: string) => {
      if (seen.has(output)) return;
      seen.add(output);
      for (const imported of metafile.outputs[output]!.imports) {
        if (imported.external) (imported.kind === 'dynamic-import' ? dynamicPackages : staticPackages).add(imported.path);
        else if (imported.kind === 'import-statement') visit(imported.path);
      }
    };
    visit(entry);
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('imports transformers.js, the Slack and OpenAI clients and esbuild only when they are used', () => {
    const optional = ['@huggingface/transformers', '@slack/web-api', '@ai-sdk/openai', 'esbuild'];
    expect(optional.filter((name) => staticPackages.has(name))).toEqual([]);
    expect([...dynamicPackages]).toEqual(expect.arrayContaining(['@ai-sdk/openai', 'esbuild']));
    // The walk does see what every start needs.
    expect([...staticPackages]).toEqual(expect.arrayContaining(['@lancedb/lancedb', 'hono', 'ai']));
  });
});
