import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entryPoint = path.join(root, 'src/widget/main.ts');
/** Where `npm run build:widget` writes the bundle; the server falls back to it without esbuild. */
// dist/public is also the Worker's static assets folder (wrangler.toml [assets]).
export const prebuiltWidgetPath = path.join(root, 'dist/public/widget.js');

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
  });
  const code = result.outputFiles[0]!.text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

/**
 * The widget script for the server: built now with esbuild when it is installed, otherwise the
 * bundle `npm run build:widget` left in dist/. Throws when neither is available.
 */
export async function loadWidgetScript(): Promise<string> {
  try {
    return (await buildWidget()).code;
  } catch (buildError) {
    try {
      return await readFile(prebuiltWidgetPath, 'utf8');
    } catch {
      throw buildError;
    }
  }
}
