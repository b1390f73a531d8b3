import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entryPoint = path.join(root, 'src/widget/main.ts');
/** Where `npm run build:widget` writes the bundle; the server falls back to it without esbuild. */
// dist/public is also the Worker's static assets folder (wrangler.toml [assets]).
export const prebuiltWidgetPath = path.join(root, 'dist/public/widget.js');
/** Where the server keeps the last bundle it built, named by the hash of its sources. */
const cacheDir = path.join(root, 'dist/cache');
const cacheManifestPath = path.join(cacheDir, 'widget.json');

// The AI SDK validates each stream part with zod, which would be two thirds of the bundle. The
// widget checks every field it renders itself (see read-citations.ts), so in the browser zod is
// replaced by a stub with the same exports whose schemas accept anything unchanged.
const zodStubPrelude = `
const pass = (value) => ({ success: true, data: value });
export const safeParse = (_schema, value) => pass(value);
export const safeParseAsync = async (_schema, value) => pass(value);
export const parse = (_schema, value) => value;
export const parseAsync = async (_schema, value) => value;
export const toJSONSchema = () => ({});
export const config = () => ({});
const schema = new Proxy(function () {}, {
  get(_target, key) {
    if (key === 'safeParse' || key === 'safeParseAsync') return async (value) => pass(value);
    if (key === 'parse' || key === 'parseAsync') return (value) => value;
    if (key === 'then' || typeof key === 'symbol') return undefined;
    return schema;
  },
  apply: () => schema,
  construct: () => schema,
  has: () => true,
});
export default schema;
`;
const stubbedNames = new Set(['default', 'safeParse', 'safeParseAsync', 'parse', 'parseAsync', 'toJSONSchema', 'config']);

const zodStub: Plugin = {
  name: 'zod-stub',
  setup(build) {
    build.onResolve({ filter: /^zod(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'zod-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'zod-stub' }, async (args) => {
      // Export every name the real module exports, so any import the SDK makes resolves.
      const names = Object.keys((await import(args.path)) as object).filter((name) => !stubbedNames.has(name));
      return { contents: `${zodStubPrelude}\nexport { ${names.map((name) => `schema as ${name}`).join(', ')} };\n`, loader: 'js' };
    });
  },
};

export interface WidgetBundle {
  code: string;
  bytes: number;
  gzipBytes: number;
  /** The bundle's own source files (not node_modules), relative to the repository. */
  inputs: string[];
}

/** Bundles src/widget/ into a minified IIFE for browsers. Throws when esbuild reports errors. */
export async function buildWidget(): Promise<WidgetBundle> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'safari16', 'firefox115'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    plugins: [zodStub],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    absWorkingDir: root,
  });
  const code = result.outputFiles[0]!.text;
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':') && !input.includes('node_modules/')).sort();
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length, inputs };
}

/** The cache key: the bundle's source files and the locked dependency versions. */
async function hashWidgetInputs(inputs: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const input of [...inputs, 'package-lock.json']) hash.update(input).update('\0').update(await readFile(path.join(root, input))).update('\0');
  return hash.digest('hex').slice(0, 20);
}

/** The cached bundle when its sources hash as they did when it was built, else undefined. */
async function readCachedWidget(): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(cacheManifestPath, 'utf8')) as { key: string; inputs: string[] };
    if ((await hashWidgetInputs(manifest.inputs)) !== manifest.key) return undefined;
    return await readFile(path.join(cacheDir, `widget-${manifest.key}.js`), 'utf8');
  } catch {
    return undefined;
  }
}

async function writeCachedWidget(bundle: WidgetBundle): Promise<void> {
  const key = await hashWidgetInputs(bundle.inputs);
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, `widget-${key}.js`), bundle.code);
  // The manifest is replaced last and atomically, so it never names a half-written bundle.
  await writeFile(`${cacheManifestPath}.tmp`, JSON.stringify({ key, inputs: bundle.inputs }));
  await rename(`${cacheManifestPath}.tmp`, cacheManifestPath);
}

/**
 * The widget script for the server: the bundle cached in dist/cache when its sources are
 * unchanged, else built now with esbuild (and cached), else the bundle `npm run build:widget`
 * left in dist/. Throws when none is available.
 */
export async function loadWidgetScript(): Promise<string> {
  const cached = await readCachedWidget();
  if (cached !== undefined) return cached;
  try {
    const bundle = await buildWidget();
    await writeCachedWidget(bundle).catch(() => undefined);
    return bundle.code;
  } catch (buildError) {
    try {
      return await readFile(prebuiltWidgetPath, 'utf8');
    } catch {
      throw buildError;
    }
  }
}
