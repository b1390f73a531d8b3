// Checks the project's own import graph against the layering in STYLE.md: core imports only
// core; the engine never imports routes, adapters or the widget; adapters never import routes,
// the engine or the widget; routes never import adapters; the widget imports only core; nothing
// in src/ imports from outside src/; and no import circle anywhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** File (relative to the root, `/`-separated) → the project files it imports. */
type ImportGraph = Map<string, string[]>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checkedFolders = ['src', 'ingest', 'evals', 'bench', 'scripts'];

const importPatterns = [
  /^\s*import\s+(?:type\s+)?[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gmu,
  /^\s*import\s*['"]([^'"]+)['"]/gmu,
  /^\s*export\s+(?:type\s+)?(?:\*|\{)[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gmu,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/gu,
];

/** The relative module specifiers a TypeScript source imports or re-exports, dynamic imports included. */
function readSpecifiers(source: string): string[] {
  return importPatterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!)).filter((specifier) => specifier.startsWith('.'));
}

function listSources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return listSources(relative);
    return /\.ts$/u.test(entry.name) && !/\.(test|spec)\.ts$|\.d\.ts$/u.test(entry.name) ? [relative] : [];
  });
}

/** The import graph of the project's code (tests and type declarations left out). */
function readImportGraph(): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of checkedFolders.filter((folder) => existsSync(path.join(root, folder))).flatMap(listSources)) {
    const targets = readSpecifiers(readFileSync(path.join(root, file), 'utf8')).flatMap((specifier) => {
      const base = path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/u, '');
      return [`${base}.ts`, `${base}/index.ts`].filter((candidate) => existsSync(path.join(root, candidate))).slice(0, 1);
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

const layerOf = (file: string) => /^src\/(core|engine|adapters|http|widget)\//u.exec(file)?.[1] ?? (file.startsWith('src/') ? 'src' : 'outside');

/** What a layer may not import (`outside` is code beyond src/: ingest, evals, bench, scripts). */
const forbiddenImports: Record<string, string[]> = {
  core: ['engine', 'adapters', 'http', 'widget', 'src', 'outside'],
  engine: ['adapters', 'http', 'widget', 'outside'],
  adapters: ['engine', 'http', 'widget', 'outside'],
  http: ['adapters', 'outside'],
  widget: ['engine', 'adapters', 'http', 'src', 'outside'],
  src: ['outside'],
};

/** Every import that runs against the layering, as `from -> to`. */
function findLayeringViolations(graph: ImportGraph): string[] {
  return [...graph].flatMap(([file, targets]) =>
    targets.filter((target) => forbiddenImports[layerOf(file)]?.includes(layerOf(target))).map((target) => `${file} -> ${target}`),
  );
}

/** Every import circle (strongly connected set of two or more files, or a file importing itself), each sorted. */
function findCircles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    lowLink.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== file);
    if (members.length > 1 || graph.get(file)?.includes(file)) circles.push(members.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

describe('the import-graph checks', () => {
  it('reads static, type-only, side-effect, re-export and dynamic imports, and only relative ones', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import {\n  c,\n  d,\n} from './c.js';",
      "import './side-effect.js';",
      "export { e } from './e.js';",
      "export * from './f.js';",
      "const g = await import('./g.js');",
      "import { z } from 'zod';",
      "export const label = './not-an-import.js';",
      "// an import from './comment.js' in a comment",
    ].join('\n');
    expect(readSpecifiers(source).sort()).toEqual(['../b.js', './a.js', './c.js', './e.js', './f.js', './g.js', './side-effect.js']);
  });

  it.each<[string, Record<string, string[]>, string[]]>([
    ['core importing the engine', { 'src/core/a.ts': ['src/engine/b.ts'] }, ['src/core/a.ts -> src/engine/b.ts']],
    ['core importing ports', { 'src/core/a.ts': ['src/ports.ts'] }, ['src/core/a.ts -> src/ports.ts']],
    ['the engine importing an adapter', { 'src/engine/a.ts': ['src/adapters/b.ts'] }, ['src/engine/a.ts -> src/adapters/b.ts']],
    ['the engine importing a route', { 'src/engine/a.ts': ['src/http/b.ts'] }, ['src/engine/a.ts -> src/http/b.ts']],
    ['an adapter importing a route', { 'src/adapters/a.ts': ['src/http/slack/b.ts'] }, ['src/adapters/a.ts -> src/http/slack/b.ts']],
    ['an adapter importing the engine', { 'src/adapters/a.ts': ['src/engine/b.ts'] }, ['src/adapters/a.ts -> src/engine/b.ts']],
    ['a route importing an adapter', { 'src/http/a.ts': ['src/adapters/b.ts'] }, ['src/http/a.ts -> src/adapters/b.ts']],
    ['the widget importing a route', { 'src/widget/a.ts': ['src/http/b.ts'] }, ['src/widget/a.ts -> src/http/b.ts']],
    ['src importing a command-line file', { 'src/node.ts': ['scripts/build-widget.ts'] }, ['src/node.ts -> scripts/build-widget.ts']],
    [
      'allowed imports',
      {
        'src/engine/a.ts': ['src/core/b.ts', 'src/ports.ts'],
        'src/adapters/a.ts': ['src/core/b.ts', 'src/ports.ts'],
        'src/http/a.ts': ['src/engine/a.ts', 'src/core/b.ts'],
        'src/widget/a.ts': ['src/core/b.ts'],
        'src/node.ts': ['src/adapters/a.ts', 'src/http/a.ts'],
        'ingest/main.ts': ['src/ingest/run-ingest.ts'],
      },
      [],
    ],
  ])('finds %s', (_name, edges, expected) => {
    expect(findLayeringViolations(new Map(Object.entries(edges)))).toEqual(expected);
  });

  it('finds circles of two files, of three, and a file importing itself, but not a diamond', () => {
    const graph: ImportGraph = new Map(
      Object.entries({
        'evals/a.ts': ['evals/b.ts'],
        'evals/b.ts': ['evals/a.ts'],
        'src/x.ts': ['src/y.ts'],
        'src/y.ts': ['src/z.ts'],
        'src/z.ts': ['src/x.ts'],
        'src/self.ts': ['src/self.ts'],
        'src/top.ts': ['src/left.ts', 'src/right.ts'],
        'src/left.ts': ['src/bottom.ts'],
        'src/right.ts': ['src/bottom.ts'],
      }),
    );
    expect(findCircles(graph).sort()).toEqual([['evals/a.ts', 'evals/b.ts'], ['src/self.ts'], ['src/x.ts', 'src/y.ts', 'src/z.ts']]);
  });
});

describe("the project's import graph", () => {
  const graph = readImportGraph();
  it('is read from every folder of code', () => {
    for (const file of ['src/node.ts', 'src/core/verify-citations.ts', 'ingest/main.ts', 'evals/main.ts', 'bench/run-bench.ts', 'scripts/build-widget.ts']) {
      expect(graph.has(file), file).toBe(true);
    }
    expect(graph.get('src/node.ts')).toContain('src/create-node-deps.ts');
  });

  it('has no import circle', () => {
    expect(findCircles(graph)).toEqual([]);
  });

  it('has no layering violation', () => {
    expect(findLayeringViolations(graph)).toEqual([]);
  });
});
