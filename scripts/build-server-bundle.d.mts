import type { BuildResult } from 'esbuild';

export function buildServerBundle(esbuild: typeof import('esbuild'), outDir: string): Promise<BuildResult<{ metafile: true }>>;
