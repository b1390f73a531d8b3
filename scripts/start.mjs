// `npm start`: runs the server from a bundle (dist/server/node.js) that esbuild builds on the
// first start and rebuilds whenever a source file changes, so no TypeScript is compiled on an
// ordinary start. Plain JavaScript, so it needs neither tsx nor an install script.
import { createHash } from 'node:crypto';
import module from 'node:module';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServerBundle } from './build-server-bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist', 'server');
const bundle = path.join(outDir, 'node.js');
const stampPath = path.join(outDir, 'sources.sha256');

/** A hash of every source file the bundle is made of, of its build options and of the locked dependencies. */
async function hashSources() {
  const hash = createHash('sha256');
  const files = (await readdir(path.join(root, 'src'), { recursive: true }))
    .filter((file) => /\.(?:ts|mts|mjs|json)$/u.test(file) && !file.endsWith('.test.ts'))
    .sort();
  for (const file of [...files.map((file) => path.join('src', file)), 'scripts/build-server-bundle.mjs', 'package-lock.json']) {
    hash.update(file).update('\0').update(await readFile(path.join(root, file)).catch(() => '')).update('\0');
  }
  return hash.digest('hex');
}

async function ensureBundle() {
  const [current, recorded] = await Promise.all([hashSources(), readFile(stampPath, 'utf8').catch(() => '')]);
  if (current === recorded.trim()) return;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (recorded) {
      console.warn('esbuild is not installed: running the existing bundle, which is older than the sources.');
      return;
    }
    throw new Error('The server bundle is missing and esbuild is not installed: run `npm install` (with dev dependencies) once.');
  }
  const started = performance.now();
  await buildServerBundle(esbuild, outDir);
  await mkdir(outDir, { recursive: true });
  await writeFile(stampPath, `${current}\n`);
  console.error(`Built ${path.relative(process.cwd(), bundle)} in ${Math.round(performance.now() - started)} ms (sources changed).`);
}

await ensureBundle();
// Node 22.1+ keeps the compiled code of every module it loads (ours and node_modules) on disk and
// reuses it on the next start; older versions have no enableCompileCache and compile each time.
module.enableCompileCache?.(path.join(root, 'dist', 'cache', 'compile'));
await import(pathToFileURL(bundle).href);
